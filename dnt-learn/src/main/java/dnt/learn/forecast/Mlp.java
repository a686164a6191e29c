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
}
