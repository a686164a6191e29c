package dnt.learn.deploy.agent;

import dnt.core.InvalidInputException;
import java.util.Arrays;

/**
 * Kipf and Welling's renormalised adjacency {@code A_hat = D^-1/2 (A + I) D^-1/2} (ICLR 2017, eq.
 * 2; {@link NormalizedAdjacency}) stored sparsely: for every node its own entry and those of its
 * linked nodes, padded to the largest row ({@link #width}) with the node itself at weight 0. A
 * propagation {@code A_hat H} then costs {@code n x width} row reads instead of the {@code n x n}
 * of the dense matrix: in the twin graph each station is linked to its {@code k} nearest stations
 * (symmetrised), so the width is bounded and the cost grows with the number of edges, linearly in
 * the stations.
 *
 * @param nodes the number of nodes
 * @param width entries per row: one more than the largest degree (in links) of any node
 * @param index the column of each entry, {@code nodes x width}, row by row (the node itself in a
 *     row's padding)
 * @param weight the value of each entry, {@code nodes x width} (0 in the padding)
 */
public record SparseAdjacency(int nodes, int width, int[] index, double[] weight) {
  /** Checks and copies. */
  public SparseAdjacency {
    if (nodes < 1 || width < 1) {
      throw new InvalidInputException("a sparse adjacency needs a node and an entry per row");
    }
    if (index.length != nodes * width || weight.length != nodes * width) {
      throw new InvalidInputException(
          "a sparse adjacency of "
              + nodes
              + " nodes and width "
              + width
              + " needs that many entries");
    }
    index = index.clone();
    weight = weight.clone();
    for (int v : index) {
      if (v < 0 || v >= nodes) {
        throw new InvalidInputException("an entry's column " + v + " is not a node");
      }
    }
  }

  /**
   * The renormalised adjacency of raw edge weights, keeping only the non-zero entries.
   *
   * @param a a square matrix of non-negative finite edge weights (the diagonal is ignored)
   * @return the sparse {@code D^-1/2 (A + I) D^-1/2}; its dense form equals {@link
   *     NormalizedAdjacency#of} entry by entry
   * @throws InvalidInputException when the matrix is not square or has a negative or non-finite
   *     weight
   */
  public static SparseAdjacency of(double[][] a) {
    int n = a.length;
    if (n < 1) {
      throw new InvalidInputException("an adjacency matrix needs a node");
    }
    double[] degree = new double[n];
    int[] count = new int[n];
    int width = 1;
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new InvalidInputException("an adjacency matrix must be square, row " + i + " is not");
      }
      for (int j = 0; j < n; j++) {
        double w = i == j ? 1.0 : a[i][j];
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new InvalidInputException(
              "edge weights must be non-negative and finite, got " + w + " at " + i + ", " + j);
        }
        degree[i] += w;
        if (i != j && w > 0) {
          count[i]++;
        }
      }
      width = Math.max(width, count[i] + 1);
    }
    int[] index = new int[n * width];
    double[] weight = new double[n * width];
    for (int i = 0; i < n; i++) {
      int at = i * width;
      Arrays.fill(index, at, at + width, i);
      // written as the dense form writes it, so the two agree bit for bit
      weight[at] = 1.0 / Math.sqrt(degree[i] * degree[i]);
      int k = 1;
      for (int j = 0; j < n; j++) {
        if (j != i && a[i][j] > 0) {
          index[at + k] = j;
          weight[at + k] = a[i][j] / Math.sqrt(degree[i] * degree[j]);
          k++;
        }
      }
    }
    return new SparseAdjacency(n, width, index, weight);
  }

  /**
   * The dense matrix, for tests and the dense encoder.
   *
   * @return {@code nodes x nodes}
   */
  public double[][] dense() {
    double[][] out = new double[nodes][nodes];
    for (int i = 0; i < nodes; i++) {
      for (int k = 0; k < width; k++) {
        out[i][index[i * width + k]] += weight[i * width + k];
      }
    }
    return out;
  }

  /**
   * The number of stored non-zero entries (self entries included, padding not).
   *
   * @return it
   */
  public int entries() {
    int e = 0;
    for (double w : weight) {
      if (w != 0) {
        e++;
      }
    }
    return e;
  }

  @Override
  public int[] index() {
    return index.clone();
  }

  @Override
  public double[] weight() {
    return weight.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseAdjacency s
        && s.nodes == nodes
        && s.width == width
        && Arrays.equals(s.index, index)
        && Arrays.equals(s.weight, weight);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * nodes + Arrays.hashCode(index)) + Arrays.hashCode(weight);
  }

  @Override
  public String toString() {
    return "SparseAdjacency[nodes=" + nodes + ", width=" + width + "]";
  }
}
