package dnt.learn.change;

import dnt.core.InvalidInputException;

/**
 * The twin graph at one time: raw edge weights and node features.
 *
 * @param adjacency symmetric non-negative edge weights, one row per node (the diagonal is ignored)
 * @param features node features, node by node ({@code nodes x featuresPerNode})
 * @param featuresPerNode features per node, at least 1
 */
public record GraphSnapshot(double[][] adjacency, float[] features, int featuresPerNode) {
  /** Checks the shapes and copies. */
  public GraphSnapshot {
    int n = adjacency.length;
    if (featuresPerNode < 1 || features.length != n * featuresPerNode) {
      throw new InvalidInputException(
          "a snapshot of "
              + n
              + " nodes needs "
              + n
              + " x "
              + featuresPerNode
              + " features, got "
              + features.length);
    }
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      if (adjacency[i].length != n) {
        throw new InvalidInputException("an adjacency matrix must be square, row " + i + " is not");
      }
      copy[i] = adjacency[i].clone();
    }
    adjacency = copy;
    features = features.clone();
  }

  /**
   * The nodes.
   *
   * @return their number
   */
  public int nodes() {
    return adjacency.length;
  }

  /**
   * A node's weighted degree, the sum of its edges' weights.
   *
   * @param i the node
   * @return the degree
   */
  public double degree(int i) {
    double d = 0;
    for (int j = 0; j < adjacency.length; j++) {
      if (j != i) {
        d += adjacency[i][j];
      }
    }
    return d;
  }

  /**
   * One feature of a node.
   *
   * @param i the node
   * @param k the feature
   * @return its value
   */
  public double feature(int i, int k) {
    return features[i * featuresPerNode + k];
  }
}
