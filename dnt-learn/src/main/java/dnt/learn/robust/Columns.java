package dnt.learn.robust;

import dnt.learn.fl.ClientUpdate;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Column-wise (per-coordinate) kernels over n update rows of length d. The rows are read in blocks
 * of {@link #BLOCK} coordinates, transposed into a small per-task buffer (so each coordinate's n
 * values are contiguous and cache-resident) and processed; blocks are spread over the common
 * fork-join pool. Each task allocates one buffer of {@code n * BLOCK} doubles, so the extra memory
 * is independent of d.
 */
final class Columns {
  /** Coordinates per block: 256 coordinates times 100 clients is 200 KiB, L2-resident. */
  static final int BLOCK = 256;

  private Columns() {}

  /** A function of one coordinate's values; it may reorder {@code values[from, from+n)}. */
  @FunctionalInterface
  interface ColumnFunction {
    /**
     * Computes the coordinate's aggregate.
     *
     * @param values a buffer holding the coordinate's n values at {@code [from, from+n)}
     * @param from the offset
     * @param n the number of values
     * @param scratch a per-task scratch buffer of length n
     * @param coordinate the coordinate's index j
     * @return the aggregate for this coordinate
     */
    double apply(double[] values, int from, int n, double[] scratch, int coordinate);
  }

  /**
   * The rows of the updates, without copying.
   *
   * @param updates the updates
   * @return their delta arrays
   */
  static double[][] rows(List<ClientUpdate> updates) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("no updates to aggregate");
    }
    double[][] rows = new double[updates.size()][];
    int d = updates.get(0).delta().length;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = updates.get(i).delta();
      if (rows[i].length != d) {
        throw new IllegalArgumentException(
            "update of "
                + updates.get(i).clientId()
                + " has "
                + rows[i].length
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
  static double[] map(double[][] rows, ColumnFunction f) {
    int n = rows.length;
    int d = rows[0].length;
    double[] out = new double[d];
    int blocks = (d + BLOCK - 1) / BLOCK;
    int tasks = Math.min(blocks, 4 * ForkJoinPool.getCommonPoolParallelism() + 4);
    IntStream.range(0, tasks)
        .parallel()
        .forEach(
            t -> {
              double[] buf = new double[n * BLOCK];
              double[] scratch = new double[n];
              for (int b = (int) ((long) blocks * t / tasks);
                  b < (int) ((long) blocks * (t + 1) / tasks);
                  b++) {
                int from = b * BLOCK;
                int to = Math.min(d, from + BLOCK);
                int width = to - from;
                for (int i = 0; i < n; i++) {
                  double[] row = rows[i];
                  for (int j = 0; j < width; j++) {
                    buf[j * n + i] = row[from + j];
                  }
                }
                for (int j = 0; j < width; j++) {
                  out[from + j] = f.apply(buf, j * n, n, scratch, from + j);
                }
              }
            });
    return out;
  }

  /**
   * Runs a body over contiguous coordinate ranges in parallel.
   *
   * @param d the number of coordinates
   * @param body called with {@code [from, to)} ranges covering {@code [0, d)} exactly once
   */
  static void forRanges(int d, RangeBody body) {
    int blocks = (d + 4095) / 4096;
    int tasks = Math.max(1, Math.min(blocks, 4 * ForkJoinPool.getCommonPoolParallelism() + 4));
    IntStream.range(0, tasks)
        .parallel()
        .forEach(
            t -> {
              int from = (int) ((long) d * t / tasks);
              int to = (int) ((long) d * (t + 1) / tasks);
              if (to > from) {
                body.run(from, to);
              }
            });
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
   * The weighted sum {@code sum_i w_i * rows[i] / total}, parallel over coordinate ranges.
   *
   * @param rows the rows
   * @param w the weights (zero weights skip the row)
   * @return the weighted average (zeros when the weights sum to zero)
   */
  static double[] weightedAverage(double[][] rows, double[] w) {
    int d = rows[0].length;
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
            double[] row = rows[i];
            for (int j = from; j < to; j++) {
              out[j] += wi * row[j];
            }
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
  static double[] norms(double[][] rows) {
    double[] out = new double[rows.length];
    IntStream.range(0, rows.length).parallel().forEach(i -> out[i] = norm(rows[i]));
    return out;
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
   * Squared Euclidean distance with four accumulators.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return the squared distance
   */
  static double squaredDistance(double[] a, double[] b) {
    return squaredDistance(a, b, 0, a.length);
  }

  /**
   * Squared Euclidean distance over a coordinate range.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @param from the first coordinate
   * @param to one past the last
   * @return the squared distance over {@code [from, to)}
   */
  static double squaredDistance(double[] a, double[] b, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = from;
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
   * All pairwise squared Euclidean distances, computed in cache-sized coordinate tiles so that each
   * row is read from memory once per tile rather than once per pair; tiles run in parallel.
   *
   * @param rows the n rows
   * @return the symmetric n-by-n matrix of squared distances
   */
  static double[][] pairwiseSquaredDistances(double[][] rows) {
    return pairwise(rows, true);
  }

  /**
   * All pairwise dot products (the Gram matrix), tiled and parallel like {@link
   * #pairwiseSquaredDistances}.
   *
   * @param rows the n rows
   * @return the symmetric n-by-n Gram matrix (diagonal included)
   */
  static double[][] gram(double[][] rows) {
    return pairwise(rows, false);
  }

  private static double[][] pairwise(double[][] rows, boolean distances) {
    int n = rows.length;
    int d = rows[0].length;
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
