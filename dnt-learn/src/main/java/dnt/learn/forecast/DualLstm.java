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

  /**
   * Per layer {@code w_ih [2, in, 4H]}, {@code w_hh [2, H, 4H]}, {@code b_ih, b_hh [2, 1, 4H]}
   * (group 0 the closeness stack, group 1 the period stack), then the head {@code [1, H]}, {@code
   * [1]}.
   */
  @Override
  public List<TensorSpec> tensors() {
    List<TensorSpec> t = new ArrayList<>();
    BatchedLstm.addTensors(t, 2, windows.features(), hidden, layers);
    t.addAll(Recurrent.linearHead("head", hidden, 1));
    return t;
  }

  @Override
  public NDArray forward(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    int head = 4 * layers;
    NDArray sum;
    if (windows.closeness() == windows.period()) {
      // [B, T, F] x 2 -> [2, B, T, F] -> [2, T, B, F]
      NDArray x = closeness.stack(period).transpose(0, 2, 1, 3);
      sum = BatchedLstm.finalState(w, 0, layers, hidden, x, drop).sum(new int[] {0});
    } else {
      sum = branch(w, 0, closeness, drop).add(branch(w, 1, period, drop));
    }
    return Recurrent.linear(sum, w.get(head), w.get(head + 1)).squeeze(1);
  }

  @Override
  public boolean supportsMany() {
    return windows.closeness() == windows.period();
  }

  /**
   * C dual LSTMs at once: the 2C branch stacks run as 2C groups of {@link BatchedLstm}.
   *
   * <p>{@inheritDoc}
   */
  @Override
  public NDArray forwardMany(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    if (!supportsMany()) {
      throw new UnsupportedOperationException("batched training needs closeness == period");
    }
    long c = closeness.getShape().get(0);
    long b = closeness.getShape().get(1);
    long t = closeness.getShape().get(2);
    long f = closeness.getShape().get(3);
    int head = 4 * layers;
    // [C, B, T, F] x 2 -> [C, 2, B, T, F] -> [C, 2, T, B, F] -> [2C, T, B, F]
    NDArray x = closeness.stack(period, 1).transpose(0, 1, 3, 2, 4).reshape(2 * c, t, b, f);
    NDList groups = new NDList(head);
    for (int i = 0; i < head; i++) {
      long[] dims = w.get(i).getShape().getShape();
      long[] merged = new long[dims.length - 1];
      merged[0] = dims[0] * dims[1];
      System.arraycopy(dims, 2, merged, 1, dims.length - 2);
      groups.add(w.get(i).reshape(merged));
    }
    NDArray h =
        BatchedLstm.finalState(groups, 0, layers, hidden, x, drop)
            .reshape(c, 2, b, hidden)
            .sum(new int[] {1});
    // [C, B, H] x [C, H, 1] + [C, 1]
    return h.batchMatMul(w.get(head).transpose(0, 2, 1)).squeeze(2).add(w.get(head + 1));
  }

  /** One stack alone (closeness and period windows of different lengths). */
  private NDArray branch(NDList w, int group, NDArray x, Dropout drop) {
    NDList mine = new NDList(4 * layers);
    for (int i = 0; i < 4 * layers; i++) {
      mine.add(w.get(i).get(group).expandDims(0));
    }
    NDArray seq = x.transpose(1, 0, 2).expandDims(0);
    return BatchedLstm.finalState(mine, 0, layers, hidden, seq, drop).squeeze(0);
  }
}
