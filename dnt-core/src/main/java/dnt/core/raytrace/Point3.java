package dnt.core.raytrace;

/**
 * A point or a vector in the scene's local frame: metres, z up, the ground the plane z = 0.
 *
 * @param x east, m
 * @param y north, m
 * @param z height, m
 */
public record Point3(double x, double y, double z) {
  /**
   * The distance to another point.
   *
   * @param o the other point
   * @return the Euclidean distance, m
   */
  public double distance(Point3 o) {
    double dx = o.x - x;
    double dy = o.y - y;
    double dz = o.z - z;
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  /**
   * The distance in plan (ignoring z).
   *
   * @param o the other point
   * @return the horizontal distance, m
   */
  public double planDistance(Point3 o) {
    return Math.hypot(o.x - x, o.y - y);
  }
}
