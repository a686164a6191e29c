package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/**
 * Geometric median by the Weiszfeld algorithm, as in RFA (Pillutla, Kakade and Harchaoui, "Robust
 * Aggregation for Federated Learning", IEEE TSP 2022): repeat {@code v <- sum_i b_i g_i / sum_i
 * b_i} with {@code b_i = 1 / ||v - g_i||}; an update closer than {@code nu} to v counts as
 * coincident and is handled by the Vardi-Zhang step (instead of RFA's smoothing {@code 1 / max(nu,
 * ||v - g_i||)}, which would freeze the iteration at a data point), for at most {@code iterations}
 * rounds or until v moves less than {@code 1e-9 * (1 + ||v||)}. Breakdown point 1/2. Defaults: 20
 * iterations, {@code nu = 1e-6}.
 *
 * <p>The iteration starts from the coordinate-wise median rather than the mean: Weiszfeld's
 * contraction is only linear (about {@code f / (n - f)} per step near the benign cluster), so a
 * start dragged far away by huge updates (MPAF's {@code lambda = 1e5}) would need many steps.
 */
public final class GeometricMedian implements AggregationRule {
  private final int iterations;
  private final double nu;

  /**
   * Creates the rule.
   *
   * @param iterations the maximum number of Weiszfeld steps, at least 1
   * @param nu the distance below which an update counts as coinciding with v, positive
   */
  public GeometricMedian(int iterations, double nu) {
    if (iterations < 1 || !(nu > 0)) {
      throw new IllegalArgumentException("geomed needs iterations >= 1 and nu > 0");
    }
    this.iterations = iterations;
    this.nu = nu;
  }

  /** The defaults: 20 iterations, {@code nu = 1e-6}. */
  public GeometricMedian() {
    this(20, 1e-6);
  }

  @Override
  public String name() {
    return "geomed";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    double[] v = new CoordinateMedian().aggregate(updates, context);
    for (int it = 0; it < iterations; it++) {
      double[] current = v;
      double[] dist = new double[n];
      java.util.stream.IntStream.range(0, n)
          .parallel()
          .forEach(i -> dist[i] = Math.sqrt(Columns.squaredDistance(rows[i], current)));
      double[] b = new double[n];
      int coincident = 0;
      for (int i = 0; i < n; i++) {
        if (dist[i] < nu) {
          coincident++;
        } else {
          b[i] = 1.0 / dist[i];
        }
      }
      double[] next = Columns.weightedAverage(rows, b);
      if (coincident > 0) {
        // Vardi and Zhang (PNAS 2000): at a data point, step towards T(v) only as far as the
        // pull of the other points, ||sum_i b_i (g_i - v)||, exceeds the coincident points' mass
        double bSum = 0;
        for (double x : b) {
          bSum += x;
        }
        double pull = bSum * Math.sqrt(Columns.squaredDistance(next, current));
        double keep = pull > 0 ? Math.min(1, coincident / pull) : 1;
        for (int j = 0; j < next.length; j++) {
          next[j] = (1 - keep) * next[j] + keep * current[j];
        }
      }
      double move = Math.sqrt(Columns.squaredDistance(next, current));
      v = next;
      if (move <= 1e-9 * (1 + Columns.norm(next))) {
        break;
      }
    }
    return v;
  }
}
