package dnt.core;

/**
 * A square of the Milan grid (Telecom Italia Big Data Challenge), 1..10000. Square 1 is the
 * south-west corner; ids grow eastward along rows of 100, and the next row north starts at 101.
 *
 * @param value the square number, 1..10000
 */
public record CellId(int value) implements Comparable<CellId> {
  /** Number of squares on a side of the Milan grid. */
  public static final int GRID_SIDE = 100;

  /** Number of squares in the Milan grid. */
  public static final int MAX = GRID_SIDE * GRID_SIDE;

  /** Validates the id. */
  public CellId {
    if (value < 1 || value > MAX) {
      throw new InvalidInputException("cell id " + value + " is outside the Milan grid 1.." + MAX);
    }
  }

  /**
   * Returns the cell with this number.
   *
   * @param value the square number
   * @return the cell id
   */
  public static CellId of(int value) {
    return new CellId(value);
  }

  /**
   * Zero-based row counted from the south.
   *
   * @return the row, 0..99
   */
  public int rowFromSouth() {
    return (value - 1) / GRID_SIDE;
  }

  /**
   * Zero-based column counted from the west.
   *
   * @return the column, 0..99
   */
  public int columnFromWest() {
    return (value - 1) % GRID_SIDE;
  }

  @Override
  public int compareTo(CellId other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
