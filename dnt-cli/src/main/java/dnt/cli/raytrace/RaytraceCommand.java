package dnt.cli.raytrace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.cli.experiment.FusionExperimentCommand;
import dnt.cli.twin.OutputTarget;
import dnt.core.InvalidInputException;
import dnt.core.raytrace.Material;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.ReceiverSummary;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.TraceSettings;
import dnt.core.raytrace.TracedPath;
import dnt.data.scene.ReceiversCsv;
import dnt.data.scene.SceneFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt raytrace}: every path from one transmitter to each receiver of a scene (paper Sec.
 * III-A3), as CSV, and optionally per-receiver summaries and a JSON with the field names of the
 * NIST Q-D realization software's output.
 */
@Command(
    name = "raytrace",
    mixinStandardHelpOptions = true,
    subcommands = {
      MapCommand.class,
      CityCommand.class,
      CampaignCommand.class,
      CalibrateCommand.class,
      RetraceCommand.class,
      FusionExperimentCommand.class
    },
    description = {
      "Trace the paths from a transmitter to receivers through a scene of buildings.",
      "Scene: GeoJSON FeatureCollection of Polygons with properties height (m) and material;",
      "\"frame\": \"local\" for metres, otherwise WGS84 (see docs/raytrace.md). Receivers CSV:",
      "id,x,y,z (metres, local plane; the ground is z = 0). Output CSV: rx,path,kind,length_m,",
      "delay_ns,gain_db,phase_rad,aod_az_deg,aod_el_deg,aoa_az_deg,aoa_el_deg, one row per path,",
      "a receiver's paths in increasing delay. Materials (ITU-R P.2040): concrete, brick,",
      "plasterboard, wood, glass, ceiling-board, chipboard, metal, very-dry-ground,",
      "medium-dry-ground, wet-ground, and pec (reflection coefficient -1)."
    })
public final class RaytraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scene", description = "Scene GeoJSON (required).")
  @Nullable Path scene;

  @Option(names = "--tx", paramLabel = "X,Y,Z", description = "Transmitter, metres (required).")
  @Nullable String tx;

  @Option(names = "--rx", description = "Receivers CSV: id,x,y,z (required).")
  @Nullable Path rx;

  @Mixin TraceOptions trace;

  @Option(
      names = "--out",
      description = "Paths CSV (required); refused if it exists unless --overwrite.")
  @Nullable Path out;

  @Option(
      names = "--summary",
      description = "Also write rx,paths,power_dbm,delay_spread_ns,k_factor_db per receiver.")
  @Nullable Path summary;

  @Option(
      names = "--json",
      description =
          "Also write the paths as JSON with NIST Q-D field names (TX, RX, Delay, Gain,"
              + " Phase, AODEL, AODAZ, AOAEL, AOAAZ).")
  @Nullable Path json;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    Path scenePath = required("--scene", scene);
    Point3 transmitter = TraceOptions.point("--tx", required("--tx", tx));
    Path receiversPath = required("--rx", rx);
    Path outPath = required("--out", out);
    TraceSettings settings = trace.settings();
    OutputTarget.checkFile("--out", outPath, overwrite);
    if (summary != null) {
      OutputTarget.checkFile("--summary", summary, overwrite);
    }
    if (json != null) {
      OutputTarget.checkFile("--json", json, overwrite);
    }
    SceneFile file = SceneFile.read(scenePath);
    Scene world = file.scene();
    world.checkOutside("--tx", transmitter);
    List<ReceiversCsv.Receiver> receivers = ReceiversCsv.read(receiversPath);
    for (ReceiversCsv.Receiver r : receivers) {
      world.checkOutside(receiversPath + ": receiver '" + r.id() + "'", r.position());
    }
    PrintWriter err = spec.commandLine().getErr();
    warnOutsideRange(world, settings.carrierGhz(), err);
    long start = System.nanoTime();
    List<List<TracedPath>> paths =
        new RayTracer(world, settings)
            .traceAll(
                transmitter, receivers.stream().map(ReceiversCsv.Receiver::position).toList());
    writePaths(outPath, receivers, paths);
    if (summary != null) {
      writeSummary(summary, receivers, paths, trace.txPowerDbm);
    }
    if (json != null) {
      writeJson(json, transmitter, settings, receivers, paths);
    }
    long count = paths.stream().mapToLong(List::size).sum();
    err.printf(
        Locale.ROOT,
        "dnt: traced %d paths to %d receivers in %.1f s; wrote %s%n",
        count,
        receivers.size(),
        (System.nanoTime() - start) / 1e9,
        outPath);
    err.flush();
    return 0;
  }

  static <T> T required(String option, @Nullable T value) {
    if (value == null) {
      throw new InvalidInputException(option + " is required; see dnt raytrace --help");
    }
    return value;
  }

  /** Says which materials of the scene are used outside the frequency range of ITU-R P.2040. */
  static void warnOutsideRange(Scene scene, double ghz, PrintWriter err) {
    Set<Material> used = new LinkedHashSet<>();
    used.add(scene.ground());
    scene.buildings().forEach(b -> used.add(b.material()));
    for (Material m : used) {
      if (!m.covers(ghz)) {
        err.printf(
            Locale.ROOT,
            "dnt: warning: ITU-R P.2040 gives %s for %s to %s GHz; %s GHz is extrapolated%n",
            m.name(),
            m.minGhz(),
            m.maxGhz(),
            ghz);
      }
    }
  }

  /** The header of the paths CSV (the exact contract), without its line end. */
  static final String PATHS_HEADER =
      "rx,path,kind,length_m,delay_ns,gain_db,phase_rad,aod_az_deg,aod_el_deg,aoa_az_deg,"
          + "aoa_el_deg";

  /**
   * One row of the paths CSV, with its line end ({@code \n} on every platform, as the header).
   *
   * @param rx the receiver's id
   * @param number the path's number among the receiver's, from 1
   * @param p the path
   * @return the row
   */
  static String pathRow(String rx, int number, TracedPath p) {
    return String.format(
        Locale.ROOT,
        "%s,%d,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f\n",
        rx,
        number,
        p.kind(),
        p.lengthM(),
        p.delaySeconds() * 1e9,
        p.gainDb(),
        p.phaseRadians(),
        p.departureAzimuthDeg(),
        p.departureElevationDeg(),
        p.arrivalAzimuthDeg(),
        p.arrivalElevationDeg());
  }

  private static void writePaths(
      Path file, List<ReceiversCsv.Receiver> receivers, List<List<TracedPath>> paths)
      throws IOException {
    write(
        file,
        w -> {
          w.write(PATHS_HEADER + "\n");
          for (int i = 0; i < receivers.size(); i++) {
            int k = 1;
            for (TracedPath p : paths.get(i)) {
              w.write(pathRow(receivers.get(i).id(), k++, p));
            }
          }
        });
  }

  private static void writeSummary(
      Path file,
      List<ReceiversCsv.Receiver> receivers,
      List<List<TracedPath>> paths,
      double txPowerDbm)
      throws IOException {
    write(
        file,
        w -> {
          w.write("rx,paths,power_dbm,delay_spread_ns,k_factor_db\n");
          for (int i = 0; i < receivers.size(); i++) {
            ReceiverSummary s = ReceiverSummary.of(paths.get(i), txPowerDbm);
            w.write(
                receivers.get(i).id()
                    + ","
                    + s.paths()
                    + ","
                    + number(s.powerDbm())
                    + ","
                    + number(s.delaySpreadNs())
                    + ","
                    + number(s.kFactorDb())
                    + "\n");
          }
        });
  }

  /** A decimal, empty for an undefined value, {@code inf} for positive infinity. */
  static String number(double v) {
    if (Double.isNaN(v) || v == Double.NEGATIVE_INFINITY) {
      return "";
    }
    return v == Double.POSITIVE_INFINITY ? "inf" : String.format(Locale.ROOT, "%.6f", v);
  }

  private static void writeJson(
      Path file,
      Point3 tx,
      TraceSettings settings,
      List<ReceiversCsv.Receiver> receivers,
      List<List<TracedPath>> paths)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.putArray("TX").add(tx.x()).add(tx.y()).add(tx.z());
    root.put("CarrierGHz", settings.carrierGhz());
    ArrayNode rxs = root.putArray("RX");
    for (int i = 0; i < receivers.size(); i++) {
      ObjectNode r = rxs.addObject();
      Point3 p = receivers.get(i).position();
      r.put("id", receivers.get(i).id());
      r.putArray("Position").add(p.x()).add(p.y()).add(p.z());
      ArrayNode kind = r.putArray("Kind");
      ArrayNode delay = r.putArray("Delay");
      ArrayNode gain = r.putArray("Gain");
      ArrayNode phase = r.putArray("Phase");
      ArrayNode aodel = r.putArray("AODEL");
      ArrayNode aodaz = r.putArray("AODAZ");
      ArrayNode aoael = r.putArray("AOAEL");
      ArrayNode aoaaz = r.putArray("AOAAZ");
      for (TracedPath t : paths.get(i)) {
        kind.add(t.kind());
        delay.add(t.delaySeconds());
        gain.add(t.gainDb());
        phase.add(t.phaseRadians());
        aodel.add(t.departureElevationDeg());
        aodaz.add(t.departureAzimuthDeg());
        aoael.add(t.arrivalElevationDeg());
        aoaaz.add(t.arrivalAzimuthDeg());
      }
    }
    write(file, w -> mapper.writerWithDefaultPrettyPrinter().writeValue(w, root));
  }

  /** Writes a text file through a temporary sibling, moved into place when complete. */
  interface Body {
    void write(BufferedWriter w) throws IOException;
  }

  static void write(Path file, Body body) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = OutputTarget.temporarySibling(file);
    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
      body.write(w);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    OutputTarget.move(tmp, file);
  }
}
