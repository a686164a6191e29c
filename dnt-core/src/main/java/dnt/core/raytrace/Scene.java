package dnt.core.raytrace;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The buildings of a scene over a flat ground (the plane z = 0 of its own material), with a uniform
 * grid over the footprints' bounding boxes so that a blocking query visits only the buildings along
 * a segment (Amanatides and Woo's traversal, 1987).
 */
public final class Scene {
  /** Segment parameters and lengths below this are taken as a touching point, not a crossing. */
  private static final double TOUCH = 1e-9;

  private final List<Building> buildings;
  private final List<Wall> walls;
  private final Material ground;
  private final double originX;
  private final double originY;
  private final double cell;
  private final int nx;
  private final int ny;
  private final int[][] cells;

  /**
   * Creates a scene.
   *
   * @param buildings the buildings (footprints may touch but should not overlap)
   * @param ground the ground's material
   */
  public Scene(List<Building> buildings, Material ground) {
    this.buildings = List.copyOf(buildings);
    this.ground = ground;
    List<Wall> w = new ArrayList<>();
    double lx = Double.POSITIVE_INFINITY;
    double ly = Double.POSITIVE_INFINITY;
    double hx = Double.NEGATIVE_INFINITY;
    double hy = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < this.buildings.size(); b++) {
      Building building = this.buildings.get(b);
      for (int i = 0, n = building.size(); i < n; i++) {
        int j = (i + 1) % n;
        double dx = building.x(j) - building.x(i);
        double dy = building.y(j) - building.y(i);
        double len = Math.hypot(dx, dy);
        w.add(
            new Wall(
                b,
                building.x(i),
                building.y(i),
                building.x(j),
                building.y(j),
                dy / len,
                -dx / len,
                building.height(),
                building.material()));
      }
      lx = Math.min(lx, building.minX());
      ly = Math.min(ly, building.minY());
      hx = Math.max(hx, building.maxX());
      hy = Math.max(hy, building.maxY());
    }
    this.walls = List.copyOf(w);
    if (this.buildings.isEmpty()) {
      originX = 0;
      originY = 0;
      cell = 1;
      nx = 0;
      ny = 0;
      cells = new int[0][];
      return;
    }
    double width = Math.max(hx - lx, 1);
    double depth = Math.max(hy - ly, 1);
    double size = Math.max(5, Math.sqrt(width * depth / this.buildings.size()));
    originX = lx;
    originY = ly;
    cell = size;
    nx = (int) Math.min(4096, Math.floor(width / size) + 1);
    ny = (int) Math.min(4096, Math.floor(depth / size) + 1);
    List<List<Integer>> lists = new ArrayList<>(nx * ny);
    for (int i = 0; i < nx * ny; i++) {
      lists.add(new ArrayList<>(2));
    }
    for (int b = 0; b < this.buildings.size(); b++) {
      Building building = this.buildings.get(b);
      int x0 = cellX(building.minX());
      int x1 = cellX(building.maxX());
      int y0 = cellY(building.minY());
      int y1 = cellY(building.maxY());
      for (int cx = x0; cx <= x1; cx++) {
        for (int cy = y0; cy <= y1; cy++) {
          lists.get(cy * nx + cx).add(b);
        }
      }
    }
    cells = new int[nx * ny][];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private int cellX(double x) {
    return Math.max(0, Math.min(nx - 1, (int) Math.floor((x - originX) / cell)));
  }

  private int cellY(double y) {
    return Math.max(0, Math.min(ny - 1, (int) Math.floor((y - originY) / cell)));
  }

  /**
   * The buildings.
   *
   * @return them
   */
  public List<Building> buildings() {
    return buildings;
  }

  /**
   * The walls of all buildings.
   *
   * @return them
   */
  public List<Wall> walls() {
    return walls;
  }

  /**
   * The ground's material.
   *
   * @return it
   */
  public Material ground() {
    return ground;
  }

  /**
   * Checks that a point is above the ground and outside every building.
   *
   * @param what the point's name for messages ("receiver 'r7'")
   * @param p the point
   * @throws InvalidInputException when it is below ground or inside a building
   */
  public void checkOutside(String what, Point3 p) {
    if (!(p.z() > 0)) {
      throw new InvalidInputException(what + " must be above the ground (z > 0), got z = " + p.z());
    }
    for (Building b : buildings) {
      if (p.z() < b.height() && b.contains(p.x(), p.y())) {
        throw new InvalidInputException(what + " is inside building '" + b.id() + "'");
      }
    }
  }

  /**
   * Whether the straight segment from p to q passes through a building.
   *
   * <p>A segment that only touches a wall (a reflection point on it, or grazing an edge) is not
   * blocked; the part of a segment inside a footprint is blocked when it is below the roof at
   * either end of that part (its height is linear along the segment).
   *
   * @param p one end
   * @param q the other end
   * @return whether a building is in the way
   */
  public boolean blocked(Point3 p, Point3 q) {
    if (buildings.isEmpty()) {
      return false;
    }
    double[] clip = clipToGrid(p.x(), p.y(), q.x(), q.y());
    if (clip == null) {
      return false;
    }
    BitSet seen = new BitSet(buildings.size());
    double dx = q.x() - p.x();
    double dy = q.y() - p.y();
    double sx = p.x() + clip[0] * dx;
    double sy = p.y() + clip[0] * dy;
    int cx = cellX(sx);
    int cy = cellY(sy);
    int stepX = dx > 0 ? 1 : -1;
    int stepY = dy > 0 ? 1 : -1;
    double tMaxX =
        dx == 0
            ? Double.POSITIVE_INFINITY
            : ((originX + (cx + (dx > 0 ? 1 : 0)) * cell) - p.x()) / dx;
    double tMaxY =
        dy == 0
            ? Double.POSITIVE_INFINITY
            : ((originY + (cy + (dy > 0 ? 1 : 0)) * cell) - p.y()) / dy;
    double tDeltaX = dx == 0 ? Double.POSITIVE_INFINITY : cell / Math.abs(dx);
    double tDeltaY = dy == 0 ? Double.POSITIVE_INFINITY : cell / Math.abs(dy);
    while (true) {
      for (int b : cells[cy * nx + cx]) {
        if (!seen.get(b)) {
          seen.set(b);
          if (blocks(buildings.get(b), p, q)) {
            return true;
          }
        }
      }
      if (Math.min(tMaxX, tMaxY) > clip[1]) {
        return false;
      }
      if (tMaxX < tMaxY) {
        cx += stepX;
        tMaxX += tDeltaX;
        if (cx < 0 || cx >= nx) {
          return false;
        }
      } else {
        cy += stepY;
        tMaxY += tDeltaY;
        if (cy < 0 || cy >= ny) {
          return false;
        }
      }
    }
  }

  /** Liang-Barsky clipping of the plan segment to the grid's box: {t0, t1}, or null if outside. */
  private double @Nullable [] clipToGrid(double px, double py, double qx, double qy) {
    double t0 = 0;
    double t1 = 1;
    double dx = qx - px;
    double dy = qy - py;
    double[] p = {-dx, dx, -dy, dy};
    double[] r = {px - originX, originX + nx * cell - px, py - originY, originY + ny * cell - py};
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (r[i] < 0) {
          return null;
        }
      } else {
        double t = r[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t0 > t1 ? null : new double[] {t0, t1};
  }

  private static boolean blocks(Building b, Point3 p, Point3 q) {
    if (p.z() >= b.height() && q.z() >= b.height()) {
      return false;
    }
    double px = p.x();
    double py = p.y();
    double dx = q.x() - px;
    double dy = q.y() - py;
    if (Math.max(px, q.x()) < b.minX()
        || Math.min(px, q.x()) > b.maxX()
        || Math.max(py, q.y()) < b.minY()
        || Math.min(py, q.y()) > b.maxY()) {
      return false;
    }
    int n = b.size();
    double[] ts = new double[n + 2];
    int count = 0;
    ts[count++] = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double[] ts2 = Geometry.lineCrossing(px, py, q.x(), q.y(), b.x(i), b.y(i), b.x(j), b.y(j));
      double t = ts2[0];
      double s = ts2[1];
      if (t > TOUCH && t < 1 - TOUCH && s >= 0 && s <= 1) {
        if (count == ts.length) {
          ts = Arrays.copyOf(ts, ts.length * 2);
        }
        ts[count++] = t;
      }
    }
    if (count == ts.length) {
      ts = Arrays.copyOf(ts, ts.length + 1);
    }
    ts[count++] = 1;
    Arrays.sort(ts, 0, count);
    for (int k = 0; k + 1 < count; k++) {
      double ta = ts[k];
      double tb = ts[k + 1];
      if (tb - ta <= TOUCH) {
        continue;
      }
      double tm = (ta + tb) / 2;
      if (b.contains(px + tm * dx, py + tm * dy)) {
        double za = p.z() + ta * (q.z() - p.z());
        double zb = p.z() + tb * (q.z() - p.z());
        if (Math.min(za, zb) < b.height()) {
          return true;
        }
      }
    }
    return false;
  }
}
