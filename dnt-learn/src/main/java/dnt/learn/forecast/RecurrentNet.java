package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A single stacked LSTM (Hochreiter and Schmidhuber 1997) or GRU (Cho et al. 2014) over the
 * closeness window followed by a linear head on the last hidden state. The period window, if any,
 * is ignored; use {@link DualLstm} to read both.
 *
 * @param gru true for a GRU, false for an LSTM
 * @param windows the windows read
 * @param hidden the hidden size
 * @param layers the stacked layers
 * @param dropout the dropout rate between layers
 */
public record RecurrentNet(boolean gru, WindowSpec windows, int hidden, int layers, double dropout)
    implements Architecture {
  /** Checks the fields. */
  public RecurrentNet {
    Objects.requireNonNull(windows, "windows");
    DualLstm.checkRecurrent(hidden, layers, dropout);
  }

  @Override
  public String name() {
    return gru ? "gru" : "lstm";
  }

  private Recurrent.Cell cell() {
    return gru ? Recurrent.Cell.GRU : Recurrent.Cell.LSTM;
  }

  @Override
  public List<TensorSpec> tensors() {
    List<TensorSpec> t = new ArrayList<>();
    Recurrent.addTensors(t, name(), cell(), windows.features(), hidden, layers);
    t.addAll(Recurrent.linearHead("head", hidden, 1));
    return t;
  }

  @Override
  public NDArray forward(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    NDArray h = Recurrent.finalState(cell(), w, 0, layers, hidden, closeness, drop);
    int at = 4 * layers;
    return Recurrent.linear(h, w.get(at), w.get(at + 1)).squeeze(1);
  }
}
