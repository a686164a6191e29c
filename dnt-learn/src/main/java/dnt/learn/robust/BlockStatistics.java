package dnt.learn.robust;

import java.util.Arrays;

/**
 * Order statistics of a {@link WeightBlock}'s coordinates, lane by lane, with the arithmetic of
 * {@link ColumnSelector} (so the results are the same doubles): medians and type-7 quantiles.
 *
 * <p>TID's MAD band comes from one kernel over the sorted block instead ({@link
 * WeightBlock#madBand}).
 */
final class BlockStatistics {
  private BlockStatistics() {}

  /**
   * The ranks type-7 quantiles at probabilities p read: {@code floor(p (n - 1))} and the next rank
   * when it is interpolated.
   *
   * @param n the number of values
   * @param probabilities the probabilities, each in [0, 1]
   * @return the ranks (possibly repeated)
   */
  static int[] quantileRanks(int n, double... probabilities) {
    int[] ranks = new int[2 * probabilities.length];
    int count = 0;
    for (double p : probabilities) {
      double pos = p * (n - 1);
      int k = (int) Math.floor(pos);
      ranks[count++] = k;
      if (pos - k != 0 && k + 1 < n) {
        ranks[count++] = k + 1;
      }
    }
    return Arrays.copyOf(ranks, count);
  }

  /**
   * The ranks of the median: the middle one, or the two middle ones of an even count.
   *
   * @param n the number of values
   * @return the ranks
   */
  static int[] medianRanks(int n) {
    return (n & 1) == 1 ? new int[] {n >>> 1} : new int[] {(n >>> 1) - 1, n >>> 1};
  }

  /**
   * The type-7 quantile at p of every lane, as {@link ColumnSelector#quantile}.
   *
   * @param block the block, ranked by a network that places {@link #quantileRanks} of p
   * @param network that network
   * @param p the probability
   * @param out receives the quantiles, by lane
   */
  static void quantile(WeightBlock block, SelectionNetwork network, double p, double[] out) {
    int n = block.rowCount();
    double pos = p * (n - 1);
    int k = (int) Math.floor(pos);
    double frac = pos - k;
    int width = block.width();
    if (frac == 0 || k + 1 >= n) {
      for (int j = 0; j < width; j++) {
        out[j] = block.ranked(network, k, j);
      }
      return;
    }
    for (int j = 0; j < width; j++) {
      double low = block.ranked(network, k, j);
      double high = block.ranked(network, k + 1, j);
      out[j] = low + frac * (high - low);
    }
  }

  /**
   * The median of every lane, as {@link ColumnSelector#median}.
   *
   * @param block the block, ranked by a network that places {@link #medianRanks}
   * @param network that network
   * @param out receives the medians, by lane
   */
  static void median(WeightBlock block, SelectionNetwork network, double[] out) {
    int n = block.rowCount();
    int width = block.width();
    if ((n & 1) == 1) {
      for (int j = 0; j < width; j++) {
        out[j] = block.ranked(network, n >>> 1, j);
      }
      return;
    }
    for (int j = 0; j < width; j++) {
      out[j] = mean(block.ranked(network, (n >>> 1) - 1, j), block.ranked(network, n >>> 1, j));
    }
  }

  /** The mean of two middle values, halves added when the sum overflows, as the selector. */
  private static double mean(double low, double high) {
    double mid = (low + high) / 2;
    return Double.isInfinite(mid) ? low / 2 + high / 2 : mid;
  }
}
