package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Centered clipping (Karimireddy, He and Jaggi, "Learning from History for Byzantine Robust
 * Optimization", ICML 2021): starting from the previous round's aggregate {@code v} (momentum; zero
 * in the first round), repeat L times {@code v <- v + (1/n) sum_i clip_tau(g_i - v)} with {@code
 * clip_tau(x) = x * min(1, tau / ||x||)}. Each update moves the result by at most tau / n. Defaults
 * {@code tau = 100}, {@code L = 1} (FLPoison, ByzFL); scale tau to the norm of benign updates for a
 * meaningful bound. Stateful: one instance per federated run.
 */
public final class CenteredClipping implements AggregationRule {
  private final double tau;
  private final int iterations;
  private double @Nullable [] previous;

  /**
   * Creates the rule.
   *
   * @param tau the clipping radius, positive
   * @param iterations the number of clipping iterations L, at least 1
   */
  public CenteredClipping(double tau, int iterations) {
    if (!(tau > 0) || iterations < 1) {
      throw new IllegalArgumentException("centered-clipping needs tau > 0 and L >= 1");
    }
    this.tau = tau;
    this.iterations = iterations;
  }

  @Override
  public String name() {
    return "centered-clipping";
  }

  @Override
  public synchronized double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    int d = rows[0].dimension();
    double[] v = previous != null && previous.length == d ? previous.clone() : new double[d];
    for (int it = 0; it < iterations; it++) {
      double[] center = v;
      double[] scale = new double[n];
      java.util.stream.IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> {
                double dist = Math.sqrt(Columns.squaredDistance(rows[i], center));
                scale[i] = dist > tau ? tau / dist : 1.0;
              });
      double[] next = center.clone();
      Columns.forRanges(
          d,
          (from, to) -> {
            for (int i = 0; i < n; i++) {
              double s = scale[i] / n;
              UpdateVector row = rows[i];
              for (int j = from; j < to; j++) {
                next[j] += s * (row.get(j) - center[j]);
              }
            }
          });
      v = next;
    }
    previous = v.clone();
    return v;
  }
}
