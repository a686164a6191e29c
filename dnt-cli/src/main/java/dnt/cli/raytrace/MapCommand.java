package dnt.cli.raytrace;

import dnt.cli.twin.OutputTarget;
import dnt.core.InvalidInputException;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.ReceiverSummary;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.TraceSettings;
import dnt.core.raytrace.TracedPath;
import dnt.data.scene.SceneFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt raytrace map}: received power and best server on a grid of points, from one or more
 * transmitters.
 */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = {
      "Received power and best server on a grid: CSV x,y,best_tx,power_dbm (transmitters",
      "numbered from 1 in --tx order; power empty inside buildings or where no path arrives;",
      "paths added in power), and optionally a PNG (viridis, buildings grey)."
    })
public final class MapCommand implements Callable<Integer> {
  /** At most this many grid points. */
  static final int MAX_POINTS = 4_000_000;

  @Spec CommandSpec spec;

  @Option(names = "--scene", required = true, description = "Scene GeoJSON.")
  Path scene;

  @Option(
      names = "--tx",
      required = true,
      paramLabel = "X,Y,Z",
      description = "A transmitter, metres (repeat for several).")
  List<String> tx = new ArrayList<>();

  @Option(
      names = "--area",
      required = true,
      paramLabel = "X0,Y0,X1,Y1",
      description = "The map's rectangle, metres.")
  String area;

  @Option(
      names = "--step",
      defaultValue = "10",
      description = "Grid spacing, m (default ${DEFAULT-VALUE}).")
  double step;

  @Option(
      names = "--height",
      defaultValue = "1.5",
      description = "Receiver height, m (default ${DEFAULT-VALUE}).")
  double height;

  @Mixin TraceOptions trace;

  @Option(names = "--out", required = true, description = "Map CSV.")
  Path out;

  @Option(names = "--png", description = "Also draw the power map as PNG.")
  @Nullable Path png;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    TraceSettings settings = trace.settings();
    double[] r = TraceOptions.area("--area", area);
    if (!(step > 0) || !(height > 0)) {
      throw new InvalidInputException("--step and --height must be positive metres");
    }
    int nx = (int) Math.floor((r[2] - r[0]) / step) + 1;
    int ny = (int) Math.floor((r[3] - r[1]) / step) + 1;
    if ((long) nx * ny > MAX_POINTS) {
      throw new InvalidInputException(
          "--area and --step give " + (long) nx * ny + " points; at most " + MAX_POINTS);
    }
    OutputTarget.checkFile("--out", out, overwrite);
    if (png != null) {
      OutputTarget.checkFile("--png", png, overwrite);
    }
    Scene world = SceneFile.read(scene).scene();
    List<Point3> transmitters = new ArrayList<>();
    for (int i = 0; i < tx.size(); i++) {
      Point3 p = TraceOptions.point("--tx", tx.get(i));
      world.checkOutside("--tx " + (i + 1), p);
      transmitters.add(p);
    }
    PrintWriter err = spec.commandLine().getErr();
    RaytraceCommand.warnOutsideRange(world, settings.carrierGhz(), err);
    List<Point3> points = new ArrayList<>(nx * ny);
    boolean[] inside = new boolean[nx * ny];
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        Point3 p = new Point3(r[0] + i * step, r[1] + j * step, height);
        inside[j * nx + i] = insideBuilding(world, p);
        points.add(p);
      }
    }
    List<Integer> outsideIndex = new ArrayList<>();
    List<Point3> outside = new ArrayList<>();
    for (int k = 0; k < points.size(); k++) {
      if (!inside[k]) {
        outsideIndex.add(k);
        outside.add(points.get(k));
      }
    }
    double[] best = new double[points.size()];
    int[] server = new int[points.size()];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    RayTracer tracer = new RayTracer(world, settings);
    long start = System.nanoTime();
    int chunk = Math.max(1, (outside.size() + 9) / 10);
    for (int t = 0; t < transmitters.size(); t++) {
      for (int from = 0; from < outside.size(); from += chunk) {
        int to = Math.min(outside.size(), from + chunk);
        List<List<TracedPath>> paths =
            tracer.traceAll(transmitters.get(t), outside.subList(from, to));
        for (int k = from; k < to; k++) {
          double power = ReceiverSummary.of(paths.get(k - from), trace.txPowerDbm).powerDbm();
          int at = outsideIndex.get(k);
          if (power > best[at]) {
            best[at] = power;
            server[at] = t + 1;
          }
        }
        err.printf(
            Locale.ROOT,
            "dnt: transmitter %d/%d: %d/%d points outside buildings (%.0f s)%n",
            t + 1,
            transmitters.size(),
            to,
            outside.size(),
            (System.nanoTime() - start) / 1e9);
        err.flush();
      }
    }
    RaytraceCommand.write(
        out,
        w -> {
          w.write("x,y,best_tx,power_dbm\n");
          for (int k = 0; k < points.size(); k++) {
            Point3 p = points.get(k);
            boolean none = best[k] == Double.NEGATIVE_INFINITY;
            w.write(
                String.format(
                    Locale.ROOT,
                    "%.3f,%.3f,%s,%s%n",
                    p.x(),
                    p.y(),
                    none ? "" : Integer.toString(server[k]),
                    RaytraceCommand.number(best[k])));
          }
        });
    if (png != null) {
      double[] range = writePng(png, nx, ny, best, inside);
      err.printf(
          Locale.ROOT,
          "dnt: %s: viridis from %.1f dBm (dark purple) to %.1f dBm (yellow); grey: buildings,"
              + " black: no path; north up%n",
          png,
          range[0],
          range[1]);
    }
    err.printf(
        Locale.ROOT,
        "dnt: %d points, %d transmitters in %.1f s; wrote %s%n",
        points.size(),
        transmitters.size(),
        (System.nanoTime() - start) / 1e9,
        out);
    err.flush();
    return 0;
  }

  private static boolean insideBuilding(Scene scene, Point3 p) {
    for (Building b : scene.buildings()) {
      if (p.z() < b.height() && b.contains(p.x(), p.y())) {
        return true;
      }
    }
    return false;
  }

  /** Viridis, 5 stops (matplotlib's at 0, 0.25, 0.5, 0.75, 1). */
  private static final int[][] VIRIDIS = {
    {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}
  };

  /** Draws the map and returns the power range of its colour scale, dBm. */
  private static double[] writePng(Path file, int nx, int ny, double[] power, boolean[] inside)
      throws IOException {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double p : power) {
      if (p != Double.NEGATIVE_INFINITY) {
        lo = Math.min(lo, p);
        hi = Math.max(hi, p);
      }
    }
    // Each grid point is drawn as a square of pixels so that small grids stay readable.
    int scale = Math.max(1, 512 / Math.max(nx, ny));
    BufferedImage image = new BufferedImage(nx * scale, ny * scale, BufferedImage.TYPE_INT_RGB);
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        int k = j * nx + i;
        int rgb;
        if (inside[k]) {
          rgb = 0x9e9e9e;
        } else if (power[k] == Double.NEGATIVE_INFINITY) {
          rgb = 0x000000;
        } else {
          double f = hi > lo ? (power[k] - lo) / (hi - lo) : 1;
          double x = f * (VIRIDIS.length - 1);
          int s = Math.min(VIRIDIS.length - 2, (int) Math.floor(x));
          double u = x - s;
          int red = (int) Math.round(VIRIDIS[s][0] + u * (VIRIDIS[s + 1][0] - VIRIDIS[s][0]));
          int green = (int) Math.round(VIRIDIS[s][1] + u * (VIRIDIS[s + 1][1] - VIRIDIS[s][1]));
          int blue = (int) Math.round(VIRIDIS[s][2] + u * (VIRIDIS[s + 1][2] - VIRIDIS[s][2]));
          rgb = (red << 16) | (green << 8) | blue;
        }
        for (int u = 0; u < scale; u++) {
          for (int v = 0; v < scale; v++) {
            image.setRGB(i * scale + u, (ny - 1 - j) * scale + v, rgb); // north up
          }
        }
      }
    }
    Path tmp = OutputTarget.temporarySibling(file);
    try {
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IOException("no PNG writer in this Java runtime");
      }
      OutputTarget.move(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new double[] {lo, hi};
  }
}
