package dnt.learn.fl;

/** Small vector helpers for flat models. */
final class Vectors {
  private Vectors() {}

  static double[] toDouble(float[] w) {
    double[] d = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      d[i] = w[i];
    }
    return d;
  }

  /** Returns {@code w + scale * delta} as a new float vector. */
  static float[] add(float[] w, double[] delta, double scale) {
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (float) (w[i] + scale * delta[i]);
    }
    return out;
  }

  static double norm(double[] v, double scale) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.abs(scale) * Math.sqrt(s);
  }

  static double[] scaled(double[] v, double s) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * s;
    }
    return out;
  }

  /** The weighted mean of models. */
  static float[] weightedMean(java.util.List<float[]> models, double[] weights) {
    int d = models.get(0).length;
    double[] acc = new double[d];
    double total = 0;
    for (int k = 0; k < models.size(); k++) {
      float[] m = models.get(k);
      for (int i = 0; i < d; i++) {
        acc[i] += weights[k] * m[i];
      }
      total += weights[k];
    }
    float[] out = new float[d];
    for (int i = 0; i < d; i++) {
      out[i] = (float) (acc[i] / total);
    }
    return out;
  }

  /** Returns {@code (1 - beta) a + beta b}. */
  static float[] mix(float[] a, float[] b, double beta) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) ((1 - beta) * a[i] + beta * b[i]);
    }
    return out;
  }
}
