package dnt.learn.robust;

import java.util.Arrays;

/**
 * Krum scores (Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant Gradient
 * Descent", NeurIPS 2017): the score of update i is the sum of its squared distances to its {@code
 * n - f - 2} nearest other updates, computed over a subset of the updates from a precomputed
 * distance matrix.
 */
final class KrumScores {
  private KrumScores() {}

  /**
   * Scores the candidates among themselves.
   *
   * @param dist the full squared-distance matrix
   * @param candidates indices of the updates still in play
   * @param f the Byzantine budget
   * @return the score of each candidate, in candidate order
   */
  static double[] scores(double[][] dist, int[] candidates, int f) {
    int m = candidates.length;
    int neighbours = Math.max(1, m - f - 2);
    double[] scores = new double[m];
    double[] buf = new double[m - 1];
    for (int a = 0; a < m; a++) {
      int k = 0;
      for (int b = 0; b < m; b++) {
        if (b != a) {
          buf[k++] = dist[candidates[a]][candidates[b]];
        }
      }
      int take = Math.min(neighbours, k);
      if (take == 0) {
        scores[a] = 0;
        continue;
      }
      Select.kth(buf, 0, k, take - 1);
      double s = 0;
      for (int i = 0; i < take; i++) {
        s += buf[i];
      }
      scores[a] = s;
    }
    return scores;
  }

  /**
   * Indices 0..m-1 ordered by ascending score; ties keep index order.
   *
   * @param scores the scores
   * @return the order
   */
  static int[] order(double[] scores) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(scores[x], scores[y]));
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  static int[] all(int n) {
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = i;
    }
    return c;
  }
}
