package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multilayer perceptron over the concatenated closeness and period windows: hidden layers with
 * ReLU and dropout, then a linear output.
 *
 * @param windows the windows read
 * @param hidden the width of each hidden layer
 * @param layers the number of hidden layers (at least 1)
 * @param dropout the dropout rate after each hidden layer
 */
public record Mlp(WindowSpec windows, int hidden, int layers, double dropout)
    implements Architecture {
  /** Checks the fields. */
  public Mlp {
    Objects.requireNonNull(windows, "windows");
    DualLstm.checkRecurrent(hidden, layers, dropout);
  }

  @Override
  public String name() {
    return "mlp";
  }

  private int inputs() {
    return (windows.closeness() + windows.period()) * windows.features();
  }

  @Override
  public List<TensorSpec> tensors() {
    List<TensorSpec> t = new ArrayList<>();
    int in = inputs();
    for (int l = 0; l < layers; l++) {
      t.addAll(Recurrent.linearHead("fc" + l, in, hidden));
      in = hidden;
    }
    t.addAll(Recurrent.linearHead("head", in, 1));
    return t;
  }

  @Override
  public NDArray forward(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    long b = closeness.getShape().get(0);
    NDArray x = closeness.reshape(b, -1);
    if (windows.period() > 0) {
      x = x.concat(period.reshape(b, -1), 1);
    }
    for (int l = 0; l < layers; l++) {
      NDArray z = Recurrent.linear(x, w.get(2 * l), w.get(2 * l + 1));
      x = drop.apply(z.maximum(Recurrent.scalar(z, 0f)));
    }
    return Recurrent.linear(x, w.get(2 * layers), w.get(2 * layers + 1)).squeeze(1);
  }

  /**
   * The same forward pass as {@link #forward} in plain Java, without dropout, for predicting a few
   * windows where a PyTorch call costs more than the arithmetic (the live twin judges every slot of
   * every cell against its one-step forecast). The weights are read in {@link #tensors()} order,
   * row-major, as {@link Forecaster} lays them out; sums run in double precision, so the result
   * differs from PyTorch's float32 pass only by float rounding.
   *
   * @param parameters the flat weights ({@link #parameterCount()} values)
   * @param data the windows
   * @return one prediction per window, in normalised units
   */
  public float[] predictPlain(float[] parameters, Windows data) {
    if (parameters.length != parameterCount()) {
      throw new IllegalArgumentException(
          "an mlp of " + parameterCount() + " parameters, got " + parameters.length);
    }
    int c = data.closenessLength() * data.features();
    int p = windows.period() > 0 ? data.periodLength() * data.features() : 0;
    if (c + p != inputs()) {
      throw new IllegalArgumentException("windows of " + (c + p) + " inputs, not " + inputs());
    }
    float[] out = new float[data.count()];
    double[] x = new double[Math.max(inputs(), hidden)];
    double[] h = new double[hidden];
    for (int n = 0; n < data.count(); n++) {
      for (int i = 0; i < c; i++) {
        x[i] = data.closeness()[n * c + i];
      }
      for (int i = 0; i < p; i++) {
        x[c + i] = data.period()[n * p + i];
      }
      int in = inputs();
      int at = 0;
      for (int l = 0; l < layers; l++) {
        int b = at + hidden * in;
        for (int o = 0; o < hidden; o++) {
          double sum = parameters[b + o];
          for (int i = 0; i < in; i++) {
            sum += (double) parameters[at + o * in + i] * x[i];
          }
          h[o] = Math.max(0, (float) sum);
        }
        at = b + hidden;
        System.arraycopy(h, 0, x, 0, hidden);
        in = hidden;
      }
      double y = parameters[at + in];
      for (int i = 0; i < in; i++) {
        y += (double) parameters[at + i] * x[i];
      }
      out[n] = (float) y;
    }
    return out;
  }
}
