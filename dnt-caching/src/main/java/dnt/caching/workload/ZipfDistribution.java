package dnt.caching.workload;

import java.util.random.RandomGenerator;

/** Zipf ranks 0..n-1 with P(rank r) proportional to (r+1)^-alpha, drawn by inverse CDF. */
public final class ZipfDistribution {
  private final double[] cdf;
  private final double alpha;

  /**
   * Tabulates the distribution.
   *
   * @param n the number of ranks, at least 1
   * @param alpha the exponent, non-negative
   */
  public ZipfDistribution(int n, double alpha) {
    if (n < 1 || !(alpha >= 0)) {
      throw new IllegalArgumentException("need n >= 1 and alpha >= 0, got " + n + ", " + alpha);
    }
    this.alpha = alpha;
    cdf = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += Math.pow(r + 1, -alpha);
      cdf[r] = sum;
    }
    for (int r = 0; r < n; r++) {
      cdf[r] /= sum;
    }
  }

  /**
   * The exponent.
   *
   * @return alpha
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The number of ranks.
   *
   * @return n
   */
  public int size() {
    return cdf.length;
  }

  /**
   * The probability of a rank.
   *
   * @param rank the rank
   * @return P(rank)
   */
  public double probability(int rank) {
    return rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1];
  }

  /**
   * Draws a rank.
   *
   * @param random the source of randomness
   * @return a rank in 0..n-1
   */
  public int sample(RandomGenerator random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
