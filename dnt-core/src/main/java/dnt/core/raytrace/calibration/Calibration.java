package dnt.core.raytrace.calibration;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.TracedPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Calibrates the tracer to measured received powers of one transmitter (paper Sec. III-A3: a small
 * amount of real measurements tunes the tracer's channel parameters) by fitting one extra loss per
 * reflection for each material class ({@link ExtraLossModel}) by least squares.
 *
 * <p><b>Why extra losses, not permittivity and conductivity.</b> A phase-free power measurement at
 * one frequency sees a material only through {@code |Gamma(theta)|} at the incidence angles of its
 * paths, and that depends on the complex permittivity {@code eta = eps' - j 17.98 sigma / f} alone:
 * eps' and sigma are not separable at one carrier, and over the grazing-to-moderate angles of
 * street canyons {@code |Gamma|} is nearly flat in eta as well (all materials reflect strongly near
 * grazing), so the fit would wander along a ridge. An extra loss per reflection is what a power
 * measurement does pin down: the derivative of a receiver's power in dB by a class's loss is minus
 * the power-weighted mean number of that class's reflections, so a class is identifiable as soon as
 * its reflections carry power at enough measured points, and its standard error follows from the
 * noise and that Jacobian. It also absorbs what the tracer leaves out at each interaction (surface
 * roughness, windows and balconies, diffuse scattering), which is how calibrations of urban tracers
 * are usually parameterised. The nominal P.2040 coefficients stay in the traced amplitudes.
 *
 * <p>The fit is Levenberg-Marquardt ({@link LeastSquares}) from zero losses on the residuals {@code
 * measured - predicted} in dB; standard errors are {@code s sqrt(diag (J'J)^-1)} with {@code s^2 =
 * SSR / (n - p)}. Points the tracer gives no path are left out and counted; a class that no
 * training point depends on is left at 0 and marked unidentifiable.
 */
public final class Calibration {
  private static final int MAX_ITERATIONS = 200;

  /** The fitted losses stay in [-10, 40] dB per reflection (a gain of 10 dB is already absurd). */
  static final double MIN_LOSS_DB = -10;

  /** See {@link #MIN_LOSS_DB}: 40 dB per reflection makes a class's paths vanish. */
  static final double MAX_LOSS_DB = 40;

  private Calibration() {}

  /**
   * Traces the measured points and calibrates.
   *
   * @param tracer the tracer with the scene's nominal materials
   * @param tx the transmitter
   * @param txPowerDbm its power, dBm
   * @param measurements the measured points
   * @param holdout the fraction of reached points held out for validation, in [0, 0.9]
   * @param random the seeded source of the split
   * @return the fit
   * @throws InvalidInputException when too few points remain to fit the classes
   */
  public static CalibrationResult calibrate(
      RayTracer tracer,
      Point3 tx,
      double txPowerDbm,
      List<Measurement> measurements,
      double holdout,
      RandomGenerator random) {
    List<List<TracedPath>> paths =
        tracer.traceAll(tx, measurements.stream().map(Measurement::position).toList());
    double[] measured = measurements.stream().mapToDouble(Measurement::rsrpDbm).toArray();
    return fit(paths, measured, txPowerDbm, holdout, random);
  }

  /**
   * Calibrates on traced points.
   *
   * @param paths each measured point's paths, traced with the nominal materials
   * @param measuredDbm each point's measured power, dBm
   * @param txPowerDbm the transmit power, dBm
   * @param holdout the fraction of reached points held out, in [0, 0.9]
   * @param random the seeded source of the split
   * @return the fit
   */
  public static CalibrationResult fit(
      List<List<TracedPath>> paths,
      double[] measuredDbm,
      double txPowerDbm,
      double holdout,
      RandomGenerator random) {
    if (!(holdout >= 0 && holdout <= 0.9)) {
      throw new InvalidInputException("the holdout fraction must be in [0, 0.9], got " + holdout);
    }
    List<Integer> reached = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      if (!paths.get(i).isEmpty()) {
        reached.add(i);
      }
    }
    int unreached = paths.size() - reached.size();
    // Fisher-Yates with the injected generator: the split is a function of the seed.
    for (int i = reached.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = reached.get(i);
      reached.set(i, reached.get(j));
      reached.set(j, t);
    }
    int nHold = (int) Math.round(holdout * reached.size());
    List<Integer> hold = reached.subList(0, nHold);
    List<Integer> train = reached.subList(nHold, reached.size());
    ExtraLossModel all = ExtraLossModel.of(paths, txPowerDbm);
    // The classes the training points depend on; the rest cannot be fitted.
    List<String> allClasses = all.classes();
    boolean[] identifiable = new boolean[allClasses.size()];
    double[] g = new double[allClasses.size()];
    double[] zero = new double[allClasses.size()];
    for (int i : train) {
      all.powerDbm(i, zero, g);
      for (int m = 0; m < g.length; m++) {
        identifiable[m] |= g[m] != 0;
      }
    }
    List<String> fitted = new ArrayList<>();
    for (int m = 0; m < allClasses.size(); m++) {
      if (identifiable[m]) {
        fitted.add(allClasses.get(m));
      }
    }
    int p = fitted.size();
    if (train.size() <= p) {
      throw new InvalidInputException(
          "calibration needs more training points than material classes: "
              + train.size()
              + " reached training points for "
              + p
              + " classes "
              + fitted);
    }
    ExtraLossModel model = new ExtraLossModel(paths, fitted, txPowerDbm);
    LeastSquares.Problem problem =
        new LeastSquares.Problem() {
          @Override
          public int residuals() {
            return train.size();
          }

          @Override
          public void evaluate(double[] x, double[] r, double[][] jacobian) {
            double[] grad = new double[p];
            for (int k = 0; k < train.size(); k++) {
              int i = train.get(k);
              r[k] = measuredDbm[i] - model.powerDbm(i, x, grad);
              for (int m = 0; m < p; m++) {
                jacobian[k][m] = -grad[m];
              }
            }
          }
        };
    double[] x0 = new double[p];
    LeastSquares.@Nullable Solution s =
        p == 0
            ? null
            : LeastSquares.minimize(
                problem, x0, filled(p, MIN_LOSS_DB), filled(p, MAX_LOSS_DB), MAX_ITERATIONS);
    double[] x = s == null ? x0 : s.x();
    double[] losses = new double[allClasses.size()];
    double[] errors = new double[allClasses.size()];
    double sigma =
        rmse(model, measuredDbm, train, x) * Math.sqrt(train.size() / (double) (train.size() - p));
    for (int m = 0, f = 0; m < allClasses.size(); m++) {
      if (identifiable[m]) {
        losses[m] = x[f];
        errors[m] = s == null ? Double.NaN : sigma * Math.sqrt(s.normalInverse()[f][f]);
        f++;
      } else {
        errors[m] = Double.NaN;
      }
    }
    return new CalibrationResult(
        allClasses,
        losses,
        errors,
        identifiable,
        train.size(),
        hold.size(),
        unreached,
        rmse(model, measuredDbm, train, x0),
        rmse(model, measuredDbm, train, x),
        hold.isEmpty() ? Double.NaN : rmse(model, measuredDbm, hold, x0),
        hold.isEmpty() ? Double.NaN : rmse(model, measuredDbm, hold, x),
        s == null ? 0 : s.iterations());
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    Arrays.fill(a, value);
    return a;
  }

  private static double rmse(
      ExtraLossModel model, double[] measuredDbm, List<Integer> points, double[] x) {
    double sum = 0;
    for (int i : points) {
      double e = measuredDbm[i] - model.powerDbm(i, x, null);
      sum += e * e;
    }
    return Math.sqrt(sum / points.size());
  }
}
