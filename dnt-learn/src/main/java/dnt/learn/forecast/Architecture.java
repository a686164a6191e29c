package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A forecasting network: its parameter tensors (as one flat vector, in {@link #tensors()} order)
 * and its forward pass on DJL arrays. Architectures are immutable and thread-safe; the weights live
 * in a {@link Forecaster}.
 */
public sealed interface Architecture permits DualLstm, RecurrentNet, Mlp, StDenseNet, GraphGru {
  /**
   * The name under which {@link Architectures#REGISTRY} makes this network ("dual-lstm", "lstm",
   * "gru", "mlp", "st-densenet", "graph-gru").
   *
   * @return the name
   */
  String name();

  /**
   * The windows this network reads.
   *
   * @return the spec
   */
  WindowSpec windows();

  /**
   * The dropout rate between layers while training.
   *
   * @return the rate in [0, 1)
   */
  double dropout();

  /**
   * The parameter tensors in flat order.
   *
   * @return the tensors
   */
  List<TensorSpec> tensors();

  /**
   * The forward pass.
   *
   * @param weights one array per {@link #tensors()} entry, in order
   * @param closeness the closeness windows {@code [b, k, f]}
   * @param period the period windows {@code [b, p + q, f]}, the trend steps after the period steps
   *     (unused when p + q = 0)
   * @param dropout the dropout to apply between layers (identity when not training)
   * @return the predictions {@code [b]}
   */
  NDArray forward(NDList weights, NDArray closeness, NDArray period, Dropout dropout);

  /**
   * Whether {@link #forwardMany} is implemented (several models trained in the same operations).
   *
   * @return true if this architecture can train clients batched
   */
  default boolean supportsMany() {
    return false;
  }

  /**
   * The forward pass of C independent models at once: every weight has a leading model dimension C,
   * as do the inputs.
   *
   * @param weights one array {@code [C, ...]} per {@link #tensors()} entry
   * @param closeness {@code [C, b, k, f]}
   * @param period {@code [C, b, p, f]}
   * @param dropout the dropout
   * @return the predictions {@code [C, b]}
   * @throws UnsupportedOperationException unless {@link #supportsMany()}
   */
  default NDArray forwardMany(NDList weights, NDArray closeness, NDArray period, Dropout dropout) {
    throw new UnsupportedOperationException(name() + " cannot train several models batched");
  }

  /**
   * The number of parameters.
   *
   * @return the flat length
   */
  default int parameterCount() {
    int n = 0;
    for (TensorSpec t : tensors()) {
      n += t.size();
    }
    return n;
  }

  /**
   * Draws initial parameters as PyTorch does by default (uniform within each tensor's bound), from
   * a Java generator so that the result depends on the seed only.
   *
   * @param random the generator
   * @return the flat parameters
   */
  default float[] initialParameters(RandomGenerator random) {
    float[] p = new float[parameterCount()];
    int at = 0;
    for (TensorSpec t : tensors()) {
      for (int i = 0; i < t.size(); i++) {
        p[at++] = (float) ((2 * random.nextDouble() - 1) * t.bound());
      }
    }
    return p;
  }

  /**
   * Inverted dropout between layers with masks drawn in Java (so that training is deterministic for
   * a seed even when several models train in parallel).
   */
  @FunctionalInterface
  interface Dropout {
    /** No dropout (evaluation). */
    Dropout NONE = x -> x;

    /**
     * Applies dropout.
     *
     * @param x the activations
     * @return the activations with dropped units zeroed and the rest scaled by 1/(1-rate)
     */
    NDArray apply(NDArray x);
  }
}
