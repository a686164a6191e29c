package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/**
 * Coordinate-wise trimmed mean (Yin et al., ICML 2018): per coordinate, drop the {@code k =
 * floor(beta * n)} smallest and the k largest values and average the remaining {@code n - 2k}.
 * Default {@code beta = 0.1} (FLPoison). Two selections and one summing pass per coordinate (see
 * {@link #trimmedSum}), no full sort; for float-weight updates over one shared base the two
 * boundaries of 128 coordinates at a time come from a pruned {@link SelectionNetwork}, the same
 * values. Precision: the boundaries are exact order statistics of the updates' exact values; the
 * middle sum is accumulated in double in row order (error at most about {@code n u sum |x_i|},
 * {@code u = 2^-53}), then multiplied by {@code 1 / (n - 2k)}.
 */
public final class TrimmedMean implements AggregationRule {
  /** The default trimming fraction per end. */
  public static final double DEFAULT_BETA = 0.1;

  private final double beta;

  /**
   * Creates the rule.
   *
   * @param beta the fraction trimmed at each end, in [0, 0.5)
   */
  public TrimmedMean(double beta) {
    if (!(beta >= 0 && beta < 0.5)) {
      throw new IllegalArgumentException("trimmed-mean beta must be in [0, 0.5), got " + beta);
    }
    this.beta = beta;
  }

  /**
   * The trimming fraction.
   *
   * @return beta
   */
  public double beta() {
    return beta;
  }

  @Override
  public String name() {
    return "trimmed-mean";
  }

  /**
   * The number of values dropped at each end for n updates.
   *
   * @param n the number of updates
   * @return {@code floor(beta * n)}
   */
  public int trimmed(int n) {
    return (int) Math.floor(beta * n);
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    int k = trimmed(n);
    if (n - 2 * k < 1) {
      throw new IllegalArgumentException(
          "trimmed-mean with beta " + beta + " leaves no value of " + n + " updates");
    }
    double inv = 1.0 / (n - 2 * k);
    Columns.ColumnFunction column =
        (v, from, cnt, selector, j) -> trimmedSum(v, from, cnt, k, selector) * inv;
    if (!WeightBlock.applies(rows)) {
      return Columns.map(rows, column);
    }
    SelectionNetwork network = SelectionNetwork.forRanks(n, k, n - 1 - k);
    return WeightBlock.map(
        rows,
        () -> network,
        (net, block, out) -> trimmedSums(block, net, k, inv, out),
        (net, v, from, cnt, selector, j) -> column.apply(v, from, cnt, selector, j),
        net -> {});
  }

  /**
   * {@link #trimmedSum} times {@code inv} for every coordinate of a block, lane by lane: the
   * boundaries from the network, then the clamped sum over the rows in row order (the same
   * additions, in the same order, as the scalar version; a finite block has no infinite boundary).
   */
  private static void trimmedSums(
      WeightBlock block, SelectionNetwork network, int k, double inv, double[] out) {
    int n = block.rowCount();
    int width = block.width();
    int from = block.from();
    float[] base = block.base();
    double[] sum = block.lane2;
    java.util.Arrays.fill(sum, 0, width, 0.0);
    if (k == 0) {
      for (int i = 0; i < n; i++) {
        float[] w = block.weights(i);
        for (int j = 0; j < width; j++) {
          sum[j] += (double) w[from + j] - base[from + j];
        }
      }
      for (int j = 0; j < width; j++) {
        out[from + j] = sum[j] * inv;
      }
      return;
    }
    block.rank(network);
    double[] lower = block.lane0;
    double[] upper = block.lane1;
    for (int j = 0; j < width; j++) {
      lower[j] = block.ranked(network, k, j);
      upper[j] = block.ranked(network, n - 1 - k, j);
    }
    for (int i = 0; i < n; i++) {
      float[] w = block.weights(i);
      for (int j = 0; j < width; j++) {
        double x = (double) w[from + j] - base[from + j];
        sum[j] += Math.min(Math.max(x, lower[j]), upper[j]);
      }
    }
    for (int j = 0; j < width; j++) {
      double s =
          lower[j] == upper[j] ? (n - 2 * k) * lower[j] : sum[j] - k * lower[j] - k * upper[j];
      out[from + j] = s * inv;
    }
  }

  /**
   * The sum of the values of ranks {@code [k, n-k)} of {@code v[from, from+n)} without sorting: the
   * boundary values {@code L} (rank k) and {@code H} (rank n-1-k) by selection, then one
   * branch-free pass in row order over the values clamped to {@code [L, H]}: the clamped sum counts
   * the k smallest values as L and the k largest as H, so the middle sum is that minus {@code k (L
   * + H)}, which handles ties at the boundaries exactly.
   *
   * @param v the values
   * @param from the first index
   * @param n the count
   * @param k the number trimmed at each end, {@code n - 2k >= 1}
   * @param selector the worker's selector
   * @return the sum of the middle {@code n - 2k} values
   */
  static double trimmedSum(double[] v, int from, int n, int k, ColumnSelector selector) {
    if (k == 0) {
      double s = 0;
      for (int i = from; i < from + n; i++) {
        s += v[i];
      }
      return s;
    }
    selector.symmetricRanks(v, from, n, k);
    double lower = selector.lower();
    double upper = selector.upper();
    if (lower == upper) {
      return (n - 2 * k) * lower;
    }
    if (Double.isInfinite(lower) || Double.isInfinite(upper)) {
      return countedSum(v, from, n, k, lower, upper);
    }
    double s = 0;
    for (int i = from; i < from + n; i++) {
      s += Math.min(Math.max(v[i], lower), upper);
    }
    return s - k * lower - k * upper;
  }

  /** The middle sum from explicit tie counts; used when a boundary is infinite. */
  private static double countedSum(double[] v, int from, int n, int k, double lower, double upper) {
    double s = 0;
    int atMostLower = 0;
    int atLeastUpper = 0;
    for (int i = from; i < from + n; i++) {
      double x = v[i];
      if (x > lower && x < upper) {
        s += x;
      }
      atMostLower += x <= lower ? 1 : 0;
      atLeastUpper += x >= upper ? 1 : 0;
    }
    return s + (atMostLower - k) * lower + (atLeastUpper - k) * upper;
  }
}
