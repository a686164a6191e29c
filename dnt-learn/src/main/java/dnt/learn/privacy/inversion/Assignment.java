package dnt.learn.privacy.inversion;

import java.util.Arrays;

/**
 * The minimum-cost perfect matching of a square cost matrix (the Hungarian method, Kuhn 1955, in
 * the O(n^3) form with row and column potentials).
 */
final class Assignment {
  private Assignment() {}

  /**
   * Solves an assignment problem.
   *
   * @param cost {@code cost[i][j]}, n by n, finite
   * @return for every row i the column assigned to it
   */
  static int[] solve(double[][] cost) {
    int n = cost.length;
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] p = new int[n + 1];
    int[] way = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      double[] minv = new double[n + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[n + 1];
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] rowToColumn = new int[n];
    for (int j = 1; j <= n; j++) {
      rowToColumn[p[j] - 1] = j - 1;
    }
    return rowToColumn;
  }
}
