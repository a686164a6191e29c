package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stacked LSTM (Hochreiter and Schmidhuber 1997, PyTorch's gate equations and order i, f, g, o)
 * written with batched matrix products so that G independent stacks (the dual LSTM's closeness and
 * period branches) run in the same operations. For the short windows and small batches of traffic
 * forecasting this is about twice as fast as two calls of PyTorch's fused CPU LSTM, whose per-call
 * overhead dominates at this size (measured: docs/PERFORMANCE.md).
 *
 * <p>Per layer l the weights are {@code w_ih [G, in, 4H]}, {@code w_hh [G, H, 4H]} (transposed with
 * respect to PyTorch's layout) and biases {@code b_ih, b_hh [G, 1, 4H]}.
 */
final class BatchedLstm {
  private BatchedLstm() {}

  static void addTensors(List<TensorSpec> out, int groups, int input, int hidden, int layers) {
    double bound = 1 / Math.sqrt(hidden);
    long g4 = 4L * hidden;
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? input : hidden;
      String p = "lstm.l" + l + ".";
      out.add(new TensorSpec(p + "w_ih", new long[] {groups, in, g4}, bound));
      out.add(new TensorSpec(p + "w_hh", new long[] {groups, hidden, g4}, bound));
      out.add(new TensorSpec(p + "b_ih", new long[] {groups, 1, g4}, bound));
      out.add(new TensorSpec(p + "b_hh", new long[] {groups, 1, g4}, bound));
    }
  }

  /**
   * Runs the stacks over {@code x [G, T, B, F]} and returns the last layer's final hidden states
   * {@code [G, B, H]}; dropout acts on the outputs of every layer but the last.
   */
  static NDArray finalState(
      NDList w, int from, int layers, int hidden, NDArray x, Architecture.Dropout dropout) {
    long g = x.getShape().get(0);
    long t = x.getShape().get(1);
    long b = x.getShape().get(2);
    NDArray seq = x;
    @Nullable NDArray h = null;
    for (int l = 0; l < layers; l++) {
      NDArray wih = w.get(from + 4 * l);
      NDArray whh = w.get(from + 4 * l + 1);
      NDArray bias = w.get(from + 4 * l + 2).add(w.get(from + 4 * l + 3));
      long in = seq.getShape().get(3);
      // [G, T B, 4H]: step s is rows [s B, (s + 1) B), split off as [G, B, 4H] views (the same
      // views as splitting [G, T, B, 4H] and squeezing, without the reshape and the squeezes).
      // The sums below are formed in place in a fresh product or sum, which no backward pass
      // reads (a product's gradients need its operands, not its result): the same float sums
      // (a + b == b + a exactly), without a new tensor each (measured: docs/PERFORMANCE.md,
      // "Training cheaper per CPU-second, same bits").
      NDArray projected = seq.reshape(g, t * b, in).batchMatMul(wih).addi(bias);
      NDList steps = t == 1 ? new NDList(projected) : projected.split(t, 1);
      NDArray c = null;
      h = null;
      List<NDArray> outputs = new ArrayList<>((int) t);
      for (int s = 0; s < t; s++) {
        NDArray gates = steps.get(s);
        if (h != null) {
          gates = h.batchMatMul(whh).addi(gates);
        }
        NDList parts = gates.split(4, 2);
        NDArray i = sigmoid(parts.get(0));
        NDArray cell = parts.get(2).tanh();
        NDArray o = sigmoid(parts.get(3));
        c = c == null ? i.mul(cell) : sigmoid(parts.get(1)).mul(c).addi(i.mul(cell));
        h = o.mul(c.tanh());
        outputs.add(h);
      }
      if (l < layers - 1) {
        seq = dropout.apply(NDArrays.stack(new NDList(outputs), 1));
      }
    }
    return Objects.requireNonNull(h, "a network has at least one layer");
  }

  static NDArray sigmoid(NDArray x) {
    return x.getNDArrayInternal().sigmoid();
  }
}
