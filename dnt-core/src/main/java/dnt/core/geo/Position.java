package dnt.core.geo;

import dnt.core.InvalidInputException;

/**
 * A point in metres on a local plane (x east, y north).
 *
 * @param x metres east of the plane's origin
 * @param y metres north of the plane's origin
 */
public record Position(double x, double y) {
  /** Rejects NaN and infinite coordinates. */
  public Position {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new InvalidInputException("position (" + x + ", " + y + ") is not finite");
    }
  }

  /**
   * Euclidean distance on the plane.
   *
   * @param other the other point
   * @return the distance in metres
   */
  public double distanceTo(Position other) {
    return Math.hypot(x - other.x, y - other.y);
  }
}
