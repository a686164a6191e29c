package dnt.learn.fl;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Federated averaging (McMahan et al., "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data", AISTATS 2017): the mean of the client updates, weighted by each client's
 * {@link ClientUpdate#weight()} (its sample count) or unweighted. This is the "Mean" rule of the
 * paper's Table II.
 *
 * <p>Precision: the float32 updates are widened (exactly) and summed in double, each coordinate's
 * terms in update order, then multiplied by {@code 1 / sum w}; the result is bit for bit the one
 * {@link RunningMean} gives for the same updates in the same order, whatever the number of threads
 * (coordinate ranges run in parallel, each coordinate in one thread).
 */
public final class FedAvg implements AggregationRule {
  private final boolean weighted;

  /**
   * Creates the rule.
   *
   * @param weighted weight clients by {@link ClientUpdate#weight()}; otherwise every client counts
   *     once
   */
  public FedAvg(boolean weighted) {
    this.weighted = weighted;
  }

  /**
   * Whether clients are weighted by their sample counts.
   *
   * @return true for the weighted mean
   */
  public boolean weighted() {
    return weighted;
  }

  @Override
  public String name() {
    return weighted ? "weighted-mean" : "mean";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("no updates to aggregate");
    }
    int n = updates.size();
    int d = updates.get(0).dimension();
    float[][] rows = new float[n][];
    double[] w = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      ClientUpdate u = updates.get(i);
      if (u.dimension() != d) {
        throw new IllegalArgumentException(
            "update of " + u.clientId() + " has dimension " + u.dimension() + ", expected " + d);
      }
      rows[i] = u.delta();
      w[i] = weighted ? u.weight() : 1.0;
      total += w[i];
    }
    if (total <= 0) {
      throw new IllegalArgumentException("the updates' weights sum to zero");
    }
    double inv = 1.0 / total;
    double[] out = new double[d];
    int ranges = (d + RANGE - 1) / RANGE;
    if (ranges == 1) {
      sum(rows, w, inv, out, 0, d);
      return out;
    }
    AtomicInteger next = new AtomicInteger();
    IntStream.range(0, Math.min(ranges, ForkJoinPool.getCommonPoolParallelism() + 1))
        .parallel()
        .forEach(
            t -> {
              for (int r = next.getAndIncrement(); r < ranges; r = next.getAndIncrement()) {
                sum(rows, w, inv, out, r * RANGE, Math.min(d, (r + 1) * RANGE));
              }
            });
    return out;
  }

  /** Coordinates per parallel range: 128 KiB of the accumulator, L2-resident. */
  private static final int RANGE = 16_384;

  /**
   * {@code out[j] = (sum_i w_i x_ij) * inv} over {@code [from, to)}, the terms added in row order
   * exactly as {@link RunningMean} adds them (so the list and the streaming mean agree bit for
   * bit), four rows per pass over the range so the accumulator is read and written once per four
   * rows.
   */
  private static void sum(float[][] rows, double[] w, double inv, double[] out, int from, int to) {
    int n = rows.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      float[] r0 = rows[i];
      float[] r1 = rows[i + 1];
      float[] r2 = rows[i + 2];
      float[] r3 = rows[i + 3];
      double w0 = w[i];
      double w1 = w[i + 1];
      double w2 = w[i + 2];
      double w3 = w[i + 3];
      for (int j = from; j < to; j++) {
        double s = out[j];
        s += w0 * r0[j];
        s += w1 * r1[j];
        s += w2 * r2[j];
        s += w3 * r3[j];
        out[j] = s;
      }
    }
    for (; i < n; i++) {
      float[] r = rows[i];
      double wi = w[i];
      for (int j = from; j < to; j++) {
        out[j] += wi * r[j];
      }
    }
    for (int j = from; j < to; j++) {
      out[j] *= inv;
    }
  }
}
