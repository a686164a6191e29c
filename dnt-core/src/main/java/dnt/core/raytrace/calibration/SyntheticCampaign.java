package dnt.core.raytrace.calibration;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.TracedPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A seeded synthetic measurement campaign: a drive test of points drawn uniformly over an area
 * outside the buildings at one height, each "measured" as the tracer's power with hidden true extra
 * losses per reflection ({@link ExtraLossModel}) plus independent Gaussian noise of a stated
 * standard deviation. Points the tracer gives no path are redrawn (a real campaign cannot log a
 * signal below the receiver's sensitivity either). Positions are rounded to the millimetre.
 *
 * <p>The noise stands for what a measured local mean keeps of shadowing and of the receiver's
 * error; the campaign has no model error (the same tracer and scene make and fit it), so a
 * calibration of it can reach at best the noise's standard deviation.
 *
 * @param points the number of measured points, at least 1
 * @param sigmaDb the noise standard deviation, dB, non-negative
 * @param heightM the receivers' height, m, positive
 * @param minX the area's west edge, m
 * @param minY the area's south edge, m
 * @param maxX the area's east edge, m
 * @param maxY the area's north edge, m
 */
public record SyntheticCampaign(
    int points,
    double sigmaDb,
    double heightM,
    double minX,
    double minY,
    double maxX,
    double maxY) {
  /** Draws per point before giving up on a scene where almost nothing is reached. */
  private static final int ATTEMPTS_PER_POINT = 200;

  /** Checks the values. */
  public SyntheticCampaign {
    if (points < 1 || points > 1_000_000) {
      throw new InvalidInputException("the campaign needs 1 to 1,000,000 points, got " + points);
    }
    if (!(sigmaDb >= 0 && sigmaDb <= 30)) {
      throw new InvalidInputException("the noise sigma must be in [0, 30] dB, got " + sigmaDb);
    }
    if (!(heightM > 0 && heightM <= 1000)) {
      throw new InvalidInputException("the height must be in (0, 1000] m, got " + heightM);
    }
    if (!(maxX > minX && maxY > minY)) {
      throw new InvalidInputException("the campaign's area is empty");
    }
  }

  /**
   * Draws hidden true losses: uniform in [2, 10] dB per class, in the given order.
   *
   * @param classes the classes
   * @param random the seeded source
   * @return class to loss, dB
   */
  public static Map<String, Double> drawTruth(List<String> classes, RandomGenerator random) {
    Map<String, Double> truth = new LinkedHashMap<>();
    for (String c : classes) {
      truth.put(c, Math.round((2 + 8 * random.nextDouble()) * 100) / 100.0);
    }
    return truth;
  }

  /**
   * Runs the campaign.
   *
   * @param tracer the tracer with the scene's nominal materials
   * @param tx the transmitter
   * @param txPowerDbm its power, dBm
   * @param truthDb the hidden extra loss per reflection of each class, dB (classes not named get 0)
   * @param random the seeded source of positions and noise
   * @return the measured points, in drawing order
   * @throws InvalidInputException when the tracer reaches too few points of the area
   */
  public List<Measurement> run(
      RayTracer tracer,
      Point3 tx,
      double txPowerDbm,
      Map<String, Double> truthDb,
      RandomGenerator random) {
    List<String> classes = List.copyOf(truthDb.keySet());
    double[] truth = classes.stream().mapToDouble(truthDb::get).toArray();
    List<Measurement> out = new ArrayList<>(points);
    long attempts = 0;
    while (out.size() < points) {
      if (attempts++ > (long) ATTEMPTS_PER_POINT * points) {
        throw new InvalidInputException(
            "the tracer reaches too few points of the campaign's area: "
                + out.size()
                + " of "
                + points
                + " after "
                + (attempts - 1)
                + " draws");
      }
      Point3 p =
          new Point3(
              millimetres(minX + (maxX - minX) * random.nextDouble()),
              millimetres(minY + (maxY - minY) * random.nextDouble()),
              heightM);
      if (inside(tracer, p)) {
        continue;
      }
      List<TracedPath> paths = tracer.trace(tx, p);
      if (paths.isEmpty()) {
        continue;
      }
      double power =
          new ExtraLossModel(List.of(paths), classes, txPowerDbm).powerDbm(0, truth, null);
      out.add(new Measurement(p, power + sigmaDb * random.nextGaussian()));
    }
    return out;
  }

  /** Positions are drawn to the millimetre, so that a CSV of them traces the same points. */
  private static double millimetres(double metres) {
    return Math.round(metres * 1000) / 1000.0;
  }

  private static boolean inside(RayTracer tracer, Point3 p) {
    for (Building b : tracer.scene().buildings()) {
      if (p.z() < b.height() && b.contains(p.x(), p.y())) {
        return true;
      }
    }
    return false;
  }
}
