package dnt.core.raytrace.calibration;

import java.util.List;

/**
 * What a calibration found.
 *
 * @param classes the material classes, in parameter order
 * @param lossesDb the fitted extra loss per reflection of each class, dB (0 for a class no training
 *     point depends on)
 * @param standardErrorsDb each loss's asymptotic standard error, {@code s sqrt((J'J)^-1_mm)} with s
 *     the residual standard deviation of the fit; NaN for a class left out
 * @param identifiable whether each class was fitted (some training point's power depends on it)
 * @param trainPoints the points fitted
 * @param holdoutPoints the points held out
 * @param unreached measured points the tracer gives no path to (left out of both sets, counted)
 * @param rmseBeforeDb training RMSE of the nominal materials (no extra loss), dB
 * @param rmseAfterDb training RMSE after the fit, dB
 * @param holdoutRmseBeforeDb held-out RMSE with the nominal materials, dB (NaN without holdout)
 * @param holdoutRmseAfterDb held-out RMSE after the fit, dB (NaN without holdout)
 * @param iterations the Levenberg-Marquardt steps taken
 */
public record CalibrationResult(
    List<String> classes,
    double[] lossesDb,
    double[] standardErrorsDb,
    boolean[] identifiable,
    int trainPoints,
    int holdoutPoints,
    int unreached,
    double rmseBeforeDb,
    double rmseAfterDb,
    double holdoutRmseBeforeDb,
    double holdoutRmseAfterDb,
    int iterations) {
  /** Copies the lists. */
  public CalibrationResult {
    classes = List.copyOf(classes);
  }

  /**
   * The fitted loss of a class.
   *
   * @param name the class
   * @return its loss, dB
   * @throws IllegalArgumentException for a class not in the fit
   */
  public double lossDb(String name) {
    int m = classes.indexOf(name);
    if (m < 0) {
      throw new IllegalArgumentException("no class " + name + " in " + classes);
    }
    return lossesDb[m];
  }
}
