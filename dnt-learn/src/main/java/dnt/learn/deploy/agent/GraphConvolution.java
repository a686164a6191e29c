package dnt.learn.deploy.agent;

import ai.djl.ndarray.NDArray;

/**
 * One graph convolutional layer (Kipf and Welling, ICLR 2017, eq. 2) before its activation: {@code
 * A_hat H W + b}, on DJL arrays so that autograd differentiates it.
 */
public final class GraphConvolution {
  private GraphConvolution() {}

  /**
   * The layer's pre-activation.
   *
   * @param aHat the normalised adjacency, {@code n x n} ({@link NormalizedAdjacency})
   * @param h node features, {@code n x f} or a batch {@code T x n x f}
   * @param w weights, {@code f x g}
   * @param b bias, {@code g}
   * @return {@code A_hat H W + b}, {@code n x g} or {@code T x n x g}
   */
  public static NDArray apply(NDArray aHat, NDArray h, NDArray w, NDArray b) {
    // (A H) W = A (H W); H W first keeps the n x n product on the narrower side
    return aHat.matMul(h.matMul(w)).add(b);
  }

  /**
   * The layer's pre-activation with a given propagation (dense or sparse, {@link Propagation}).
   *
   * @param aHat the propagation {@code H -> A_hat H}
   * @param h node features, {@code n x f} or a batch {@code T x n x f}
   * @param w weights, {@code f x g}
   * @param b bias, {@code g}
   * @return {@code A_hat H W + b}, {@code n x g} or {@code T x n x g}
   */
  public static NDArray apply(Propagation aHat, NDArray h, NDArray w, NDArray b) {
    return aHat.apply(h.matMul(w)).add(b);
  }
}
