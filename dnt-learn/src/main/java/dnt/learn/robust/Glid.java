package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * GLID, global-local inconsistency detection (Zhang, Fang, Huang and Liu, IFIP Networking 2024,
 * arXiv 2404.14389, Sec. IV; extended in Zhang, Fang, Chen, Li, Lin and Liu, IEEE IoT Journal,
 * arXiv 2407.01917): per dimension, the server removes the parameters that lie outside a band
 * estimated by a statistical method from that dimension's n values, and averages the rest.
 *
 * <ol>
 *   <li>per coordinate j, the band {@code [lo_j, hi_j]} of the n values {@code u_ij} by the chosen
 *       {@link Method};
 *   <li>{@code agg_j} = the mean of the {@code u_ij} with {@code lo_j <= u_ij <= hi_j}.
 * </ol>
 *
 * <p>What could be read here was the abstract and third-party summaries, which name the band
 * methods the papers compare (percentile range, standard deviation, IQR, z-score, one-class SVM),
 * not their parameters. Choices: the percentile band is the 10th to 90th percentile (linear
 * interpolation, Hyndman-Fan type 7); the standard-deviation band is {@code mean +- 2 std}
 * (population std), which is also the z-score rule {@code |z| <= 2}, so there is one variant for
 * both; the IQR band is Tukey's {@code [Q1 - 1.5 IQR, Q3 + 1.5 IQR]}; one-class SVM is left out. A
 * coordinate with no value inside its band (possible for the percentile band with n = 2) takes the
 * coordinate's median. Unlike {@link TwinInconsistencyDefense} there is no client re-weighting.
 * Cost O(n log^2 n) comparisons per coordinate: float-weight updates over one shared base are
 * sorted 128 coordinates at a time by a {@link SelectionNetwork} on both cores, other inputs by
 * {@code Arrays.sort} per coordinate (the same sorted values either way, so the same result); extra
 * memory O(n) per worker. Precision: the bands and the kept values' mean are computed in double
 * from the updates' exact values.
 */
public final class Glid implements AggregationRule {
  /** The statistical method that gives a coordinate's band. */
  public enum Method {
    /** {@code [q_p, q_(1-p)]}, p = 10 %; registry name {@code glid}. */
    PERCENTILE("glid"),
    /** {@code mean +- 2 std}, also the z-score rule; registry name {@code glid-std}. */
    STD("glid-std"),
    /** {@code [Q1 - 1.5 IQR, Q3 + 1.5 IQR]}; registry name {@code glid-iqr}. */
    IQR("glid-iqr");

    private final String registryName;

    Method(String registryName) {
      this.registryName = registryName;
    }
  }

  /** The percentile p of the percentile band, as a fraction. */
  static final double PERCENTILE_P = 0.10;

  /** The multiple of the standard deviation in the std band. */
  static final double STD_K = 2;

  /** The multiple of the IQR in Tukey's fences. */
  static final double IQR_K = 1.5;

  private final Method method;

  /**
   * Creates the rule.
   *
   * @param method the band method
   */
  public Glid(Method method) {
    this.method = Objects.requireNonNull(method, "method");
  }

  @Override
  public String name() {
    return method.registryName;
  }

  /**
   * The band of one coordinate's values.
   *
   * @param sorted the values, sorted ascending
   * @return {@code {lo, hi}}
   */
  double[] band(double[] sorted) {
    return switch (method) {
      case PERCENTILE ->
          new double[] {quantile(sorted, PERCENTILE_P), quantile(sorted, 1 - PERCENTILE_P)};
      case STD -> {
        double mean = 0;
        for (double x : sorted) {
          mean += x;
        }
        mean /= sorted.length;
        double var = 0;
        for (double x : sorted) {
          var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / sorted.length);
        yield new double[] {mean - STD_K * sd, mean + STD_K * sd};
      }
      case IQR -> {
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        yield new double[] {q1 - IQR_K * (q3 - q1), q3 + IQR_K * (q3 - q1)};
      }
    };
  }

  /** Type-7 quantile of sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    if (WeightBlock.applies(rows)) {
      SelectionNetwork network = SelectionNetwork.sorting(n);
      return WeightBlock.map(
          rows,
          () -> new double[n],
          (column, block, out) -> block.eachSortedColumn(network, column, out, this::keptMean),
          (column, v, from, cnt, selector, j) -> {
            System.arraycopy(v, from, column, 0, cnt);
            Arrays.sort(column);
            return keptMean(column);
          },
          column -> {});
    }
    int d = rows[0].dimension();
    double[] out = new double[d];
    double[] column = new double[n];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        column[i] = rows[i].get(j);
      }
      Arrays.sort(column);
      out[j] = keptMean(column);
    }
    return out;
  }

  /**
   * The mean of the sorted values inside their band, summed in sorted order; the median when none
   * is inside.
   */
  private double keptMean(double[] sorted) {
    double[] band = band(sorted);
    double sum = 0;
    int kept = 0;
    for (double x : sorted) {
      if (x >= band[0] && x <= band[1]) {
        sum += x;
        kept++;
      }
    }
    return kept > 0 ? sum / kept : quantile(sorted, 0.5);
  }
}
