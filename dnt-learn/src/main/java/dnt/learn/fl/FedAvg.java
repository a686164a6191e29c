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
 * <p>Precision: each coordinate's terms {@code w_i x_ij} (with {@code x_ij = (double) w_i[j] -
 * w_t[j]} for an update kept as float weights, see {@link UpdateVector}) are summed in double in
 * update order, then multiplied by {@code 1 / sum w}; the result is bit for bit the one {@link
 * RunningMean} gives for the same updates in the same order, whatever the number of threads
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
    UpdateVector[] rows = new UpdateVector[n];
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
   * bit). Four consecutive updates kept as float weights over one shared base are added in one pass
   * over the range (the accumulator read and written once per four rows, the base read once); any
   * other update is added on its own.
   */
  private static void sum(
      UpdateVector[] rows, double[] w, double inv, double[] out, int from, int to) {
    int n = rows.length;
    int i = 0;
    while (i < n) {
      if (i + 3 < n && UpdateVector.sameBase(rows, i, 4)) {
        float[] b = rows[i].base();
        float[] r0 = rows[i].weights();
        float[] r1 = rows[i + 1].weights();
        float[] r2 = rows[i + 2].weights();
        float[] r3 = rows[i + 3].weights();
        double w0 = w[i];
        double w1 = w[i + 1];
        double w2 = w[i + 2];
        double w3 = w[i + 3];
        for (int j = from; j < to; j++) {
          double bj = b[j];
          double s = out[j];
          s += w0 * (r0[j] - bj);
          s += w1 * (r1[j] - bj);
          s += w2 * (r2[j] - bj);
          s += w3 * (r3[j] - bj);
          out[j] = s;
        }
        i += 4;
      } else {
        rows[i].addScaled(w[i], out, from, to);
        i++;
      }
    }
    for (int j = from; j < to; j++) {
      out[j] *= inv;
    }
  }
}
