package dnt.experiments.poisoning;

/**
 * Forecast errors on the test week in normalised (per-cell z-score) units, capped at {@link #CAP}
 * as in the paper's Table II; a diverged model (NaN or infinite predictions) scores the cap.
 *
 * @param mse the mean squared error, at most 100
 * @param mae the mean absolute error, at most 100
 */
public record Scores(double mse, double mae) {
  /** The cap of the paper's table. */
  public static final double CAP = 100.0;

  /**
   * Caps raw errors.
   *
   * @param mse the raw mean squared error (may be NaN or infinite)
   * @param mae the raw mean absolute error
   * @return the capped scores
   */
  public static Scores capped(double mse, double mae) {
    return new Scores(cap(mse), cap(mae));
  }

  private static double cap(double x) {
    return Double.isNaN(x) || x > CAP ? CAP : x;
  }
}
