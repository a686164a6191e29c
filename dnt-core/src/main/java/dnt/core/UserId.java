package dnt.core;

/**
 * Identifies a user device (user equipment), a physical network object of the paper (Sec. II).
 *
 * @param value a non-negative number
 */
public record UserId(int value) implements Comparable<UserId> {
  /** Validates the id. */
  public UserId {
    if (value < 0) {
      throw new InvalidInputException("user id must be non-negative, got " + value);
    }
  }

  /**
   * Returns the user with this number.
   *
   * @param value the id
   * @return the user id
   */
  public static UserId of(int value) {
    return new UserId(value);
  }

  @Override
  public int compareTo(UserId other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
