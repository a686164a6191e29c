package dnt.learn.robust;

import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Column-wise (per-coordinate) kernels over n update rows of length d. The rows are read in blocks
 * of {@link #blockWidth} coordinates, transposed into a small per-worker buffer (so each
 * coordinate's n values are contiguous and cache-resident) and processed; the workers, one per
 * thread of the common fork-join pool plus the caller, claim blocks from a shared counter. Each
 * worker allocates one buffer of about 51,200 doubles and one {@link ColumnSelector} (3n doubles),
 * so the extra memory is independent of d.
 */
final class Columns {
  /** Coordinates per range of {@link #forRanges}: 128 KiB of each array involved. */
  static final int RANGE = 16_384;

  /** Coordinates per block for 100 rows: 512 coordinates times 100 rows is 400 KiB, L2-resident. */
  private static final int BLOCK_DOUBLES = 51_200;

  /**
   * The block width for n rows: about {@link #BLOCK_DOUBLES} values per block (long runs of each
   * row read sequentially, the block still L2-resident), a multiple of 8 between 16 and 1,024.
   *
   * @param n the number of rows
   * @return coordinates per block
   */
  static int blockWidth(int n) {
    return Math.max(16, Math.min(1024, BLOCK_DOUBLES / n) & ~7);
  }

  private Columns() {}

  /** A function of one coordinate's values; it may reorder {@code values[from, from+n)}. */
  @FunctionalInterface
  interface ColumnFunction {
    /**
     * Computes the coordinate's aggregate.
     *
     * @param values a buffer holding the coordinate's n values at {@code [from, from+n)}, in the
     *     order of the rows
     * @param from the offset
     * @param n the number of values
     * @param selector the worker's selector for columns of n values
     * @param coordinate the coordinate's index j
     * @return the aggregate for this coordinate
     */
    double apply(double[] values, int from, int n, ColumnSelector selector, int coordinate);
  }

  /**
   * A column function with per-worker state (for example per-row tallies).
   *
   * @param <S> the state's type
   */
  @FunctionalInterface
  interface StatefulColumnFunction<S> {
    /**
     * Computes the coordinate's aggregate.
     *
     * @param state the worker's state
     * @param values a buffer holding the coordinate's n values at {@code [from, from+n)}, in the
     *     order of the rows
     * @param from the offset
     * @param n the number of values
     * @param selector the worker's selector for columns of n values
     * @param coordinate the coordinate's index j
     * @return the aggregate for this coordinate
     */
    double apply(
        S state, double[] values, int from, int n, ColumnSelector selector, int coordinate);
  }

  /**
   * The rows of the updates, without copying: float weights over their base, or double values (see
   * {@link UpdateVector}).
   *
   * @param updates the updates
   * @return their update vectors
   */
  static UpdateVector[] rows(List<ClientUpdate> updates) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("no updates to aggregate");
    }
    UpdateVector[] rows = new UpdateVector[updates.size()];
    int d = updates.get(0).dimension();
    for (int i = 0; i < rows.length; i++) {
      rows[i] = updates.get(i).delta();
      if (rows[i].dimension() != d) {
        throw new IllegalArgumentException(
            "update of "
                + updates.get(i).clientId()
                + " has "
                + rows[i].dimension()
                + " coordinates, expected "
                + d);
      }
    }
    return rows;
  }

  /**
   * Applies a function to every coordinate's column of values.
   *
   * @param rows the n rows, all of length d
   * @param f the per-coordinate function
   * @return a new array of length d with the results
   */
  static double[] map(UpdateVector[] rows, ColumnFunction f) {
    return map(
        rows, () -> null, (state, v, from, n, sel, j) -> f.apply(v, from, n, sel, j), s -> {});
  }

  /**
   * Applies a function with per-worker state to every coordinate's column of values; each worker
   * creates its state once and hands it to {@code finish} (called under a lock, one task at a time)
   * when its blocks are done.
   *
   * @param <S> the state's type
   * @param rows the n rows, all of length d
   * @param newState creates one worker's state
   * @param f the per-coordinate function
   * @param finish receives each worker's final state
   * @return a new array of length d with the results
   */
  static <S> double[] map(
      UpdateVector[] rows,
      Supplier<S> newState,
      StatefulColumnFunction<S> f,
      Consumer<? super S> finish) {
    int n = rows.length;
    int d = rows[0].dimension();
    double[] out = new double[d];
    int width = blockWidth(n);
    int blocks = (d + width - 1) / width;
    AtomicInteger next = new AtomicInteger();
    IntStream.range(0, workers(blocks))
        .parallel()
        .forEach(
            t -> {
              double[] buf = new double[n * width];
              ColumnSelector selector = new ColumnSelector(n);
              S state = newState.get();
              for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int from = b * width;
                int to = Math.min(d, from + width);
                transpose(rows, from, to - from, buf);
                for (int j = 0; j < to - from; j++) {
                  out[from + j] = f.apply(state, buf, j * n, n, selector, from + j);
                }
              }
              synchronized (finish) {
                finish.accept(state);
              }
            });
    return out;
  }

  /**
   * Copies coordinates {@code [from, from+width)} of every row into {@code buf}, column after
   * column ({@code buf[j * n + i] = x_i[from + j]}, where a row kept as float weights gives {@code
   * (double) w_i[c] - w_t[c]}, see {@link UpdateVector}). Eight rows over one shared base are taken
   * at a time, so that each coordinate writes a whole cache line of the buffer, reads the base once
   * and the rows as eight sequential streams; any other row is copied on its own.
   *
   * @param rows the n rows
   * @param from the first coordinate
   * @param width the number of coordinates
   * @param buf the destination, at least {@code n * width} long
   */
  static void transpose(UpdateVector[] rows, int from, int width, double[] buf) {
    int n = rows.length;
    int i = 0;
    while (i < n) {
      if (i + 7 < n && UpdateVector.sameBase(rows, i, 8)) {
        float[] base = rows[i].base();
        float[] r0 = rows[i].weights();
        float[] r1 = rows[i + 1].weights();
        float[] r2 = rows[i + 2].weights();
        float[] r3 = rows[i + 3].weights();
        float[] r4 = rows[i + 4].weights();
        float[] r5 = rows[i + 5].weights();
        float[] r6 = rows[i + 6].weights();
        float[] r7 = rows[i + 7].weights();
        for (int j = 0, b = i; j < width; j++, b += n) {
          int c = from + j;
          double bc = base[c];
          buf[b] = r0[c] - bc;
          buf[b + 1] = r1[c] - bc;
          buf[b + 2] = r2[c] - bc;
          buf[b + 3] = r3[c] - bc;
          buf[b + 4] = r4[c] - bc;
          buf[b + 5] = r5[c] - bc;
          buf[b + 6] = r6[c] - bc;
          buf[b + 7] = r7[c] - bc;
        }
        i += 8;
      } else {
        UpdateVector row = rows[i];
        if (row.isDifference()) {
          float[] w = row.weights();
          float[] base = row.base();
          for (int j = 0, b = i; j < width; j++, b += n) {
            buf[b] = (double) w[from + j] - base[from + j];
          }
        } else {
          double[] x = row.values();
          for (int j = 0, b = i; j < width; j++, b += n) {
            buf[b] = x[from + j];
          }
        }
        i++;
      }
    }
  }

  /**
   * Runs a body over contiguous coordinate ranges in parallel.
   *
   * @param d the number of coordinates
   * @param body called with {@code [from, to)} ranges covering {@code [0, d)} exactly once
   */
  static void forRanges(int d, RangeBody body) {
    int blocks = (d + RANGE - 1) / RANGE;
    AtomicInteger next = new AtomicInteger();
    IntStream.range(0, workers(blocks))
        .parallel()
        .forEach(
            t -> {
              for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                body.run(b * RANGE, (int) Math.min(d, (long) (b + 1) * RANGE));
              }
            });
  }

  /**
   * The number of workers for a parallel pass: one per thread that can run it (the common pool's
   * workers and the caller), never more than the blocks. Workers claim blocks one at a time from a
   * shared counter, so a worker slowed down (by another process on a shared machine, say) leaves at
   * most one block of imbalance; every block's result depends only on its coordinates, never on
   * which worker computed it.
   *
   * @param blocks the number of blocks
   * @return the number of workers, at least one
   */
  private static int workers(int blocks) {
    return Math.max(1, Math.min(blocks, ForkJoinPool.getCommonPoolParallelism() + 1));
  }

  /** A body over a coordinate range. */
  @FunctionalInterface
  interface RangeBody {
    /**
     * Processes coordinates {@code [from, to)}.
     *
     * @param from the first coordinate
     * @param to one past the last
     */
    void run(int from, int to);
  }

  /**
   * The weighted sum {@code sum_i w_i * rows[i] / total}, parallel over coordinate ranges; each
   * coordinate's terms are added in row order, in double.
   *
   * @param rows the rows
   * @param w the weights (zero weights skip the row)
   * @return the weighted average (zeros when the weights sum to zero)
   */
  static double[] weightedAverage(UpdateVector[] rows, double[] w) {
    int d = rows[0].dimension();
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double[] out = new double[d];
    if (!(total > 0)) {
      return out;
    }
    double inv = 1.0 / total;
    forRanges(
        d,
        (from, to) -> {
          for (int i = 0; i < rows.length; i++) {
            double wi = w[i] * inv;
            if (wi == 0) {
              continue;
            }
            rows[i].addScaled(wi, out, from, to);
          }
        });
    return out;
  }

  /**
   * Euclidean norms of the rows, in parallel.
   *
   * @param rows the rows
   * @return the norms
   */
  static double[] norms(UpdateVector[] rows) {
    double[] out = new double[rows.length];
    IntStream.range(0, rows.length).parallel().forEach(i -> out[i] = norm(rows[i]));
    return out;
  }

  /**
   * Euclidean norm of an update, {@code sqrt(dot(x, x))}.
   *
   * @param x the update
   * @return its norm
   */
  static double norm(UpdateVector x) {
    return Math.sqrt(dot(x, x, 0, x.dimension()));
  }

  /**
   * Euclidean norm with four accumulators (instruction-level parallelism).
   *
   * @param x the vector
   * @return its norm
   */
  static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
  }

  /**
   * Dot product with four accumulators.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return the dot product
   */
  static double dot(double[] a, double[] b) {
    return dot(a, b, 0, a.length);
  }

  /**
   * Dot product of an update and a vector, with four accumulators.
   *
   * @param a an update
   * @param b a vector of the same length
   * @return the dot product
   */
  static double dot(UpdateVector a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int to = b.length;
    int j = 0;
    for (; j + 3 < to; j += 4) {
      s0 += a.get(j) * b[j];
      s1 += a.get(j + 1) * b[j + 1];
      s2 += a.get(j + 2) * b[j + 2];
      s3 += a.get(j + 3) * b[j + 3];
    }
    for (; j < to; j++) {
      s0 += a.get(j) * b[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Dot product over a coordinate range, with four accumulators.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @param from the first coordinate
   * @param to one past the last
   * @return the partial dot product
   */
  static double dot(double[] a, double[] b, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
      s2 += a[j + 2] * b[j + 2];
      s3 += a[j + 3] * b[j + 3];
    }
    for (; j < to; j++) {
      s0 += a[j] * b[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Dot product of two updates over a coordinate range, with four accumulators; the same arithmetic
   * as {@link #dot(double[], double[], int, int)} on the updates' values.
   *
   * @param a an update
   * @param b an update of the same length
   * @param from the first coordinate
   * @param to one past the last
   * @return the partial dot product
   */
  static double dot(UpdateVector a, UpdateVector b, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = from;
    if (a.isDifference() && b.isDifference()) {
      float[] wa = a.weights();
      float[] ba = a.base();
      float[] wb = b.weights();
      float[] bb = b.base();
      for (; j + 3 < to; j += 4) {
        s0 += ((double) wa[j] - ba[j]) * ((double) wb[j] - bb[j]);
        s1 += ((double) wa[j + 1] - ba[j + 1]) * ((double) wb[j + 1] - bb[j + 1]);
        s2 += ((double) wa[j + 2] - ba[j + 2]) * ((double) wb[j + 2] - bb[j + 2]);
        s3 += ((double) wa[j + 3] - ba[j + 3]) * ((double) wb[j + 3] - bb[j + 3]);
      }
    } else {
      for (; j + 3 < to; j += 4) {
        s0 += a.get(j) * b.get(j);
        s1 += a.get(j + 1) * b.get(j + 1);
        s2 += a.get(j + 2) * b.get(j + 2);
        s3 += a.get(j + 3) * b.get(j + 3);
      }
    }
    for (; j < to; j++) {
      s0 += a.get(j) * b.get(j);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Squared Euclidean distance with four accumulators.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return the squared distance
   */
  static double squaredDistance(double[] a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int to = a.length;
    int j = 0;
    for (; j + 3 < to; j += 4) {
      double e0 = a[j] - b[j];
      double e1 = a[j + 1] - b[j + 1];
      double e2 = a[j + 2] - b[j + 2];
      double e3 = a[j + 3] - b[j + 3];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; j < to; j++) {
      double e = a[j] - b[j];
      s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Squared Euclidean distance between an update and a vector, with four accumulators.
   *
   * @param a an update
   * @param b a vector of the same length
   * @return the squared distance
   */
  static double squaredDistance(UpdateVector a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int to = b.length;
    int j = 0;
    for (; j + 3 < to; j += 4) {
      double e0 = a.get(j) - b[j];
      double e1 = a.get(j + 1) - b[j + 1];
      double e2 = a.get(j + 2) - b[j + 2];
      double e3 = a.get(j + 3) - b[j + 3];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; j < to; j++) {
      double e = a.get(j) - b[j];
      s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Squared Euclidean distance between two updates over a coordinate range, with four accumulators:
   * each coordinate's two values are formed first (a float row's {@code (double) w[j] - base[j]}),
   * then subtracted, as for double rows.
   *
   * @param a an update
   * @param b an update of the same length
   * @param from the first coordinate
   * @param to one past the last
   * @return the squared distance over {@code [from, to)}
   */
  static double squaredDistance(UpdateVector a, UpdateVector b, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = from;
    if (a.isDifference() && b.isDifference()) {
      float[] wa = a.weights();
      float[] ba = a.base();
      float[] wb = b.weights();
      float[] bb = b.base();
      for (; j + 3 < to; j += 4) {
        double e0 = ((double) wa[j] - ba[j]) - ((double) wb[j] - bb[j]);
        double e1 = ((double) wa[j + 1] - ba[j + 1]) - ((double) wb[j + 1] - bb[j + 1]);
        double e2 = ((double) wa[j + 2] - ba[j + 2]) - ((double) wb[j + 2] - bb[j + 2]);
        double e3 = ((double) wa[j + 3] - ba[j + 3]) - ((double) wb[j + 3] - bb[j + 3]);
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
      }
    } else {
      for (; j + 3 < to; j += 4) {
        double e0 = a.get(j) - b.get(j);
        double e1 = a.get(j + 1) - b.get(j + 1);
        double e2 = a.get(j + 2) - b.get(j + 2);
        double e3 = a.get(j + 3) - b.get(j + 3);
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
      }
    }
    for (; j < to; j++) {
      double e = a.get(j) - b.get(j);
      s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * All pairwise squared Euclidean distances computed directly, {@code sum_j (a_j - b_j)^2}, in
   * cache-sized coordinate tiles so that each row is read from memory once per tile rather than
   * once per pair; tiles run in parallel. The reference for {@link PairwiseDistances}, which is
   * faster.
   *
   * @param rows the n rows
   * @return the symmetric n-by-n matrix of squared distances
   */
  static double[][] directSquaredDistances(UpdateVector[] rows) {
    return pairwise(rows, true);
  }

  /**
   * All pairwise dot products (the Gram matrix), tiled and parallel like {@link
   * #directSquaredDistances}, each dot product summed coordinate by coordinate (FLAME's cosine
   * similarities; {@link PairwiseDistances#gram} is the faster blocked version).
   *
   * @param rows the n rows
   * @return the symmetric n-by-n Gram matrix (diagonal included)
   */
  static double[][] gram(UpdateVector[] rows) {
    return pairwise(rows, false);
  }

  private static double[][] pairwise(UpdateVector[] rows, boolean distances) {
    int n = rows.length;
    int d = rows[0].dimension();
    int tile = 2048;
    int tiles = (d + tile - 1) / tile;
    int tasks = Math.max(1, Math.min(tiles, ForkJoinPool.getCommonPoolParallelism() + 1));
    double[][][] partial = new double[tasks][n][n];
    IntStream.range(0, tasks)
        .parallel()
        .forEach(
            t -> {
              double[][] acc = partial[t];
              for (int b = (int) ((long) tiles * t / tasks);
                  b < (int) ((long) tiles * (t + 1) / tasks);
                  b++) {
                int from = b * tile;
                int to = Math.min(d, from + tile);
                for (int i = 0; i < n; i++) {
                  for (int k = distances ? i + 1 : i; k < n; k++) {
                    acc[i][k] +=
                        distances
                            ? squaredDistance(rows[i], rows[k], from, to)
                            : dot(rows[i], rows[k], from, to);
                  }
                }
              }
            });
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = distances ? i + 1 : i; k < n; k++) {
        double s = 0;
        for (int t = 0; t < tasks; t++) {
          s += partial[t][i][k];
        }
        out[i][k] = s;
        out[k][i] = s;
      }
    }
    return out;
  }
}
