package dnt.learn.forecast;

/**
 * The dual LSTM's forward pass in plain Java and double precision, written from the equations of
 * PyTorch's {@code torch.nn.LSTM} documentation (gates i, f, g, o; {@code c' = f c + i g}, {@code
 * h' = o tanh(c')}), as a reference that shares no code with DJL, oneDNN or our batched equations.
 */
final class DoubleLstmReference {
  private DoubleLstmReference() {}

  /**
   * The dual LSTM's predictions for every window.
   *
   * @param dual the architecture (its tensor layout is read from {@link DualLstm#tensors()})
   * @param p the flat float parameters
   * @param w the windows
   * @return one prediction per window, in double precision
   */
  static double[] dualLstm(DualLstm dual, float[] p, Windows w) {
    int h = dual.hidden();
    int layers = dual.layers();
    int features = w.features();
    double[] out = new double[w.count()];
    // Offsets of each tensor in the flat parameter vector.
    int[] offsets = new int[dual.tensors().size() + 1];
    for (int i = 0; i < dual.tensors().size(); i++) {
      offsets[i + 1] = offsets[i] + dual.tensors().get(i).size();
    }
    int head = 4 * layers;
    for (int n = 0; n < w.count(); n++) {
      double[] sum = new double[h];
      for (int g = 0; g < 2; g++) {
        float[] x = g == 0 ? w.closeness() : w.period();
        int steps = g == 0 ? w.closenessLength() : w.periodLength();
        double[][] seq = new double[steps][features];
        for (int t = 0; t < steps; t++) {
          for (int f = 0; f < features; f++) {
            seq[t][f] = x[(n * steps + t) * features + f];
          }
        }
        double[] last = null;
        for (int l = 0; l < layers; l++) {
          int in = l == 0 ? features : h;
          int wih = offsets[4 * l] + g * in * 4 * h;
          int whh = offsets[4 * l + 1] + g * h * 4 * h;
          int bih = offsets[4 * l + 2] + g * 4 * h;
          int bhh = offsets[4 * l + 3] + g * 4 * h;
          double[] hs = new double[h];
          double[] cs = new double[h];
          double[][] next = new double[steps][];
          for (int t = 0; t < steps; t++) {
            double[] gates = new double[4 * h];
            for (int j = 0; j < 4 * h; j++) {
              double a = (double) p[bih + j] + p[bhh + j];
              for (int k = 0; k < in; k++) {
                a += seq[t][k] * p[wih + k * 4 * h + j];
              }
              for (int k = 0; k < h; k++) {
                a += hs[k] * p[whh + k * 4 * h + j];
              }
              gates[j] = a;
            }
            double[] hNew = new double[h];
            for (int k = 0; k < h; k++) {
              double i = sigmoid(gates[k]);
              double f = sigmoid(gates[h + k]);
              double c = Math.tanh(gates[2 * h + k]);
              double o = sigmoid(gates[3 * h + k]);
              cs[k] = f * cs[k] + i * c;
              hNew[k] = o * Math.tanh(cs[k]);
            }
            hs = hNew;
            next[t] = hNew;
          }
          seq = next;
          last = hs;
        }
        for (int k = 0; k < h; k++) {
          sum[k] += last[k];
        }
      }
      double y = p[offsets[head + 1]];
      for (int k = 0; k < h; k++) {
        y += sum[k] * p[offsets[head] + k];
      }
      out[n] = y;
    }
    return out;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
