package dnt.cli.raytrace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.cli.twin.OutputTarget;
import dnt.core.InvalidInputException;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.TraceSettings;
import dnt.core.raytrace.calibration.ExtraLossModel;
import dnt.core.raytrace.calibration.Measurement;
import dnt.core.raytrace.calibration.SyntheticCampaign;
import dnt.core.util.Seeds;
import dnt.data.scene.MeasurementsCsv;
import dnt.data.scene.SceneFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt raytrace campaign}: a seeded synthetic measurement campaign with hidden true extra
 * losses per reflection, for testing {@code dnt raytrace calibrate}.
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = {
      "Write a seeded synthetic measurement campaign: points drawn uniformly over --area outside",
      "the buildings, each the traced power with hidden true extra losses per reflection (one per",
      "wall material and 'ground'; drawn in 2-10 dB unless --true-loss) plus Gaussian noise.",
      "CSV x,y,z,rsrp_dbm; the truth goes to --truth as JSON."
    })
public final class CampaignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scene", required = true, description = "Scene GeoJSON.")
  Path scene;

  @Option(names = "--tx", required = true, paramLabel = "X,Y,Z", description = "Transmitter, m.")
  String tx;

  @Option(
      names = "--area",
      required = true,
      paramLabel = "X0,Y0,X1,Y1",
      description = "Where points are drawn, m.")
  String area;

  @Option(names = "--points", defaultValue = "300", description = "Measured points.")
  int points;

  @Option(names = "--sigma-db", defaultValue = "2", description = "Noise standard deviation, dB.")
  double sigmaDb;

  @Option(names = "--height", defaultValue = "1.5", description = "Receiver height, m.")
  double height;

  @Option(
      names = "--true-loss",
      split = ",",
      paramLabel = "CLASS=DB",
      description = "Hidden losses per reflection instead of drawn ones, e.g. concrete=6,ground=3.")
  List<String> trueLoss = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "42", description = "Seed of every draw.")
  long seed;

  @Mixin TraceOptions trace;

  @Option(names = "--out", required = true, description = "Measurements CSV.")
  Path out;

  @Option(names = "--truth", required = true, description = "JSON of the hidden losses.")
  Path truth;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    TraceSettings settings = trace.settings();
    Point3 transmitter = TraceOptions.point("--tx", tx);
    double[] r = TraceOptions.area("--area", area);
    SyntheticCampaign campaign =
        new SyntheticCampaign(points, sigmaDb, height, r[0], r[1], r[2], r[3]);
    OutputTarget.checkFile("--out", out, overwrite);
    OutputTarget.checkFile("--truth", truth, overwrite);
    Scene world = SceneFile.read(scene).scene();
    world.checkOutside("--tx", transmitter);
    RaytraceCommand.warnOutsideRange(world, settings.carrierGhz(), spec.commandLine().getErr());
    List<String> classes = classes(world);
    Map<String, Double> losses =
        trueLoss.isEmpty()
            ? SyntheticCampaign.drawTruth(classes, Seeds.generator(Seeds.derive(seed, 1)))
            : parse(trueLoss, classes);
    RayTracer tracer = new RayTracer(world, settings);
    List<Measurement> measured =
        campaign.run(
            tracer, transmitter, trace.txPowerDbm, losses, Seeds.generator(Seeds.derive(seed, 2)));
    MeasurementsCsv.write(measured, out);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("seed", seed);
    root.put("sigma_db", sigmaDb);
    root.put("points", points);
    ObjectNode l = root.putObject("losses_db");
    losses.forEach(l::put);
    json.writerWithDefaultPrettyPrinter().writeValue(truth.toFile(), root);
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "dnt: wrote %d measured points to %s and the truth to %s%n",
            points,
            out,
            truth);
    return 0;
  }

  /** The scene's classes: its wall materials in order of first use, then the ground. */
  static List<String> classes(Scene world) {
    Set<String> classes = new LinkedHashSet<>();
    for (Building b : world.buildings()) {
      classes.add(b.material().name());
    }
    classes.add(ExtraLossModel.GROUND);
    return List.copyOf(classes);
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Map<String, Double> parse(List<String> pairs, List<String> classes) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      String[] kv = pair.split("=", -1);
      double v = kv.length == 2 ? number(kv[1]) : Double.NaN;
      if (!Double.isFinite(v) || Math.abs(v) > 100) {
        throw new InvalidInputException(
            "--true-loss must be CLASS=DB with DB a number within 100 dB, got '" + pair + "'");
      }
      String name = kv[0].strip().toLowerCase(Locale.ROOT).replace('_', '-');
      if (!classes.contains(name)) {
        throw new InvalidInputException(
            "--true-loss names '"
                + kv[0].strip()
                + "', which is not a class of the scene "
                + classes);
      }
      out.put(name, v);
    }
    return out;
  }
}
