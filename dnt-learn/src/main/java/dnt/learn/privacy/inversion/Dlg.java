package dnt.learn.privacy.inversion;

/**
 * Deep Leakage from Gradients (Zhu, Liu and Han, NeurIPS 2019): the squared L2 distance between the
 * candidate's gradient and the observed one, minimised over windows and targets jointly. The paper
 * uses L-BFGS; here Adam, as {@link GradientMatching} describes.
 */
final class Dlg extends GradientMatching {
  Dlg(int iterations, double stepSize) {
    super(iterations, stepSize);
  }

  @Override
  double distance(double[] g, double[] observed, double[] dg) {
    double s = 0;
    for (int k = 0; k < g.length; k++) {
      double d = g[k] - observed[k];
      s += d * d;
      dg[k] = 2 * d;
    }
    return s;
  }
}
