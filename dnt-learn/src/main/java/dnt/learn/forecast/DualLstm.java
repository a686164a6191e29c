package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dual LSTM of FedDA (Zhang et al., "Dual Attention-Based Federated Learning for Wireless
 * Traffic Prediction", INFOCOM 2021) used on the Milan data: the closeness window and the period
 * window each pass through their own stacked LSTM; the two final hidden states of the last layers
 * are summed and a linear head predicts the next value. Dropout acts between the layers of each
 * stack, as PyTorch's {@code nn.LSTM(dropout=...)} does. The two stacks run batched ({@link
 * BatchedLstm}); the parameter count equals PyTorch's (two biases per layer).
 *
 * @param windows the windows read (period must be at least 1)
 * @param hidden the hidden size (64 by default)
 * @param layers the layers per stack (2 by default)
 * @param dropout the dropout rate between layers (0.2 by default)
 */
public record DualLstm(WindowSpec windows, int hidden, int layers, double dropout)
    implements Architecture {
  /** Checks the fields. */
  public DualLstm {
    Objects.requireNonNull(windows, "windows");
    if (windows.period() < 1) {
      throw new IllegalArgumentException("the dual LSTM needs a period window (period >= 1)");
    }
    checkRecurrent(hidden, layers, dropout);
  }

  static void checkRecurrent(int hidden, int layers, double dropout) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be at least 1, got " + hidden);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be at least 1, got " + layers);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  @Override
  public String name() {
    return "dual-lstm";
  }

  @Override
  public List<TensorSpec> tensors() {
    List<TensorSpec> t = new ArrayList<>();
    int f = windows.features();
    Recurrent.addTensors(t, "close", Recurrent.Cell.LSTM, f, hidden, layers);
    Recurrent.addTensors(t, "period", Recurrent.Cell.LSTM, f, hidden, layers);
    t.addAll(Recurrent.linearHead("head", hidden, 1));
    return t;
  }

  @Override
  public NDArray forward(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    int per = 4 * layers;
    NDArray hc = Recurrent.finalState(Recurrent.Cell.LSTM, w, 0, layers, hidden, closeness, drop);
    NDArray hp = Recurrent.finalState(Recurrent.Cell.LSTM, w, per, layers, hidden, period, drop);
    return Recurrent.linear(hc.add(hp), w.get(2 * per), w.get(2 * per + 1)).squeeze(1);
  }
}
