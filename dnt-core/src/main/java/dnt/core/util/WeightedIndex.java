package dnt.core.util;

import java.util.random.RandomGenerator;

/**
 * Draws an index with probability proportional to its weight: the running sums of the weights, then
 * one uniform draw in {@code [0, total)} and a binary search for the first index whose sum exceeds
 * it (inverse-transform sampling). Used to place users in the squares or cells of a twin by traffic
 * or station density.
 */
public final class WeightedIndex {
  private final double[] cumulative;
  private final double total;

  /**
   * Sums the weights.
   *
   * @param weights finite, non-negative weights (not checked here: a caller that cannot vouch for
   *     them checks {@link #total()} before drawing, as a NaN weight makes it NaN)
   */
  public WeightedIndex(double[] weights) {
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
    total = sum;
  }

  /**
   * The sum of the weights.
   *
   * @return the total
   */
  public double total() {
    return total;
  }

  /**
   * Draws an index; uses one {@code nextDouble()} of the generator.
   *
   * @param random the generator
   * @return an index with a positive weight (the last index if every weight is 0; at least one
   *     weight is needed)
   */
  public int draw(RandomGenerator random) {
    double target = random.nextDouble() * total;
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
