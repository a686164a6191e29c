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
    double[] scores = new double[m];
    double[] buf = new double[m - 1];
    for (int a = 0; a < m; a++) {
      scores[a] = score(dist, candidates, f, a, buf);
    }
    return scores;
  }

  /**
   * The score of one candidate among the candidates, as {@link #scores} computes it (the same
   * operations in the same order, so the same double); it reads only row {@code candidates[a]} of
   * the distances.
   *
   * @param dist the squared distances; row {@code candidates[a]} must be filled
   * @param candidates indices of the updates still in play
   * @param f the Byzantine budget
   * @param a the candidate's position in {@code candidates}
   * @param buf scratch of at least {@code candidates.length - 1} values
   * @return the score
   */
  static double score(double[][] dist, int[] candidates, int f, int a, double[] buf) {
    int m = candidates.length;
    int neighbours = Math.max(1, m - f - 2);
    int k = 0;
    for (int b = 0; b < m; b++) {
      if (b != a) {
        buf[k++] = dist[candidates[a]][candidates[b]];
      }
    }
    int take = Math.min(neighbours, k);
    if (take == 0) {
      return 0;
    }
    Select.kth(buf, 0, k, take - 1);
    double s = 0;
    for (int i = 0; i < take; i++) {
      s += buf[i];
    }
    return s;
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
