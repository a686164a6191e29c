package dnt.learn.deploy.agent;

import dnt.core.InvalidInputException;

/**
 * The propagation matrix of a graph convolutional layer, Kipf and Welling's renormalisation {@code
 * A_hat = D^-1/2 (A + I) D^-1/2} with {@code D} the degrees of {@code A + I} (ICLR 2017, eq. 2):
 * every node keeps its own features, and neighbours' features are averaged with weights that shrink
 * with both ends' degrees. Dense: the twin graphs of this study have at most a few thousand nodes.
 */
public final class NormalizedAdjacency {
  private NormalizedAdjacency() {}

  /**
   * Normalises a weighted adjacency.
   *
   * @param a a square matrix of non-negative edge weights (the diagonal is ignored)
   * @return {@code D^-1/2 (A + I) D^-1/2}, row-major as a square array
   * @throws InvalidInputException when the matrix is not square or has a negative or non-finite
   *     weight
   */
  public static double[][] of(double[][] a) {
    int n = a.length;
    double[][] out = new double[n][n];
    double[] degree = new double[n];
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
        out[i][j] = w;
        degree[i] += w;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] /= Math.sqrt(degree[i] * degree[j]);
      }
    }
    return out;
  }
}
