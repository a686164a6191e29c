package dnt.core.raytrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Traces the paths between a transmitter and receivers in a {@link Scene} (paper Sec. III-A3: a
 * quasi-deterministic tracer giving every path's delay, gain and angles).
 *
 * <p>Paths, each checked in 3-D against every building:
 *
 * <ul>
 *   <li>line of sight;
 *   <li>specular wall reflections of order 1 and 2 by the image method in plan (the transmitter
 *       mirrored in each wall's vertical plane; the reflection points where the line from the
 *       receiver to the image crosses the walls), with heights from the unfolded straight path;
 *       second-order wall pairs are pruned per transmitter to those inside the first wall's
 *       reflection beam (the wedge from the image through the wall's ends), as in beam tracing;
 *   <li>the ground reflection (the transmitter mirrored in z = 0), alone and combined with one wall
 *       reflection in either order ({@code GR}, {@code RG});
 *   <li>optionally, where line of sight is blocked, one rooftop diffraction path over the taut
 *       string of roof edges in the vertical plane through both ends ({@link KnifeEdge}).
 *       Diffraction around vertical building edges is not traced.
 * </ul>
 *
 * <p>A path's amplitude is {@code lambda / (4 pi L)} over its unfolded length L, times each
 * interaction's coefficient (walls: TE Fresnel coefficient; ground: TM; see {@link Fresnel}), times
 * {@code exp(-j 2 pi L / lambda)}.
 */
public final class RayTracer {
  /** Points closer than this to a plane count as on it, m. */
  private static final double EPS = 1e-7;

  private final Scene scene;
  private final TraceSettings settings;

  /**
   * Creates a tracer.
   *
   * @param scene the buildings and ground
   * @param settings what to trace
   */
  public RayTracer(Scene scene, TraceSettings settings) {
    this.scene = scene;
    this.settings = settings;
  }

  /**
   * Where a geometrically valid reflection path goes: the tracer keeps it when no building blocks
   * it; the incremental re-trace only asks whether it could concern one building.
   */
  private interface Out {
    /**
     * Offers a path whose reflection points are valid.
     *
     * @param vertices its vertices
     * @param path makes the path, if kept
     * @param walls the walls it reflects on
     */
    void offer(List<Point3> vertices, Supplier<TracedPath> path, Wall... walls);
  }

  /** The image tree of one transmitter. */
  private record Images(
      Point3 tx, int[] first, Point3[] firstImages, int[][] second, Point3[][] secondImages) {}

  private Images images(Point3 tx) {
    List<Wall> walls = scene.walls();
    int[] first =
        IntStream.range(0, walls.size())
            .filter(i -> walls.get(i).side(tx.x(), tx.y()) > EPS)
            .toArray();
    Point3[] firstImages = new Point3[first.length];
    int[][] second = new int[first.length][];
    Point3[][] secondImages = new Point3[first.length][];
    for (int k = 0; k < first.length; k++) {
      Wall w1 = walls.get(first[k]);
      Point3 i1 = w1.mirror(tx);
      firstImages[k] = i1;
      if (settings.maxReflections() < 2) {
        second[k] = new int[0];
        secondImages[k] = new Point3[0];
        continue;
      }
      List<Integer> pairs = new ArrayList<>();
      for (int j = 0; j < walls.size(); j++) {
        Wall w2 = walls.get(j);
        if (j == first[k]) {
          continue;
        }
        boolean w2InFrontOfW1 = w1.side(w2.x1(), w2.y1()) > EPS || w1.side(w2.x2(), w2.y2()) > EPS;
        boolean w1InFrontOfW2 = w2.side(w1.x1(), w1.y1()) > EPS || w2.side(w1.x2(), w1.y2()) > EPS;
        if (w2InFrontOfW1 && w1InFrontOfW2 && w2.side(i1.x(), i1.y()) > EPS && inBeam(i1, w1, w2)) {
          pairs.add(j);
        }
      }
      second[k] = pairs.stream().mapToInt(Integer::intValue).toArray();
      secondImages[k] = new Point3[second[k].length];
      for (int m = 0; m < second[k].length; m++) {
        secondImages[k][m] = walls.get(second[k][m]).mirror(i1);
      }
    }
    return new Images(tx, first, firstImages, second, secondImages);
  }

  /** Whether wall w2 meets the wedge from the image i through the ends of wall w1. */
  private static boolean inBeam(Point3 i, Wall w1, Wall w2) {
    double ax = w1.x1() - i.x();
    double ay = w1.y1() - i.y();
    double bx = w1.x2() - i.x();
    double by = w1.y2() - i.y();
    if (ax * by - ay * bx < 0) {
      double tx = ax;
      double ty = ay;
      ax = bx;
      ay = by;
      bx = tx;
      by = ty;
    }
    double ux = w2.x1() - i.x();
    double uy = w2.y1() - i.y();
    double vx = w2.x2() - i.x();
    double vy = w2.y2() - i.y();
    if (inCone(ax, ay, bx, by, ux, uy) || inCone(ax, ay, bx, by, vx, vy)) {
      return true;
    }
    return crossesRay(ax, ay, ux, uy, vx, vy) || crossesRay(bx, by, ux, uy, vx, vy);
  }

  private static boolean inCone(double ax, double ay, double bx, double by, double px, double py) {
    return ax * py - ay * px >= 0 && px * by - py * bx >= 0;
  }

  /** Whether segment u-v meets the ray from the origin along r. */
  private static boolean crossesRay(
      double rx, double ry, double ux, double uy, double vx, double vy) {
    double[] ts = Geometry.lineCrossing(0, 0, rx, ry, ux, uy, vx, vy);
    return ts[0] >= 0 && ts[1] >= 0 && ts[1] <= 1;
  }

  /**
   * Traces one receiver.
   *
   * @param tx the transmitter
   * @param rx the receiver
   * @return its paths in increasing delay
   */
  public List<TracedPath> trace(Point3 tx, Point3 rx) {
    return trace(images(tx), rx);
  }

  /**
   * Traces many receivers of one transmitter, in parallel.
   *
   * @param tx the transmitter
   * @param receivers the receivers
   * @return each receiver's paths in increasing delay, in the receivers' order
   */
  public List<List<TracedPath>> traceAll(Point3 tx, List<Point3> receivers) {
    Images images = images(tx);
    return IntStream.range(0, receivers.size())
        .parallel()
        .mapToObj(i -> trace(images, receivers.get(i)))
        .toList();
  }

  private List<TracedPath> trace(Images im, Point3 rx) {
    Point3 tx = im.tx();
    List<TracedPath> paths = new ArrayList<>();
    boolean los = !scene.blocked(tx, rx);
    if (los) {
      paths.add(path("LOS", List.of(tx, rx), Complex.ONE));
    }
    if (settings.groundReflections()) {
      ground(tx, rx, paths);
    }
    reflections(
        im,
        rx,
        (vertices, path, walls) -> {
          if (clear(vertices)) {
            paths.add(path.get());
          }
        });
    if (settings.diffraction() && !los) {
      rooftop(tx, rx, paths);
    }
    paths.sort(Comparator.comparingDouble(TracedPath::lengthM));
    return paths;
  }

  /**
   * Whether a building could change a receiver's paths: in a scene that holds the building, whether
   * the straight line from the transmitter to the receiver in plan meets the building's bounding
   * box (line of sight, the ground reflection and rooftop diffraction all lie over that line), or
   * some geometrically valid reflection path, blocked or not, reflects on one of its walls or has a
   * segment whose plan meets that box. A receiver for which none holds has the same paths with and
   * without the building, computed by the same arithmetic.
   *
   * @param tx the transmitter
   * @param receivers the receivers
   * @param building the building's index in this tracer's scene
   * @return per receiver, whether it may be affected
   */
  boolean[] affectedBy(Point3 tx, List<Point3> receivers, int building) {
    Images im = images(tx);
    Building b = scene.buildings().get(building);
    boolean[] out = new boolean[receivers.size()];
    IntStream.range(0, receivers.size())
        .parallel()
        .forEach(
            i -> {
              Point3 rx = receivers.get(i);
              if (b.meetsBox(tx, rx)) {
                out[i] = true;
                return;
              }
              boolean[] hit = {false};
              reflections(
                  im,
                  rx,
                  (vertices, path, walls) -> {
                    for (Wall w : walls) {
                      hit[0] |= w.building() == building;
                    }
                    for (int k = 0; k + 1 < vertices.size() && !hit[0]; k++) {
                      hit[0] = b.meetsBox(vertices.get(k), vertices.get(k + 1));
                    }
                  });
              out[i] = hit[0];
            });
    return out;
  }

  private void reflections(Images im, Point3 rx, Out out) {
    Point3 tx = im.tx();
    List<Wall> walls = scene.walls();
    if (settings.maxReflections() >= 1) {
      for (int k = 0; k < im.first().length; k++) {
        Wall w = walls.get(im.first()[k]);
        if (w.side(rx.x(), rx.y()) > EPS) {
          single(tx, rx, w, im.firstImages()[k], out);
        }
        if (settings.maxReflections() >= 2) {
          for (int m = 0; m < im.second()[k].length; m++) {
            Wall w2 = walls.get(im.second()[k][m]);
            if (w2.side(rx.x(), rx.y()) > EPS) {
              pair(tx, rx, w, im.firstImages()[k], w2, im.secondImages()[k][m], out);
            }
          }
        }
      }
    }
  }

  private TracedPath path(
      String kind, List<Point3> vertices, Complex coefficient, Material... reflections) {
    double length = 0;
    for (int i = 0; i + 1 < vertices.size(); i++) {
      length += vertices.get(i).distance(vertices.get(i + 1));
    }
    double lambda = settings.wavelengthM();
    Complex a =
        coefficient
            .times(lambda / (4 * Math.PI * length))
            .times(Complex.unit(-2 * Math.PI * (length / lambda % 1.0)));
    return new TracedPath(kind, vertices, length, a, List.of(reflections));
  }

  private boolean clear(List<Point3> vertices) {
    for (int i = 0; i + 1 < vertices.size(); i++) {
      if (scene.blocked(vertices.get(i), vertices.get(i + 1))) {
        return false;
      }
    }
    return true;
  }

  /** The cosine of the angle between segment a->b and a wall's horizontal normal. */
  private static double cosAtWall(Point3 a, Point3 b, Wall w) {
    double len = a.distance(b);
    return Math.min(1, Math.abs(((b.x() - a.x()) * w.nx() + (b.y() - a.y()) * w.ny()) / len));
  }

  /** The cosine of the angle between segment a->b and the vertical. */
  private static double cosAtGround(Point3 a, Point3 b) {
    return Math.min(1, Math.abs(b.z() - a.z()) / a.distance(b));
  }

  private Complex wallCoefficient(Point3 from, Point3 at, Wall w) {
    return Fresnel.te(w.material(), settings.carrierGhz(), cosAtWall(from, at, w));
  }

  private Complex groundCoefficient(Point3 from, Point3 at) {
    return Fresnel.tm(scene.ground(), settings.carrierGhz(), cosAtGround(from, at));
  }

  private void ground(Point3 tx, Point3 rx, List<TracedPath> paths) {
    double f = tx.z() / (tx.z() + rx.z());
    Point3 g = new Point3(tx.x() + f * (rx.x() - tx.x()), tx.y() + f * (rx.y() - tx.y()), 0);
    List<Point3> vertices = List.of(tx, g, rx);
    if (clear(vertices)) {
      paths.add(path("G", vertices, groundCoefficient(tx, g), scene.ground()));
    }
  }

  private void single(Point3 tx, Point3 rx, Wall w, Point3 image, Out out) {
    double[] ts =
        Geometry.lineCrossing(image.x(), image.y(), rx.x(), rx.y(), w.x1(), w.y1(), w.x2(), w.y2());
    double s = ts[1];
    if (!(ts[0] > 0 && ts[0] < 1 && s >= 0 && s <= 1)) {
      return;
    }
    double px = w.x1() + s * (w.x2() - w.x1());
    double py = w.y1() + s * (w.y2() - w.y1());
    double d1 = Math.hypot(px - tx.x(), py - tx.y());
    double total = Math.hypot(rx.x() - image.x(), rx.y() - image.y());
    double z = tx.z() + (rx.z() - tx.z()) * d1 / total;
    if (z > 0 && z < w.height()) {
      Point3 p = new Point3(px, py, z);
      List<Point3> vertices = List.of(tx, p, rx);
      out.offer(vertices, () -> path("R", vertices, wallCoefficient(tx, p, w), w.material()), w);
    }
    if (!settings.groundReflections()) {
      return;
    }
    // The same plan path with the transmitter mirrored in the ground: the unfolded height runs
    // from -tx.z to rx.z and crosses zero where the ground reflection is.
    double zFolded = Math.abs(-tx.z() + (rx.z() + tx.z()) * d1 / total);
    double u0 = total * tx.z() / (tx.z() + rx.z());
    if (!(zFolded > 0 && zFolded < w.height()) || Math.abs(u0 - d1) < EPS) {
      return;
    }
    Point3 p = new Point3(px, py, zFolded);
    if (u0 < d1) {
      double f = u0 / d1;
      Point3 g = new Point3(tx.x() + f * (px - tx.x()), tx.y() + f * (py - tx.y()), 0);
      List<Point3> vertices = List.of(tx, g, p, rx);
      out.offer(
          vertices,
          () ->
              path(
                  "GR",
                  vertices,
                  groundCoefficient(tx, g).times(wallCoefficient(g, p, w)),
                  scene.ground(),
                  w.material()),
          w);
    } else {
      double d2 = total - d1;
      double f = (u0 - d1) / d2;
      Point3 g = new Point3(px + f * (rx.x() - px), py + f * (rx.y() - py), 0);
      List<Point3> vertices = List.of(tx, p, g, rx);
      out.offer(
          vertices,
          () ->
              path(
                  "RG",
                  vertices,
                  wallCoefficient(tx, p, w).times(groundCoefficient(p, g)),
                  w.material(),
                  scene.ground()),
          w);
    }
  }

  private void pair(Point3 tx, Point3 rx, Wall w1, Point3 image1, Wall w2, Point3 image2, Out out) {
    double[] c2 =
        Geometry.lineCrossing(
            image2.x(), image2.y(), rx.x(), rx.y(), w2.x1(), w2.y1(), w2.x2(), w2.y2());
    if (!(c2[0] > 0 && c2[0] < 1 && c2[1] >= 0 && c2[1] <= 1)) {
      return;
    }
    double p2x = w2.x1() + c2[1] * (w2.x2() - w2.x1());
    double p2y = w2.y1() + c2[1] * (w2.y2() - w2.y1());
    double[] c1 =
        Geometry.lineCrossing(image1.x(), image1.y(), p2x, p2y, w1.x1(), w1.y1(), w1.x2(), w1.y2());
    if (!(c1[0] > 0 && c1[0] < 1 && c1[1] >= 0 && c1[1] <= 1)) {
      return;
    }
    double p1x = w1.x1() + c1[1] * (w1.x2() - w1.x1());
    double p1y = w1.y1() + c1[1] * (w1.y2() - w1.y1());
    if (w2.side(p1x, p1y) <= EPS || w1.side(p2x, p2y) <= EPS) {
      return;
    }
    double a1 = Math.hypot(p1x - tx.x(), p1y - tx.y());
    double a2 = a1 + Math.hypot(p2x - p1x, p2y - p1y);
    double total = Math.hypot(rx.x() - image2.x(), rx.y() - image2.y());
    double z1 = tx.z() + (rx.z() - tx.z()) * a1 / total;
    double z2 = tx.z() + (rx.z() - tx.z()) * a2 / total;
    if (!(z1 > 0 && z1 < w1.height() && z2 > 0 && z2 < w2.height())) {
      return;
    }
    Point3 p1 = new Point3(p1x, p1y, z1);
    Point3 p2 = new Point3(p2x, p2y, z2);
    List<Point3> vertices = List.of(tx, p1, p2, rx);
    out.offer(
        vertices,
        () ->
            path(
                "RR",
                vertices,
                wallCoefficient(tx, p1, w1).times(wallCoefficient(p1, p2, w2)),
                w1.material(),
                w2.material()),
        w1,
        w2);
  }

  /** Epstein-Peterson over the roof edges crossed by the vertical plane through tx and rx. */
  private void rooftop(Point3 tx, Point3 rx, List<TracedPath> paths) {
    double dx = rx.x() - tx.x();
    double dy = rx.y() - tx.y();
    double plan = Math.hypot(dx, dy);
    if (plan < EPS) {
      return;
    }
    List<double[]> edges = new ArrayList<>(); // {t, height}
    for (Building b : scene.buildings()) {
      for (int i = 0, n = b.size(); i < n; i++) {
        int j = (i + 1) % n;
        double[] c =
            Geometry.lineCrossing(tx.x(), tx.y(), rx.x(), rx.y(), b.x(i), b.y(i), b.x(j), b.y(j));
        if (c[0] > 0 && c[0] < 1 && c[1] >= 0 && c[1] <= 1) {
          edges.add(new double[] {c[0], b.height()});
        }
      }
    }
    edges.sort(Comparator.comparingDouble(e -> e[0]));
    // The upper convex hull of (0, tx.z), the edges and (1, rx.z) in (plan distance, height).
    List<double[]> hull = new ArrayList<>();
    hull.add(new double[] {0, tx.z()});
    List<double[]> points = new ArrayList<>(edges);
    points.add(new double[] {1, rx.z()});
    for (double[] p : points) {
      while (hull.size() >= 2) {
        double[] a = hull.get(hull.size() - 2);
        double[] b = hull.get(hull.size() - 1);
        double cross = (b[0] - a[0]) * plan * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) * plan;
        if (cross >= 0) {
          hull.remove(hull.size() - 1);
        } else {
          break;
        }
      }
      hull.add(p);
    }
    if (hull.size() < 3) {
      return;
    }
    double lambda = settings.wavelengthM();
    double lossDb = 0;
    List<Point3> vertices = new ArrayList<>();
    vertices.add(tx);
    for (int k = 1; k + 1 < hull.size(); k++) {
      double[] prev = hull.get(k - 1);
      double[] edge = hull.get(k);
      double[] next = hull.get(k + 1);
      double d1 = (edge[0] - prev[0]) * plan;
      double d2 = (next[0] - edge[0]) * plan;
      double lineHeight = prev[1] + (next[1] - prev[1]) * d1 / (d1 + d2);
      lossDb += KnifeEdge.lossDb(KnifeEdge.parameter(edge[1] - lineHeight, d1, d2, lambda));
      vertices.add(new Point3(tx.x() + edge[0] * dx, tx.y() + edge[0] * dy, edge[1]));
    }
    vertices.add(rx);
    String kind = "D".repeat(vertices.size() - 2);
    paths.add(path(kind, vertices, new Complex(Math.pow(10, -lossDb / 20), 0)));
  }

  /**
   * The scene.
   *
   * @return it
   */
  public Scene scene() {
    return scene;
  }

  /**
   * The settings.
   *
   * @return them
   */
  public TraceSettings settings() {
    return settings;
  }
}
