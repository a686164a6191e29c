package dnt.core.raytrace;

import dnt.core.radio.PathGainMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ray-traced path-gain maps for the network twin's {@link dnt.core.radio.RadioMapModel}: one
 * station's gain (paths added in power) on a grid of receivers at one height, NaN inside buildings
 * and where no path arrives, and each point's reliability flag.
 */
public final class RadioMaps {
  private RadioMaps() {}

  /**
   * A grid: {@code columns x rows} points from {@code (originX, originY)} every {@code stepM}.
   *
   * @param originX x of point (0, 0), m
   * @param originY y of point (0, 0), m
   * @param stepM spacing, m
   * @param columns points along x
   * @param rows points along y
   * @param heightM receivers' height, m
   */
  public record Grid(
      double originX, double originY, double stepM, int columns, int rows, double heightM) {}

  /**
   * Traces one station's map.
   *
   * @param tracer the tracer
   * @param stationKey the station's id in the twin
   * @param tx the station's antenna
   * @param grid the grid
   * @return the map
   */
  public static PathGainMap trace(RayTracer tracer, long stationKey, Point3 tx, Grid grid) {
    int n = grid.columns() * grid.rows();
    List<Point3> points = new ArrayList<>(n);
    boolean[] inside = new boolean[n];
    List<Integer> index = new ArrayList<>();
    for (int j = 0; j < grid.rows(); j++) {
      for (int i = 0; i < grid.columns(); i++) {
        Point3 p =
            new Point3(
                grid.originX() + i * grid.stepM(),
                grid.originY() + j * grid.stepM(),
                grid.heightM());
        int k = j * grid.columns() + i;
        inside[k] = insideBuilding(tracer.scene(), p);
        if (!inside[k]) {
          points.add(p);
          index.add(k);
        }
      }
    }
    List<List<TracedPath>> paths = tracer.traceAll(tx, points);
    double[] gain = new double[n];
    boolean[] reliable = new boolean[n];
    Arrays.fill(gain, Double.NaN);
    for (int q = 0; q < points.size(); q++) {
      int k = index.get(q);
      List<TracedPath> ps = paths.get(q);
      double total = 0;
      for (TracedPath p : ps) {
        total += p.amplitude().abs() * p.amplitude().abs();
      }
      gain[k] = total > 0 ? 10 * Math.log10(total) : Double.NaN;
      reliable[k] = reliable(ps);
    }
    return new PathGainMap(
        stationKey,
        tx.x(),
        tx.y(),
        tx.z(),
        tracer.settings().carrierGhz(),
        grid.originX(),
        grid.originY(),
        grid.stepM(),
        grid.columns(),
        grid.rows(),
        grid.heightM(),
        gain,
        reliable);
  }

  /**
   * Whether a receiver's traced power is reliable: it has line of sight, or its paths with at most
   * one wall reflection and no diffraction ({@code R}, {@code G}, {@code GR}, {@code RG}) carry at
   * least half its power.
   *
   * @param paths the receiver's paths
   * @return whether it is reliable
   */
  public static boolean reliable(List<TracedPath> paths) {
    double total = 0;
    double simple = 0;
    for (TracedPath p : paths) {
      double power = p.amplitude().abs() * p.amplitude().abs();
      total += power;
      if (p.kind().equals("LOS")) {
        return true;
      }
      if (p.kind().indexOf('D') < 0 && p.kind().chars().filter(c -> c == 'R').count() <= 1) {
        simple += power;
      }
    }
    return total > 0 && simple >= 0.5 * total;
  }

  private static boolean insideBuilding(Scene scene, Point3 p) {
    for (Building b : scene.buildings()) {
      if (p.z() < b.height() && b.contains(p.x(), p.y())) {
        return true;
      }
    }
    return false;
  }
}
