package dnt.learn.privacy.inversion;

/**
 * How close a reconstruction is to the client's true batch, after matching every guessed window to
 * one true window by the assignment of least total squared error ({@link Assignment}; the identity
 * for one window).
 *
 * @param mse the mean squared error of the input windows, in z-score units of the cell's scaler
 * @param correlation the mean Pearson correlation between each true window and its guess (0 for a
 *     constant window or guess)
 * @param targetMse the mean squared error of the targets, in z-score units
 * @param signAgreement the share of input values whose guess has the same sign (above or below the
 *     cell's training mean); a guess that knows nothing agrees on about half
 */
public record ReconstructionError(
    double mse, double correlation, double targetMse, double signAgreement) {

  /**
   * Scores a reconstruction.
   *
   * @param inputs the true input windows, {@code [B][inputs]}
   * @param targets the true targets
   * @param guess the reconstruction of B windows
   * @return the error
   */
  public static ReconstructionError of(double[][] inputs, double[] targets, Reconstruction guess) {
    int b = inputs.length;
    double[][] x = guess.inputs();
    double[] y = guess.targets();
    if (x.length != b || targets.length != b) {
      throw new IllegalArgumentException("the guess has " + x.length + " windows, expected " + b);
    }
    double[][] cost = new double[b][b];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < b; j++) {
        cost[i][j] = squaredError(inputs[i], x[j]);
        if (!Double.isFinite(cost[i][j])) {
          cost[i][j] = Double.MAX_VALUE / (4.0 * b);
        }
      }
    }
    int[] match = b == 1 ? new int[] {0} : Assignment.solve(cost);
    double mse = 0;
    double corr = 0;
    double tmse = 0;
    long agree = 0;
    long values = 0;
    for (int i = 0; i < b; i++) {
      double[] t = inputs[i];
      double[] g = x[match[i]];
      mse += squaredError(t, g) / t.length;
      corr += pearson(t, g);
      double dy = targets[i] - y[match[i]];
      tmse += dy * dy;
      for (int k = 0; k < t.length; k++) {
        agree += t[k] * g[k] > 0 ? 1 : 0;
        values++;
      }
    }
    return new ReconstructionError(mse / b, corr / b, tmse / b, (double) agree / values);
  }

  private static double squaredError(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /**
   * The Pearson correlation of two vectors.
   *
   * @param a one vector
   * @param b another, same length
   * @return the correlation, 0 when either is constant or not finite
   */
  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    double r = sab / Math.sqrt(saa * sbb);
    return Double.isFinite(r) ? r : 0;
  }
}
