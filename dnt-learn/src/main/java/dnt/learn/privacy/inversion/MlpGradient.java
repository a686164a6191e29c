package dnt.learn.privacy.inversion;

import dnt.learn.forecast.Mlp;

/**
 * The MLP forecaster's forward pass and the gradient of one window's squared error with respect to
 * its parameters, in double precision and in the flat order of {@link Mlp#tensors()} (each dense
 * layer's weight {@code [out, in]} row-major, then its bias; the head last). This is what the
 * attacks differentiate: for a fixed ReLU activation pattern the gradient is a quadratic function
 * of the window and target, so central differences of it are exact up to rounding.
 */
final class MlpGradient {
  private final int inputs;
  private final int hidden;
  private final int layers;
  private final double[] w;

  MlpGradient(Mlp mlp, float[] weights) {
    this.inputs = (mlp.windows().closeness() + mlp.windows().period()) * mlp.windows().features();
    this.hidden = mlp.hidden();
    this.layers = mlp.layers();
    if (weights.length != mlp.parameterCount()) {
      throw new IllegalArgumentException(
          "the mlp has " + mlp.parameterCount() + " parameters, got " + weights.length);
    }
    this.w = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      w[i] = weights[i];
    }
  }

  int inputs() {
    return inputs;
  }

  int parameters() {
    return w.length;
  }

  /** Offset of layer l's weight (l = layers is the head). */
  private int weightAt(int l) {
    if (l == 0) {
      return 0;
    }
    return inputs * hidden + hidden + (l - 1) * (hidden * hidden + hidden);
  }

  private int width(int l) {
    return l == layers ? 1 : hidden;
  }

  private int fanIn(int l) {
    return l == 0 ? inputs : hidden;
  }

  /** Pre-activations of every layer, z[l] for l = 0..layers (the head last). */
  private double[][] forward(double[] x) {
    double[][] z = new double[layers + 1][];
    double[] a = x;
    for (int l = 0; l <= layers; l++) {
      int out = width(l);
      int in = fanIn(l);
      int at = weightAt(l);
      int bias = at + out * in;
      double[] zl = new double[out];
      for (int j = 0; j < out; j++) {
        double s = w[bias + j];
        int row = at + j * in;
        for (int i = 0; i < in; i++) {
          s += w[row + i] * a[i];
        }
        zl[j] = s;
      }
      z[l] = zl;
      if (l < layers) {
        double[] next = new double[out];
        for (int j = 0; j < out; j++) {
          next[j] = Math.max(0, zl[j]);
        }
        a = next;
      }
    }
    return z;
  }

  /**
   * The prediction for one window.
   *
   * @param x the input window, {@link #inputs()} values
   * @return the forecast
   */
  double predict(double[] x) {
    return forward(x)[layers][0];
  }

  /**
   * Adds {@code scale} times the gradient of {@code (predict(x) - y)^2} to {@code out}.
   *
   * @param x the input window
   * @param y the target
   * @param scale the factor (1/B for a batch mean)
   * @param out the flat gradient, {@link #parameters()} values
   */
  void accumulate(double[] x, double y, double scale, double[] out) {
    double[][] z = forward(x);
    double[] delta = {2 * (z[layers][0] - y) * scale};
    for (int l = layers; l >= 0; l--) {
      int outW = width(l);
      int in = fanIn(l);
      int at = weightAt(l);
      int bias = at + outW * in;
      double[] a = l == 0 ? x : relu(z[l - 1]);
      for (int j = 0; j < outW; j++) {
        double d = delta[j];
        if (d == 0) {
          continue;
        }
        out[bias + j] += d;
        int row = at + j * in;
        for (int i = 0; i < in; i++) {
          out[row + i] += d * a[i];
        }
      }
      if (l > 0) {
        double[] prev = new double[in];
        double[] zPrev = z[l - 1];
        for (int i = 0; i < in; i++) {
          if (zPrev[i] <= 0) {
            continue;
          }
          double s = 0;
          for (int j = 0; j < outW; j++) {
            s += w[at + j * in + i] * delta[j];
          }
          prev[i] = s;
        }
        delta = prev;
      }
    }
  }

  private static double[] relu(double[] z) {
    double[] a = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.max(0, z[i]);
    }
    return a;
  }

  /**
   * The first dense layer's weight gradient row j and bias gradient entry j inside a flat gradient.
   *
   * @param gradient the flat gradient
   * @param j the hidden unit
   * @return the row, {@link #inputs()} values
   */
  double[] firstLayerRow(double[] gradient, int j) {
    double[] row = new double[inputs];
    System.arraycopy(gradient, j * inputs, row, 0, inputs);
    return row;
  }

  /**
   * The first dense layer's bias gradient.
   *
   * @param gradient the flat gradient
   * @return hidden values
   */
  double[] firstLayerBias(double[] gradient) {
    double[] b = new double[hidden];
    System.arraycopy(gradient, inputs * hidden, b, 0, hidden);
    return b;
  }

  /**
   * The head's bias gradient inside a flat gradient.
   *
   * @param gradient the flat gradient
   * @return its last entry
   */
  double headBias(double[] gradient) {
    return gradient[gradient.length - 1];
  }
}
