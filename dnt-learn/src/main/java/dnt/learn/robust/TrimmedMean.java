package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;

/**
 * Coordinate-wise trimmed mean (Yin et al., ICML 2018): per coordinate, drop the {@code k =
 * floor(beta * n)} smallest and the k largest values and average the remaining {@code n - 2k}.
 * Default {@code beta = 0.1} (FLPoison). Two quickselects per coordinate, no full sort.
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
    double[][] rows = Columns.rows(updates);
    int n = rows.length;
    int k = trimmed(n);
    if (n - 2 * k < 1) {
      throw new IllegalArgumentException(
          "trimmed-mean with beta " + beta + " leaves no value of " + n + " updates");
    }
    double inv = 1.0 / (n - 2 * k);
    return Columns.map(
        rows,
        (v, from, cnt, scratch, j) -> {
          if (k > 0) {
            Select.kth(v, from, from + cnt, k);
            Select.kth(v, from + k, from + cnt, cnt - 1 - 2 * k);
          }
          double s = 0;
          for (int i = from + k; i < from + cnt - k; i++) {
            s += v[i];
          }
          return s * inv;
        });
  }
}
