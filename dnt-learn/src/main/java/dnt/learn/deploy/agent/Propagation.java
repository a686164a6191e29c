package dnt.learn.deploy.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The product {@code A_hat H} of a graph convolutional layer (Kipf and Welling, ICLR 2017) on DJL
 * arrays, differentiable by autograd: dense ({@link #dense}, an {@code n x n} matrix product, the
 * original encoder) or sparse ({@link #sparse}, a gather of each node's linked rows). Both give the
 * same values up to float32 rounding ({@code PropagationTest}); the sparse one costs {@code n x
 * width} instead of {@code n x n}.
 */
@FunctionalInterface
public interface Propagation {
  /**
   * Propagates node values over the graph.
   *
   * @param h node values, {@code n x g} or a batch {@code T x n x g}
   * @return {@code A_hat h}, the same shape
   */
  NDArray apply(NDArray h);

  /**
   * The dense propagation: {@code A_hat} as an {@code n x n} array of the manager.
   *
   * @param m the manager that owns the matrix
   * @param adjacency raw edge weights, renormalised by {@link NormalizedAdjacency#of}
   * @return the propagation
   */
  static Propagation dense(NDManager m, double[][] adjacency) {
    double[][] d = NormalizedAdjacency.of(adjacency);
    int n = d.length;
    float[] flat = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        flat[i * n + j] = (float) d[i][j];
      }
    }
    NDArray aHat = m.create(flat, new Shape(n, n));
    return aHat::matMul;
  }

  /**
   * The sparse propagation: for each slot of the rows ({@link SparseAdjacency#width}), the rows of
   * the linked nodes gathered and weighted, summed over the slots. The arrays live in the manager.
   *
   * @param m the manager that owns the index and weight arrays
   * @param a the renormalised adjacency
   * @return the propagation
   */
  static Propagation sparse(NDManager m, SparseAdjacency a) {
    int n = a.nodes();
    int width = a.width();
    int[] index = a.index();
    double[] weight = a.weight();
    NDList columns = new NDList(width);
    NDList weights = new NDList(width);
    for (int k = 0; k < width; k++) {
      long[] col = new long[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        col[i] = index[i * width + k];
        w[i] = (float) weight[i * width + k];
      }
      columns.add(m.create(col));
      weights.add(m.create(w, new Shape(n, 1)));
    }
    return h -> {
      boolean batched = h.getShape().dimension() == 3;
      // nodes first: n x (T g), so that one row gather serves the whole batch
      NDArray rows =
          batched ? h.transpose(1, 0, 2).reshape(n, -1) : h.reshape(n, h.getShape().get(1));
      NDArray sum = rows.get(columns.get(0)).mul(weights.get(0));
      for (int k = 1; k < width; k++) {
        sum = sum.add(rows.get(columns.get(k)).mul(weights.get(k)));
      }
      if (!batched) {
        return sum;
      }
      Shape s = h.getShape();
      return sum.reshape(n, s.get(0), s.get(2)).transpose(1, 0, 2);
    };
  }
}
