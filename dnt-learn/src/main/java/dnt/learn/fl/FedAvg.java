package dnt.learn.fl;

import dnt.learn.simd.FloatKernels;
import dnt.learn.simd.Kernels;
import java.util.Arrays;
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
   * bit). Eight (else four) consecutive updates kept as float weights over one shared base are
   * added in one pass over the range by {@link FloatKernels#addDifferences} (the accumulator read
   * and written once per group, the base read and converted once; the Vector API kernels where the
   * JVM has them, see {@link Kernels}, the same doubles either way); any other update is added on
   * its own. A group whose weights are all exactly 1 (the unweighted mean) skips the products
   * {@code 1 * x_ij}, which are exact: the same sums with one operation fewer per term.
   */
  private static void sum(
      UpdateVector[] rows, double[] w, double inv, double[] out, int from, int to) {
    FloatKernels kernels = Kernels.get();
    int n = rows.length;
    int i = 0;
    while (i < n) {
      int group = i + 7 < n && UpdateVector.sameBase(rows, i, 8) ? 8 : 0;
      if (group == 0 && i + 3 < n && UpdateVector.sameBase(rows, i, 4)) {
        group = 4;
      }
      if (group > 0) {
        float[][] weights = new float[group][];
        for (int k = 0; k < group; k++) {
          weights[k] = rows[i + k].weights();
        }
        double[] factors = ones(w, i, group) ? null : Arrays.copyOfRange(w, i, i + group);
        kernels.addDifferences(rows[i].base(), weights, factors, out, from, to);
        i += group;
      } else {
        rows[i].addScaled(w[i], out, from, to);
        i++;
      }
    }
    for (int j = from; j < to; j++) {
      out[j] *= inv;
    }
  }

  /** Whether {@code w[i, i+count)} are all exactly 1. */
  private static boolean ones(double[] w, int i, int count) {
    for (int k = i; k < i + count; k++) {
      if (w[k] != 1.0) {
        return false;
      }
    }
    return true;
  }
}
