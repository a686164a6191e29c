package dnt.core;

/**
 * Identifies a base station (a physical network object of the paper, Sec. II).
 *
 * @param value a non-negative number
 */
public record BaseStationId(int value) implements Comparable<BaseStationId> {
  /** Validates the id. */
  public BaseStationId {
    if (value < 0) {
      throw new InvalidInputException("base-station id must be non-negative, got " + value);
    }
  }

  /**
   * Returns the station with this number.
   *
   * @param value the id
   * @return the station id
   */
  public static BaseStationId of(int value) {
    return new BaseStationId(value);
  }

  @Override
  public int compareTo(BaseStationId other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
