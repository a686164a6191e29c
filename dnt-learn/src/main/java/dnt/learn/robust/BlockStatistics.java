package dnt.learn.robust;

import dnt.learn.simd.BlockKernels;
import java.util.Arrays;

/**
 * Order statistics of a {@link WeightBlock}'s coordinates, lane by lane, with the arithmetic of
 * {@link ColumnSelector} (so the results are the same doubles): medians, type-7 quantiles and the
 * median absolute deviation.
 *
 * <p>The MAD from sorted values (an exact reformulation, not from a paper): in sorted order the
 * deviations {@code |x_(a) - med|} fall, then rise (rounding is monotone), so the values within any
 * distance of the median form a run of consecutive ranks, and the m-th smallest deviation is the
 * smallest, over the windows of m consecutive ranks, of the larger deviation at the window's two
 * ends. That is {@code n - m + 1} branch-free min/max steps per lane instead of a second selection.
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

  /**
   * The median of every lane of sorted values, as {@link ColumnSelector#median}.
   *
   * @param sorted {@code sorted[r][j]}: the value of rank r at lane j
   * @param n the number of values
   * @param width the number of lanes
   * @param out receives the medians
   */
  static void median(double[][] sorted, int n, int width, double[] out) {
    if ((n & 1) == 1) {
      System.arraycopy(sorted[n >>> 1], 0, out, 0, width);
      return;
    }
    double[] low = sorted[(n >>> 1) - 1];
    double[] high = sorted[n >>> 1];
    for (int j = 0; j < width; j++) {
      out[j] = mean(low[j], high[j]);
    }
  }

  /**
   * The unscaled median absolute deviation of every lane, as {@link
   * ColumnSelector#medianAbsoluteDeviation}, from sorted values by the window argument of the class
   * comment.
   *
   * @param kernels the kernels that run the windows ({@link BlockKernels#smallestWindow})
   * @param sorted {@code sorted[r][j]}: the value of rank r at lane j, finite
   * @param n the number of values
   * @param width the number of lanes
   * @param centre the centre of each lane (its median)
   * @param out receives the deviations' medians
   * @param scratch a buffer of at least {@code width} values (for an even n)
   */
  static void mad(
      BlockKernels kernels,
      double[][] sorted,
      int n,
      int width,
      double[] centre,
      double[] out,
      double[] scratch) {
    if ((n & 1) == 1) {
      kernels.smallestWindow(sorted, n, (n >>> 1) + 1, centre, out, width);
      return;
    }
    double[] high = scratch;
    kernels.smallestWindow(sorted, n, n >>> 1, centre, out, width);
    kernels.smallestWindow(sorted, n, (n >>> 1) + 1, centre, high, width);
    for (int j = 0; j < width; j++) {
      out[j] = mean(out[j], high[j]);
    }
  }

  /** The mean of two middle values, halves added when the sum overflows, as the selector. */
  private static double mean(double low, double high) {
    double mid = (low + high) / 2;
    return Double.isInfinite(mid) ? low / 2 + high / 2 : mid;
  }
}
