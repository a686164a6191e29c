package dnt.core.raytrace;

import dnt.core.InvalidInputException;

/**
 * A building: a simple polygon footprint extruded from the ground to a flat roof, of one material.
 * The footprint is stored counter-clockwise without the closing vertex, so every wall's outward
 * normal points to the right of its direction of travel.
 */
public final class Building {
  private final String id;
  private final double[] xs;
  private final double[] ys;
  private final double height;
  private final Material material;
  private final double minX;
  private final double minY;
  private final double maxX;
  private final double maxY;

  /**
   * Creates a building, checking its footprint.
   *
   * @param id the feature's id, for messages
   * @param xs vertex x, m (a repeated closing vertex is dropped)
   * @param ys vertex y, m
   * @param height roof height, m, positive
   * @param material the material of walls and roof
   * @throws InvalidInputException when the footprint is open, degenerate or self-intersecting, or
   *     the height is not positive
   */
  public Building(String id, double[] xs, double[] ys, double height, Material material) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException("xs and ys differ in length");
    }
    int n = xs.length;
    if (n > 1 && xs[0] == xs[n - 1] && ys[0] == ys[n - 1]) {
      n--;
    }
    if (n < 3) {
      throw new InvalidInputException(
          "building '" + id + "': a footprint needs at least 3 distinct vertices, got " + n);
    }
    if (!(height > 0) || !Double.isFinite(height)) {
      throw new InvalidInputException(
          "building '" + id + "': height must be a positive number of metres, got " + height);
    }
    double[] x = new double[n];
    double[] y = new double[n];
    System.arraycopy(xs, 0, x, 0, n);
    System.arraycopy(ys, 0, y, 0, n);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new InvalidInputException(
            "building '" + id + "': vertex " + (i + 1) + " is not finite");
      }
    }
    double area = signedArea(x, y);
    if (Math.abs(area) < 1e-6) {
      throw new InvalidInputException("building '" + id + "': the footprint has no area");
    }
    if (area < 0) {
      reverse(x);
      reverse(y);
    }
    checkSimple(id, x, y);
    this.id = id;
    this.xs = x;
    this.ys = y;
    this.height = height;
    this.material = material;
    double lx = Double.POSITIVE_INFINITY;
    double ly = Double.POSITIVE_INFINITY;
    double hx = Double.NEGATIVE_INFINITY;
    double hy = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lx = Math.min(lx, x[i]);
      ly = Math.min(ly, y[i]);
      hx = Math.max(hx, x[i]);
      hy = Math.max(hy, y[i]);
    }
    minX = lx;
    minY = ly;
    maxX = hx;
    maxY = hy;
  }

  private static double signedArea(double[] x, double[] y) {
    double sum = 0;
    for (int i = 0, n = x.length; i < n; i++) {
      int j = (i + 1) % n;
      sum += x[i] * y[j] - x[j] * y[i];
    }
    return sum / 2;
  }

  private static void reverse(double[] v) {
    for (int i = 0, j = v.length - 1; i < j; i++, j--) {
      double t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
  }

  private static void checkSimple(String id, double[] x, double[] y) {
    int n = x.length;
    for (int i = 0; i < n; i++) {
      int i2 = (i + 1) % n;
      if (x[i] == x[i2] && y[i] == y[i2]) {
        throw new InvalidInputException(
            "building '" + id + "': vertices " + (i + 1) + " and " + (i2 + 1) + " coincide");
      }
      for (int j = i + 1; j < n; j++) {
        int j2 = (j + 1) % n;
        if (j == i2 || j2 == i) {
          continue; // adjacent edges share a vertex
        }
        if (Geometry.segmentsIntersect(x[i], y[i], x[i2], y[i2], x[j], y[j], x[j2], y[j2])) {
          throw new InvalidInputException(
              "building '"
                  + id
                  + "': the footprint intersects itself (edges "
                  + (i + 1)
                  + " and "
                  + (j + 1)
                  + ")");
        }
      }
    }
  }

  /**
   * Whether a point lies strictly inside the footprint (even-odd rule).
   *
   * @param px x, m
   * @param py y, m
   * @return whether it is inside
   */
  public boolean contains(double px, double py) {
    if (px < minX || px > maxX || py < minY || py > maxY) {
      return false;
    }
    boolean inside = false;
    for (int i = 0, n = xs.length, j = n - 1; i < n; j = i++) {
      if ((ys[i] > py) != (ys[j] > py)
          && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
        inside = !inside;
      }
    }
    return inside;
  }

  /**
   * The feature's id.
   *
   * @return it
   */
  public String id() {
    return id;
  }

  /**
   * The number of vertices (and walls).
   *
   * @return it
   */
  public int size() {
    return xs.length;
  }

  /**
   * A vertex's x.
   *
   * @param i the vertex, counter-clockwise
   * @return x, m
   */
  public double x(int i) {
    return xs[i];
  }

  /**
   * A vertex's y.
   *
   * @param i the vertex, counter-clockwise
   * @return y, m
   */
  public double y(int i) {
    return ys[i];
  }

  /**
   * The roof height.
   *
   * @return it, m
   */
  public double height() {
    return height;
  }

  /**
   * The material.
   *
   * @return it
   */
  public Material material() {
    return material;
  }

  /**
   * Whether the plan of a segment meets the footprint's closed bounding box (Liang-Barsky).
   *
   * @param a one end
   * @param b the other end
   * @return whether it does, touching included
   */
  boolean meetsBox(Point3 a, Point3 b) {
    double t0 = 0;
    double t1 = 1;
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {a.x() - minX, maxX - a.x(), a.y() - minY, maxY - a.y()};
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (q[i] < 0) {
          return false;
        }
      } else {
        double t = q[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t0 <= t1;
  }

  double minX() {
    return minX;
  }

  double minY() {
    return minY;
  }

  double maxX() {
    return maxX;
  }

  double maxY() {
    return maxY;
  }
}
