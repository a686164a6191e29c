package dnt.learn.privacy.inversion;

import dnt.learn.forecast.WindowSpec;

/**
 * Inverting Gradients (Geiping, Bauermeister, Droege and Moeller, NeurIPS 2020): one minus the
 * cosine similarity of the candidate's gradient and the observed one, which ignores the update's
 * scale, plus a total-variation prior that the paper puts on images and that is adapted here to 1-D
 * windows: the sum of absolute differences between consecutive steps of each feature within the
 * closeness window and within the period window, times a weight.
 */
final class CosineMatching extends GradientMatching {
  private static final double TINY = 1e-30;
  private final double tvWeight;
  private final WindowSpec windows;

  CosineMatching(int iterations, double stepSize, double tvWeight, WindowSpec windows) {
    super(iterations, stepSize);
    if (!(tvWeight >= 0) || Double.isInfinite(tvWeight)) {
      throw new IllegalArgumentException("tvWeight must be >= 0, got " + tvWeight);
    }
    this.tvWeight = tvWeight;
    this.windows = windows;
  }

  @Override
  double distance(double[] g, double[] observed, double[] dg) {
    double gg = 0;
    double oo = 0;
    double go = 0;
    for (int k = 0; k < g.length; k++) {
      gg += g[k] * g[k];
      oo += observed[k] * observed[k];
      go += g[k] * observed[k];
    }
    double ng = Math.sqrt(gg) + TINY;
    double no = Math.sqrt(oo) + TINY;
    double cos = go / (ng * no);
    for (int k = 0; k < g.length; k++) {
      dg[k] = -(observed[k] / (ng * no) - cos * g[k] / (ng * ng));
    }
    return 1 - cos;
  }

  @Override
  double prior(double[][] x, double[][] dx) {
    if (tvWeight == 0) {
      return 0;
    }
    int f = windows.features();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += segment(x[i], dx[i], 0, windows.closeness(), f);
      s += segment(x[i], dx[i], windows.closeness() * f, windows.period(), f);
    }
    return s;
  }

  /** Total variation of one segment of steps, each of f features, starting at offset. */
  private double segment(double[] x, double[] dx, int offset, int steps, int f) {
    double s = 0;
    for (int t = 1; t < steps; t++) {
      for (int c = 0; c < f; c++) {
        int a = offset + (t - 1) * f + c;
        int b = offset + t * f + c;
        double d = x[b] - x[a];
        s += Math.abs(d);
        double sign = Math.signum(d) * tvWeight;
        dx[b] += sign;
        dx[a] -= sign;
      }
    }
    return tvWeight * s;
  }
}
