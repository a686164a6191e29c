package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/**
 * Norm bounding (Sun et al., "Can You Really Backdoor Federated Learning?", 2019): every update is
 * scaled to norm at most M, {@code g_i <- g_i * min(1, M / ||g_i||)}, then averaged. With no fixed
 * bound the rule uses the median of the update norms as M (adaptive, as FLAME does), so honest
 * updates pass unchanged and a minority's influence is bounded by {@code (f/n) * M}.
 */
public final class NormBounding implements AggregationRule {
  private final double bound;

  /**
   * Creates the rule.
   *
   * @param bound the norm bound M, positive; or NaN to use the median norm of each round
   */
  public NormBounding(double bound) {
    if (!(bound > 0) && !Double.isNaN(bound)) {
      throw new IllegalArgumentException("norm-bounding bound must be positive, got " + bound);
    }
    this.bound = bound;
  }

  /** The adaptive variant: M = the median of the round's update norms. */
  public NormBounding() {
    this(Double.NaN);
  }

  @Override
  public String name() {
    return "norm-bounding";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    double[] norms = Columns.norms(rows);
    double m = Double.isNaN(bound) ? Select.median(norms.clone(), 0, norms.length) : bound;
    double[] w = new double[rows.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = norms[i] > m ? m / norms[i] : 1.0;
    }
    double[] sum = Columns.weightedAverage(rows, w);
    // weightedAverage divides by sum(w); undo that to divide by n (the clipped mean)
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double factor = total / rows.length;
    for (int j = 0; j < sum.length; j++) {
      sum[j] *= factor;
    }
    return sum;
  }
}
