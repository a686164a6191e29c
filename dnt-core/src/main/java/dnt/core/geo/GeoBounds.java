package dnt.core.geo;

import dnt.core.InvalidInputException;

/**
 * An axis-aligned rectangle on the local plane, in metres.
 *
 * @param minX west edge
 * @param minY south edge
 * @param maxX east edge
 * @param maxY north edge
 */
public record GeoBounds(double minX, double minY, double maxX, double maxY) {
  /** Validates the rectangle. */
  public GeoBounds {
    if (!(minX <= maxX) || !(minY <= maxY)) {
      throw new InvalidInputException(
          "bounds [" + minX + ", " + maxX + "] x [" + minY + ", " + maxY + "] are empty or NaN");
    }
  }

  /**
   * Whether the point lies inside or on the edge.
   *
   * @param p the point
   * @return true when inside
   */
  public boolean contains(Position p) {
    return p.x() >= minX && p.x() <= maxX && p.y() >= minY && p.y() <= maxY;
  }

  /**
   * Width in metres.
   *
   * @return maxX - minX
   */
  public double width() {
    return maxX - minX;
  }

  /**
   * Height in metres.
   *
   * @return maxY - minY
   */
  public double height() {
    return maxY - minY;
  }
}
