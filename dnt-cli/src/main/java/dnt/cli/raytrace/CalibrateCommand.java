package dnt.cli.raytrace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.cli.twin.OutputTarget;
import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.TraceSettings;
import dnt.core.raytrace.calibration.Calibration;
import dnt.core.raytrace.calibration.CalibrationResult;
import dnt.core.raytrace.calibration.Measurement;
import dnt.core.util.Seeds;
import dnt.data.scene.MeasurementsCsv;
import dnt.data.scene.SceneFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt raytrace calibrate}: fits one extra loss per reflection for each material class to
 * measured powers of a known transmitter ({@link Calibration}), reporting the RMSE before and after
 * on the fitted and the held-out points.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Fit an extra loss per reflection (dB) for each wall material and the ground to measured",
      "powers (CSV x,y,z,rsrp_dbm) by least squares; write the losses, their standard errors",
      "and the RMSE before/after on training and held-out points as JSON."
    })
public final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scene", required = true, description = "Scene GeoJSON.")
  Path scene;

  @Option(names = "--tx", required = true, paramLabel = "X,Y,Z", description = "Transmitter, m.")
  String tx;

  @Option(names = "--measurements", required = true, description = "CSV x,y,z,rsrp_dbm.")
  Path measurements;

  @Option(
      names = "--holdout",
      defaultValue = "0.3",
      description =
          "Fraction of points held out for validation, 0..0.9 (default ${DEFAULT-VALUE}).")
  double holdout;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split.")
  long seed;

  @Mixin TraceOptions trace;

  @Option(names = "--out", required = true, description = "Calibration JSON.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing --out file.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    TraceSettings settings = trace.settings();
    Point3 transmitter = TraceOptions.point("--tx", tx);
    if (!(holdout >= 0 && holdout <= 0.9)) {
      throw new InvalidInputException("--holdout must be in 0..0.9, got " + holdout);
    }
    OutputTarget.checkFile("--out", out, overwrite);
    Scene world = SceneFile.read(scene).scene();
    world.checkOutside("--tx", transmitter);
    List<Measurement> points = MeasurementsCsv.read(measurements);
    for (int i = 0; i < points.size(); i++) {
      world.checkOutside(measurements + ": the point on line " + (i + 2), points.get(i).position());
    }
    PrintWriter err = spec.commandLine().getErr();
    RaytraceCommand.warnOutsideRange(world, settings.carrierGhz(), err);
    CalibrationResult r =
        Calibration.calibrate(
            new RayTracer(world, settings),
            transmitter,
            trace.txPowerDbm,
            points,
            holdout,
            Seeds.generator(seed));
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("model", "extra loss per reflection, dB, per material class");
    root.put("seed", seed);
    root.put("holdout", holdout);
    ObjectNode classes = root.putObject("classes");
    for (int m = 0; m < r.classes().size(); m++) {
      ObjectNode c = classes.putObject(r.classes().get(m));
      c.put("loss_db", r.lossesDb()[m]);
      number(c, "standard_error_db", r.standardErrorsDb()[m]);
      c.put("identifiable", r.identifiable()[m]);
    }
    root.put("train_points", r.trainPoints());
    root.put("holdout_points", r.holdoutPoints());
    root.put("unreached_points", r.unreached());
    number(root, "rmse_before_db", r.rmseBeforeDb());
    number(root, "rmse_after_db", r.rmseAfterDb());
    number(root, "holdout_rmse_before_db", r.holdoutRmseBeforeDb());
    number(root, "holdout_rmse_after_db", r.holdoutRmseAfterDb());
    root.put("iterations", r.iterations());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    if (r.unreached() > 0) {
      err.printf(
          Locale.ROOT,
          "dnt: warning: the tracer gives no path to %d of %d measured points; they are left out%n",
          r.unreached(),
          points.size());
    }
    err.printf(
        Locale.ROOT,
        "dnt: RMSE %.2f -> %.2f dB on %d points, held out %.2f -> %.2f dB on %d; wrote %s%n",
        r.rmseBeforeDb(),
        r.rmseAfterDb(),
        r.trainPoints(),
        r.holdoutRmseBeforeDb(),
        r.holdoutRmseAfterDb(),
        r.holdoutPoints(),
        out);
    return 0;
  }

  /** JSON has no NaN: a value that is not a number is written as null. */
  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
