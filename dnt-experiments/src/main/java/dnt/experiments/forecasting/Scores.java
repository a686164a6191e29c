package dnt.experiments.forecasting;

/**
 * Forecast errors over all test points of all cells: MSE and MAE in normalised (z) and raw units,
 * and NRMSE = per-cell RMSE / (max - min of the cell's test series), averaged over cells (the same
 * in both units, since the z-score is affine per cell).
 *
 * @param mseZ mean squared error in z units
 * @param maeZ mean absolute error in z units
 * @param mseRaw mean squared error in raw activity units
 * @param maeRaw mean absolute error in raw units
 * @param nrmse the mean per-cell normalised RMSE
 */
public record Scores(double mseZ, double maeZ, double mseRaw, double maeRaw, double nrmse) {
  /**
   * Scores predictions of the test slots.
   *
   * @param data the data
   * @param predZ predictions in z units, {@code [cell][test slot]}
   * @return the scores
   */
  public static Scores of(ForecastData data, float[][] predZ) {
    int n = data.cellCount();
    int from = data.trainLength();
    int len = data.testLength();
    double se = 0;
    double ae = 0;
    double seRaw = 0;
    double aeRaw = 0;
    double nrmse = 0;
    for (int c = 0; c < n; c++) {
      double cellSe = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      if (predZ[c].length != len) {
        throw new IllegalArgumentException(
            "cell " + c + " has " + predZ[c].length + " predictions");
      }
      for (int i = 0; i < len; i++) {
        double e = predZ[c][i] - data.z()[c][from + i];
        double eRaw = e * data.std()[c];
        se += e * e;
        ae += Math.abs(e);
        seRaw += eRaw * eRaw;
        aeRaw += Math.abs(eRaw);
        cellSe += eRaw * eRaw;
        double y = data.raw()[c][from + i];
        min = Math.min(min, y);
        max = Math.max(max, y);
      }
      double range = max - min;
      nrmse += range > 0 ? Math.sqrt(cellSe / len) / range : 0;
    }
    double count = (double) n * len;
    return new Scores(se / count, ae / count, seRaw / count, aeRaw / count, nrmse / n);
  }
}
