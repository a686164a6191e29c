package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Shared code of the recurrent architectures: stacks of LSTM or GRU layers over PyTorch's ops. */
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
   */
  static NDArray finalState(
      Cell cell,
      NDList weights,
      int from,
      int layers,
      int hidden,
      NDArray x,
      Architecture.Dropout dropout) {
    long batch = x.getShape().get(0);
    NDArray in = x;
    NDArray last = null;
    for (int l = 0; l < layers; l++) {
      NDList params =
          new NDList(
              weights.get(from + 4 * l),
              weights.get(from + 4 * l + 1),
              weights.get(from + 4 * l + 2),
              weights.get(from + 4 * l + 3));
      NDArray h0 = x.getManager().zeros(new Shape(1, batch, hidden));
      NDList out;
      if (cell == Cell.LSTM) {
        NDArray c0 = x.getManager().zeros(new Shape(1, batch, hidden));
        out =
            in.getNDArrayInternal()
                .lstm(in, new NDList(h0, c0), params, true, 1, 0.0, false, false, true);
      } else {
        out = in.getNDArrayInternal().gru(in, h0, params, true, 1, 0.0, false, false, true);
      }
      if (l < layers - 1) {
        in = dropout.apply(out.get(0));
      } else {
        last = out.get(1).squeeze(0);
      }
    }
    return last;
  }

  static List<TensorSpec> linearHead(String name, int input, int output) {
    List<TensorSpec> out = new ArrayList<>();
    double bound = 1 / Math.sqrt(input);
    out.add(new TensorSpec(name + ".w", new long[] {output, input}, bound));
    out.add(new TensorSpec(name + ".b", new long[] {output}, bound));
    return out;
  }

  static NDArray linear(NDArray x, NDArray w, NDArray b) {
    return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
  }
}
