package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Shared code of the recurrent architectures: stacks of LSTM or GRU layers in PyTorch's layout. */
final class Recurrent {
  private Recurrent() {}

  /** The recurrent cell. */
  enum Cell {
    LSTM(4),
    GRU(3);

    final int gates;

    Cell(int gates) {
      this.gates = gates;
    }
  }

  /** Adds one stack's tensors (per layer w_ih, w_hh, b_ih, b_hh, PyTorch's order). */
  static void addTensors(
      List<TensorSpec> out, String prefix, Cell cell, int input, int hidden, int layers) {
    double bound = 1 / Math.sqrt(hidden);
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? input : hidden;
      String p = prefix + ".l" + l + ".";
      out.add(new TensorSpec(p + "w_ih", new long[] {(long) cell.gates * hidden, in}, bound));
      out.add(new TensorSpec(p + "w_hh", new long[] {(long) cell.gates * hidden, hidden}, bound));
      out.add(new TensorSpec(p + "b_ih", new long[] {(long) cell.gates * hidden}, bound));
      out.add(new TensorSpec(p + "b_hh", new long[] {(long) cell.gates * hidden}, bound));
    }
  }

  /**
   * Runs a stack over {@code x [b, t, f]} and returns the last layer's final hidden state {@code
   * [b, h]}. Dropout is applied to the outputs of every layer but the last, as in PyTorch.
   *
   * <p>The cells are written out with PyTorch's documented equations ({@code torch.nn.LSTM}, gates
   * i, f, g, o; {@code torch.nn.GRU}, gates r, z, n with {@code n = tanh(W_in x + b_in + r (W_hn h
   * + b_hn))} and {@code h' = (1 - z) n + z h}) as matrix products and element-wise ops, not with
   * PyTorch's fused RNN operators: on CPUs with AVX-512, oneDNN 3.7.1's fused f32 RNN kernel
   * ({@code brgemm:avx512_core}) was measured to deviate from a double-precision evaluation by up
   * to 1.7e-3 on values of about 0.37 (docs/forecasting.md, "Numerical reproducibility"), while
   * these equations stay within float rounding on every CPU.
   */
  static NDArray finalState(
      Cell cell,
      NDList weights,
      int from,
      int layers,
      int hidden,
      NDArray x,
      Architecture.Dropout dropout) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    long gates = (long) cell.gates * hidden;
    NDArray seq = x.transpose(1, 0, 2); // [t, b, in]
    @Nullable NDArray h = null;
    for (int l = 0; l < layers; l++) {
      NDArray wih = weights.get(from + 4 * l);
      NDArray whh = weights.get(from + 4 * l + 1).transpose();
      NDArray bih = weights.get(from + 4 * l + 2);
      NDArray bhh = weights.get(from + 4 * l + 3);
      long in = seq.getShape().get(2);
      NDArray inputBias = cell == Cell.LSTM ? bih.add(bhh) : bih;
      NDArray projected =
          seq.reshape(t * b, in).matMul(wih.transpose()).add(inputBias).reshape(t, b, gates);
      NDList steps = t == 1 ? new NDList(projected) : projected.split(t, 0);
      List<NDArray> outputs = new ArrayList<>((int) t);
      h = null;
      NDArray c = null;
      for (int s = 0; s < t; s++) {
        NDArray xs = steps.get(s).squeeze(0);
        if (cell == Cell.LSTM) {
          NDArray g = h == null ? xs : xs.add(h.matMul(whh));
          NDList parts = g.split(4, 1);
          NDArray i = BatchedLstm.sigmoid(parts.get(0));
          NDArray candidate = parts.get(2).tanh();
          NDArray o = BatchedLstm.sigmoid(parts.get(3));
          c =
              c == null
                  ? i.mul(candidate)
                  : BatchedLstm.sigmoid(parts.get(1)).mul(c).add(i.mul(candidate));
          h = o.mul(c.tanh());
        } else {
          NDArray hh = h == null ? bhh.broadcast(b, gates) : h.matMul(whh).add(bhh);
          NDList xp = xs.split(3, 1);
          NDList hp = hh.split(3, 1);
          NDArray r = BatchedLstm.sigmoid(xp.get(0).add(hp.get(0)));
          NDArray z = BatchedLstm.sigmoid(xp.get(1).add(hp.get(1)));
          NDArray n = xp.get(2).add(r.mul(hp.get(2))).tanh();
          // h' = (1 - z) n + z h = n + z (h - n), with h = 0 before the first step
          h = h == null ? n.sub(z.mul(n)) : n.add(z.mul(h.sub(n)));
        }
        outputs.add(h);
      }
      if (l < layers - 1) {
        seq = dropout.apply(NDArrays.stack(new NDList(outputs), 0));
      }
    }
    return Objects.requireNonNull(h, "a network has at least one layer");
  }

  static List<TensorSpec> linearHead(String name, int input, int output) {
    List<TensorSpec> out = new ArrayList<>();
    double bound = 1 / Math.sqrt(input);
    out.add(new TensorSpec(name + ".w", new long[] {output, input}, bound));
    out.add(new TensorSpec(name + ".b", new long[] {output}, bound));
    return out;
  }

  /**
   * A scalar operand for an operation whose gradient is recorded, held by the manager of {@code
   * like} (the training step's), so that it lives until the backward pass.
   *
   * <p>Never pass a {@link Number} to a DJL operation while gradients are recorded: DJL wraps it in
   * a temporary tensor over a Java direct buffer (PyTorch's {@code from_blob}, no copy) and closes
   * the wrapper right after the operation, but autograd keeps the tensor for the backward pass of
   * {@code maximum}, {@code mul} or {@code div}; once the wrapper is unreachable the garbage
   * collector may free the buffer, and the backward pass then reads freed memory. That made the
   * poisoning study's MLP gradients, and so its numbers, depend on when the collector ran
   * (docs/forecasting.md, "Numerical reproducibility"; {@code GradientsSurviveGcTest}).
   *
   * @param like an array of the step whose manager holds the scalar
   * @param value the value
   * @return a 0-dimensional float tensor
   */
  static NDArray scalar(NDArray like, float value) {
    return like.getManager().create(value);
  }

  static NDArray linear(NDArray x, NDArray w, NDArray b) {
    return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
  }
}
