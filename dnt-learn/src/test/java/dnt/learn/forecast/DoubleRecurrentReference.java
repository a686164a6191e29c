package dnt.learn.forecast;

import java.util.List;

/**
 * The recurrent forecasters' forward passes in plain Java and double precision, written from the
 * equations of PyTorch's documentation of {@code torch.nn.LSTM} (gates i, f, g, o; {@code c' = f c
 * + i g}, {@code h' = o tanh(c')}) and {@code torch.nn.GRU} (gates r, z, n; {@code n = tanh(W_in x
 * + b_in + r (W_hn h + b_hn))}, {@code h' = (1 - z) n + z h}). It shares no code with DJL, PyTorch,
 * oneDNN or our tensor equations, so it is an independent reference for them.
 */
final class DoubleRecurrentReference {
  private DoubleRecurrentReference() {}

  /** Reads weight {@code [row, col]} of one of a layer's matrices from the flat parameters. */
  @FunctionalInterface
  private interface Matrix {
    double at(int row, int col);
  }

  /**
   * The dual LSTM's predictions: closeness and period stacks (groups 0 and 1 of the {@code [G, in,
   * 4H]} layout), final hidden states summed, linear head.
   */
  static double[] dualLstm(DualLstm dual, float[] p, Windows w) {
    return dualLstm(dual, toDouble(p), w);
  }

  /** The same with weights in double precision (for finite differences). */
  static double[] dualLstm(DualLstm dual, double[] p, Windows w) {
    int[] at = offsets(dual.tensors());
    int h = dual.hidden();
    double[] out = new double[w.count()];
    for (int n = 0; n < w.count(); n++) {
      double[] sum = new double[h];
      for (int g = 0; g < 2; g++) {
        double[][] seq =
            g == 0
                ? sequence(w.closeness(), n, w.closenessLength(), w.features())
                : sequence(w.period(), n, w.periodLength(), w.features());
        for (int l = 0; l < dual.layers(); l++) {
          int in = l == 0 ? w.features() : h;
          int gate = 4 * h;
          int wih = at[4 * l] + g * in * gate;
          int whh = at[4 * l + 1] + g * h * gate;
          int bih = at[4 * l + 2] + g * gate;
          int bhh = at[4 * l + 3] + g * gate;
          seq =
              layer(
                  true,
                  seq,
                  h,
                  (j, k) -> p[wih + k * gate + j],
                  (j, k) -> p[whh + k * gate + j],
                  j -> p[bih + j],
                  j -> p[bhh + j]);
        }
        double[] last = seq[seq.length - 1];
        for (int k = 0; k < h; k++) {
          sum[k] += last[k];
        }
      }
      out[n] = head(p, at[4 * dual.layers()], at[4 * dual.layers() + 1], sum);
    }
    return out;
  }

  /** A single LSTM or GRU stack over the closeness window (PyTorch's {@code [gates H, in]}). */
  static double[] recurrentNet(RecurrentNet net, float[] weights, Windows w) {
    double[] p = toDouble(weights);
    int[] at = offsets(net.tensors());
    int h = net.hidden();
    int gate = (net.gru() ? 3 : 4) * h;
    double[] out = new double[w.count()];
    for (int n = 0; n < w.count(); n++) {
      double[][] seq = sequence(w.closeness(), n, w.closenessLength(), w.features());
      for (int l = 0; l < net.layers(); l++) {
        int in = l == 0 ? w.features() : h;
        int wih = at[4 * l];
        int whh = at[4 * l + 1];
        int bih = at[4 * l + 2];
        int bhh = at[4 * l + 3];
        seq =
            layer(
                !net.gru(),
                seq,
                h,
                (j, k) -> p[wih + j * in + k],
                (j, k) -> p[whh + j * h + k],
                j -> p[bih + j],
                j -> p[bhh + j]);
      }
      out[n] = head(p, at[4 * net.layers()], at[4 * net.layers() + 1], seq[seq.length - 1]);
    }
    return out;
  }

  private static double[][] layer(
      boolean lstm,
      double[][] seq,
      int h,
      Matrix wih,
      Matrix whh,
      java.util.function.IntToDoubleFunction bih,
      java.util.function.IntToDoubleFunction bhh) {
    int gates = (lstm ? 4 : 3) * h;
    double[] hs = new double[h];
    double[] cs = new double[h];
    double[][] outputs = new double[seq.length][];
    for (int t = 0; t < seq.length; t++) {
      double[] xi = new double[gates];
      double[] hi = new double[gates];
      for (int j = 0; j < gates; j++) {
        double a = bih.applyAsDouble(j);
        for (int k = 0; k < seq[t].length; k++) {
          a += wih.at(j, k) * seq[t][k];
        }
        double b = bhh.applyAsDouble(j);
        for (int k = 0; k < h; k++) {
          b += whh.at(j, k) * hs[k];
        }
        xi[j] = a;
        hi[j] = b;
      }
      double[] next = new double[h];
      for (int k = 0; k < h; k++) {
        if (lstm) {
          double i = sigmoid(xi[k] + hi[k]);
          double f = sigmoid(xi[h + k] + hi[h + k]);
          double g = Math.tanh(xi[2 * h + k] + hi[2 * h + k]);
          double o = sigmoid(xi[3 * h + k] + hi[3 * h + k]);
          cs[k] = f * cs[k] + i * g;
          next[k] = o * Math.tanh(cs[k]);
        } else {
          double r = sigmoid(xi[k] + hi[k]);
          double z = sigmoid(xi[h + k] + hi[h + k]);
          double n = Math.tanh(xi[2 * h + k] + r * hi[2 * h + k]);
          next[k] = (1 - z) * n + z * hs[k];
        }
      }
      hs = next;
      outputs[t] = next;
    }
    return outputs;
  }

  private static double[] toDouble(float[] p) {
    double[] d = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      d[i] = p[i];
    }
    return d;
  }

  private static double head(double[] p, int weights, int bias, double[] hidden) {
    double y = p[bias];
    for (int k = 0; k < hidden.length; k++) {
      y += p[weights + k] * hidden[k];
    }
    return y;
  }

  private static double[][] sequence(float[] x, int sample, int steps, int features) {
    double[][] seq = new double[steps][features];
    for (int t = 0; t < steps; t++) {
      for (int f = 0; f < features; f++) {
        seq[t][f] = x[(sample * steps + t) * features + f];
      }
    }
    return seq;
  }

  private static int[] offsets(List<TensorSpec> tensors) {
    int[] at = new int[tensors.size() + 1];
    for (int i = 0; i < tensors.size(); i++) {
      at[i + 1] = at[i] + tensors.get(i).size();
    }
    return at;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
