package dnt.learn.robust;

import dnt.learn.fl.UpdateVector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * All pairwise squared Euclidean distances of n update rows through their Gram matrix, {@code D_ik
 * = G_ii + G_kk - 2 G_ik} with {@code G = X X^T} (the formulation numpy's and PyTorch's {@code
 * cdist} use), for Krum, Multi-Krum and Bulyan.
 *
 * <p><b>Kernel.</b> The rows are read in blocks of coordinates, transposed into a per-worker buffer
 * of doubles holding the updates' exact values (a row kept as float weights gives {@code (double)
 * w_i[j] - w_t[j]}, see {@link dnt.learn.fl.UpdateVector}; the Gram matrix is of the updates, never
 * of the weights), and the block's contribution is added to the upper triangle of an n-by-n
 * accumulator as a sum of outer products, four coordinates per pass: {@code G_ik += x_i0 c0_k +
 * x_i1 c1_k + x_i2 c2_k + x_i3 c3_k}, whose innermost loop over k has no reduction (so the JIT can
 * vectorise it). Each product rounds once, and so does each addition. The coordinates are split
 * into at most {@link #PARTS} contiguous parts, fixed by d alone, each with its own accumulator,
 * summed in part order at the end: the result does not depend on the number of threads.
 *
 * <p><b>Error bound.</b> Each Gram entry is a sum of rounded products whose terms each pass through
 * at most {@code m = ceil(d / 4) + 4 + PARTS} roundings (the product, at most three additions
 * inside a pass, one per pass into the accumulator, {@code PARTS} to combine the parts), so {@code
 * |G'_ik - G_ik| <= gamma_m sum_j |a_j b_j| <= gamma_m (||a||^2 + ||b||^2) / 2} with {@code gamma_m
 * = m u / (1 - m u)}, {@code u = 2^-53} (Higham, "Accuracy and Stability of Numerical Algorithms",
 * 2nd ed., Sec. 3.1). Hence {@code |D'_ik - D_ik| <= (2 gamma_m + 3u) (G_ii + G_kk)} (three more
 * roundings combine the entries): an error relative to the updates' squared norms, not to their
 * distance, which cancellation makes large when two updates are nearly equal (identical fake
 * updates give 0 +- that bound). The guard: every pair whose bound exceeds {@link
 * #RELATIVE_TOLERANCE} times its computed distance is recomputed directly, {@code sum_j (a_j -
 * b_j)^2}, whose error is {@code gamma_d D_ik} relative to the distance itself (and exactly 0 for
 * identical rows). So every distance returned is within {@code 2^-20} (about 1e-6) of the true one
 * relatively, besides the direct sum's own {@code gamma_d}. Krum's choice can differ from the
 * direct computation's only between candidates whose scores agree to about that precision.
 */
final class PairwiseDistances {
  /** Relative error accepted from the Gram formulation before a pair is recomputed directly. */
  static final double RELATIVE_TOLERANCE = 0x1p-20;

  /** The most contiguous parts (and accumulators) the coordinates are split into. */
  static final int PARTS = 8;

  /** The unit roundoff of double, 2^-53. */
  private static final double U = 0x1p-53;

  private PairwiseDistances() {}

  /**
   * The n-by-n Gram matrix {@code G_ik = sum_j a_ij a_kj}, accumulated in double.
   *
   * @param rows the n rows, all of length d
   * @return the symmetric Gram matrix
   */
  static double[][] gram(UpdateVector[] rows) {
    int n = rows.length;
    double[][] acc = perPart(rows, n * n, PairwiseDistances::accumulate);
    int parts = acc.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = i; k < n; k++) {
        double s = acc[0][i * n + k];
        for (int p = 1; p < parts; p++) {
          s += acc[p][i * n + k];
        }
        out[i][k] = s;
        out[k][i] = s;
      }
    }
    return out;
  }

  /**
   * The rows {@code i} in {@code subset} of {@link #squaredDistances}, bit for bit, at the cost of
   * {@code (|subset| + 1) n} Gram entries instead of {@code n (n + 1) / 2}: the entries {@code
   * G_ii}, {@code G_kk} (the whole diagonal) and {@code G_ik} that those rows need, each
   * accumulated over the same blocks, parts and four-coordinate passes as {@link #gram} (an entry's
   * chain of roundings depends only on its two rows and d, and a product {@code x_i x_k} is the
   * same double as {@code x_k x_i}), then the same distance, bound and direct recomputation. Krum's
   * guarded selection ({@link KrumSelection#split}) needs only its few undecided updates' rows.
   *
   * @param rows the n rows, all of length d
   * @param subset distinct row indices
   * @return an n-by-n array whose rows in {@code subset} are those of {@link #squaredDistances}
   *     (the other rows are zero)
   */
  static double[][] squaredDistanceRows(UpdateVector[] rows, int[] subset) {
    int n = rows.length;
    int d = rows[0].dimension();
    int c = subset.length;
    // per part: the diagonal (n), then each subset row against every row (c n)
    double[][] acc =
        perPart(
            rows, n + c * n, (buf, rowCount, w, g) -> accumulateRows(buf, rowCount, w, subset, g));
    int parts = acc.length;
    double[] sum = acc[0];
    for (int e = 0; e < sum.length; e++) {
      for (int p = 1; p < parts; p++) {
        sum[e] += acc[p][e];
      }
    }
    double factor = errorFactor(d);
    double[][] out = new double[n][n];
    for (int r = 0; r < c; r++) {
      int a = subset[r];
      for (int b = 0; b < n; b++) {
        if (b == a) {
          continue;
        }
        int i = Math.min(a, b);
        int k = Math.max(a, b);
        double gii = sum[i];
        double gkk = sum[k];
        double dist = gii + gkk - 2 * sum[n + r * n + b];
        double bound = factor * (gii + gkk);
        out[a][b] =
            bound > RELATIVE_TOLERANCE * dist
                ? Columns.squaredDistance(rows[i], rows[k], 0, d)
                : Math.max(0, dist);
      }
    }
    return out;
  }

  /** Adds one transposed block of coordinates ({@code w} columns of n values) to an accumulator. */
  private interface BlockKernel {
    void add(double[] buf, int n, int w, double[] acc);
  }

  /**
   * Runs a kernel over the rows' coordinates in blocks, the blocks split into at most {@link
   * #PARTS} contiguous parts by d alone, each part's blocks in order into the part's own
   * accumulator, the parts spread over the common pool's workers: what each accumulator holds does
   * not depend on the number of threads.
   *
   * @param rows the n rows, all of length d
   * @param accLength the length of one part's accumulator
   * @param kernel what a block adds to its part's accumulator
   * @return one accumulator per part, in part order
   */
  private static double[][] perPart(UpdateVector[] rows, int accLength, BlockKernel kernel) {
    int n = rows.length;
    int d = rows[0].dimension();
    int width = Columns.blockWidth(n) & ~3;
    int blocks = (d + width - 1) / width;
    int parts = Math.max(1, Math.min(PARTS, blocks));
    double[][] acc = new double[parts][accLength];
    AtomicInteger next = new AtomicInteger();
    int workers =
        Math.max(
            1, Math.min(parts, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
    IntStream.range(0, workers)
        .parallel()
        .forEach(
            t -> {
              double[] buf = new double[n * width];
              for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                int firstBlock = (int) ((long) blocks * p / parts);
                int endBlock = (int) ((long) blocks * (p + 1) / parts);
                for (int b = firstBlock; b < endBlock; b++) {
                  int from = b * width;
                  int w = Math.min(d, from + width) - from;
                  Columns.transpose(rows, from, w, buf);
                  kernel.add(buf, n, w, acc[p]);
                }
              }
            });
    return acc;
  }

  /**
   * As {@link #accumulate}, for the diagonal (into {@code g[0, n)}) and the subset's rows against
   * every row (row r of the subset into {@code g[n + r n, n + (r + 1) n)}), each entry with {@link
   * #accumulate}'s arithmetic: per pass of four coordinates {@code x_0 y_0 + x_1 y_1 + x_2 y_2 +
   * x_3 y_3} added to the entry, then one coordinate per pass for the block's last {@code w mod 4}.
   */
  private static void accumulateRows(double[] buf, int n, int w, int[] subset, double[] g) {
    int j = 0;
    for (; j + 3 < w; j += 4) {
      int c0 = j * n;
      int c1 = c0 + n;
      int c2 = c1 + n;
      int c3 = c2 + n;
      for (int k = 0; k < n; k++) {
        double x0 = buf[c0 + k];
        double x1 = buf[c1 + k];
        double x2 = buf[c2 + k];
        double x3 = buf[c3 + k];
        g[k] += x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3;
      }
      for (int r = 0; r < subset.length; r++) {
        int a = subset[r];
        double x0 = buf[c0 + a];
        double x1 = buf[c1 + a];
        double x2 = buf[c2 + a];
        double x3 = buf[c3 + a];
        int base = n + r * n;
        for (int k = 0; k < n; k++) {
          g[base + k] += x0 * buf[c0 + k] + x1 * buf[c1 + k] + x2 * buf[c2 + k] + x3 * buf[c3 + k];
        }
      }
    }
    for (; j < w; j++) {
      int c0 = j * n;
      for (int k = 0; k < n; k++) {
        double x0 = buf[c0 + k];
        g[k] += x0 * x0;
      }
      for (int r = 0; r < subset.length; r++) {
        double x0 = buf[c0 + subset[r]];
        int base = n + r * n;
        for (int k = 0; k < n; k++) {
          g[base + k] += x0 * buf[c0 + k];
        }
      }
    }
  }

  /**
   * Adds the outer products of a transposed block's columns to the upper triangle of {@code g}.
   *
   * @param buf the block, column after column ({@code buf[j * n + i]})
   * @param n the number of rows
   * @param w the number of coordinates in the block
   * @param g the n-by-n accumulator, row-major
   */
  private static void accumulate(double[] buf, int n, int w, double[] g) {
    int j = 0;
    for (; j + 3 < w; j += 4) {
      int c0 = j * n;
      int c1 = c0 + n;
      int c2 = c1 + n;
      int c3 = c2 + n;
      for (int i = 0; i < n; i++) {
        double x0 = buf[c0 + i];
        double x1 = buf[c1 + i];
        double x2 = buf[c2 + i];
        double x3 = buf[c3 + i];
        int base = i * n;
        for (int k = i; k < n; k++) {
          g[base + k] += x0 * buf[c0 + k] + x1 * buf[c1 + k] + x2 * buf[c2 + k] + x3 * buf[c3 + k];
        }
      }
    }
    for (; j < w; j++) {
      int c0 = j * n;
      for (int i = 0; i < n; i++) {
        double x0 = buf[c0 + i];
        int base = i * n;
        for (int k = i; k < n; k++) {
          g[base + k] += x0 * buf[c0 + k];
        }
      }
    }
  }

  /**
   * The a-priori bound on the error of a Gram-formulated distance, relative to {@code G_ii + G_kk}:
   * {@code 2 gamma_m + 3u} for rows of d coordinates.
   *
   * @param d the number of coordinates
   * @return the factor
   */
  static double errorFactor(int d) {
    double m = Math.ceil(d / 4.0) + 4 + PARTS;
    double gamma = m * U / (1 - m * U);
    return 2 * gamma + 3 * U;
  }

  /**
   * All pairwise squared distances: through the Gram matrix, with the pairs whose error bound is
   * not below {@link #RELATIVE_TOLERANCE} of their distance recomputed directly (see the class
   * comment).
   *
   * @param rows the n rows, all of length d
   * @return the symmetric matrix of squared distances, zero diagonal, no negative entry
   */
  static double[][] squaredDistances(UpdateVector[] rows) {
    int n = rows.length;
    int d = rows[0].dimension();
    double[][] g = gram(rows);
    double factor = errorFactor(d);
    double[][] out = new double[n][n];
    int[] redoI = new int[n * (n - 1) / 2];
    int[] redoK = new int[redoI.length];
    int redo = 0;
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        double dist = g[i][i] + g[k][k] - 2 * g[i][k];
        double bound = factor * (g[i][i] + g[k][k]);
        if (bound > RELATIVE_TOLERANCE * dist) {
          redoI[redo] = i;
          redoK[redo] = k;
          redo++;
        }
        out[i][k] = Math.max(0, dist);
        out[k][i] = out[i][k];
      }
    }
    int count = redo;
    IntStream.range(0, count)
        .parallel()
        .forEach(
            r -> {
              int i = redoI[r];
              int k = redoK[r];
              double exact = Columns.squaredDistance(rows[i], rows[k], 0, d);
              out[i][k] = exact;
              out[k][i] = exact;
            });
    return out;
  }
}
