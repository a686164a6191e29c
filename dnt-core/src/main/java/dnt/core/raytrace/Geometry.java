package dnt.core.raytrace;

/** Plan (2-D) geometry helpers of the tracer. */
final class Geometry {
  private Geometry() {}

  /** The z component of (b - a) x (c - a). */
  static double cross(double ax, double ay, double bx, double by, double cx, double cy) {
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  }

  /** Whether closed segments ab and cd share a point. */
  static boolean segmentsIntersect(
      double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
    double d1 = cross(cx, cy, dx, dy, ax, ay);
    double d2 = cross(cx, cy, dx, dy, bx, by);
    double d3 = cross(ax, ay, bx, by, cx, cy);
    double d4 = cross(ax, ay, bx, by, dx, dy);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
      return true;
    }
    return (d1 == 0 && onSegment(cx, cy, dx, dy, ax, ay))
        || (d2 == 0 && onSegment(cx, cy, dx, dy, bx, by))
        || (d3 == 0 && onSegment(ax, ay, bx, by, cx, cy))
        || (d4 == 0 && onSegment(ax, ay, bx, by, dx, dy));
  }

  private static boolean onSegment(
      double ax, double ay, double bx, double by, double px, double py) {
    return Math.min(ax, bx) <= px
        && px <= Math.max(ax, bx)
        && Math.min(ay, by) <= py
        && py <= Math.max(ay, by);
  }

  /**
   * The parameter t along p + t (q - p) where it crosses the line through a and b, and the
   * parameter s along a + s (b - a); NaN when parallel.
   *
   * @return {t, s}
   */
  static double[] lineCrossing(
      double px, double py, double qx, double qy, double ax, double ay, double bx, double by) {
    double rx = qx - px;
    double ry = qy - py;
    double sx = bx - ax;
    double sy = by - ay;
    double denom = rx * sy - ry * sx;
    if (denom == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double t = ((ax - px) * sy - (ay - py) * sx) / denom;
    double s = ((ax - px) * ry - (ay - py) * rx) / denom;
    return new double[] {t, s};
  }
}
