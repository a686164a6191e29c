package dnt.learn.robust;

import dnt.learn.fl.UpdateVector;
import dnt.learn.simd.FloatKernels;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The float32 Gram matrix of {@link FloatGram} computed in Java by {@link
 * FloatKernels#addGramBlock} (the Vector API's fused multiply-adds) instead of PyTorch's sgemm: the
 * same kind of result, with a bound about four times tighter, because here the order of the float
 * additions is ours to fix.
 *
 * <p><b>Kernel.</b> The coordinates are cut into blocks of {@link #WIDTH}; each block's values
 * rounded to float32 (the float subtraction {@code w_j - b_j}, the same float as {@code (float)
 * ((double) w_j - b_j)}, see {@link FloatGram}) are written row after row into a per-worker float
 * buffer of n rows rounded up to a multiple of 4 (the extra rows, and coordinates past d, are zeros
 * and add exactly nothing), and the kernel adds the block's upper-triangle products to eight double
 * lanes per pair: each of 16 float lanes sums {@code WIDTH / 16 = 64} products by fused
 * multiply-adds, then the lanes are widened to double, paired ({@code s_l + s_(l+8)}) and added to
 * the pair's double lanes. The blocks are split into at most {@link #PARTS} contiguous parts fixed
 * by d, each part's lanes summed in lane order into its own n-by-n matrix, and the parts summed in
 * part order: the result does not depend on the number of threads.
 *
 * <p><b>Error bound</b> (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., Sec.
 * 3.1, with the fused multiply-add's single rounding {@code fl(a b + s) = (a b + s)(1 + delta)}): a
 * term {@code x_ij x_kj} reaches its lane's float sum through at most {@code L + 2} float roundings
 * (the two inputs and at most {@code L = WIDTH / 16} fused multiply-adds; the product itself is not
 * rounded), and the double total through at most {@code m = ceil(d / WIDTH) + 8 + PARTS} double
 * ones (pairing the halves, one per block into the lane, seven to add the lanes, the parts), so
 * {@code |G'_ik - G_ik| <= eps sum_j |x_ij x_kj| + a} with {@code eps = (1 + gamma^f_(L+2)) (1 +
 * gamma^d_m) - 1}, about 3.9e-6 (against 1.5e-5 for sgemm's unknown order over 256 products), and
 * the same absolute term {@code a} for underflow as {@link FloatGram}. On the speed benchmark's
 * data that is tight enough to certify Krum's choice, which PyTorch's bound was not
 * (docs/PERFORMANCE.md, "Krum's undecided updates").
 */
final class BlockGram {
  /** Coordinates per block: 64 fused multiply-adds per float lane. */
  static final int WIDTH = 1024;

  /** The most contiguous parts (and partial sums) the blocks are split into. */
  static final int PARTS = 8;

  /**
   * The most rows computed here: each worker holds {@code 8 n^2} double lanes (16 MiB at 512);
   * beyond, {@link FloatGram} uses PyTorch.
   */
  static final int MAX_ROWS = 512;

  private static final int HALF = FloatKernels.GRAM_LANES / 2;

  private BlockGram() {}

  /**
   * The relative error factor eps for rows of d coordinates (see the class comment).
   *
   * @param d the number of coordinates
   * @return eps
   */
  static double epsilon(int d) {
    double gf = FloatGram.gamma(WIDTH / FloatKernels.GRAM_LANES + 2, 0x1p-24);
    double gd = FloatGram.gamma(Math.ceil((double) d / WIDTH) + 8 + PARTS, 0x1p-53);
    return (1 + gf) * (1 + gd) - 1;
  }

  /**
   * Computes the approximate Gram matrix.
   *
   * @param rows the n rows, all of length d, n at most {@link #MAX_ROWS}
   * @param kernels the kernel implementation
   * @return the matrix and its bound, or null when a value is not finite in float32 or the sums
   *     overflow
   */
  static FloatGram.@Nullable Result compute(UpdateVector[] rows, FloatKernels kernels) {
    int n = rows.length;
    int d = rows[0].dimension();
    int padded = (n + 3) & ~3;
    int blocks = (d + WIDTH - 1) / WIDTH;
    int parts = Math.max(1, Math.min(PARTS, blocks));
    double[][] sums = new double[parts][];
    float[] maxAbs = new float[parts];
    AtomicInteger next = new AtomicInteger();
    int workers = Math.max(1, Math.min(parts, ForkJoinPool.getCommonPoolParallelism() + 1));
    IntStream.range(0, workers)
        .parallel()
        .forEach(
            t -> {
              float[] block = new float[padded * WIDTH];
              double[] lanes = new double[padded * padded * HALF];
              for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                int first = (int) ((long) blocks * p / parts);
                int end = (int) ((long) blocks * (p + 1) / parts);
                Arrays.fill(lanes, 0);
                float max = 0;
                for (int b = first; b < end; b++) {
                  max = Math.max(max, fill(rows, b * WIDTH, block, kernels));
                  kernels.addGramBlock(block, padded, WIDTH, lanes);
                }
                double[] s = new double[n * n];
                for (int i = 0; i < n; i++) {
                  for (int k = i; k < n; k++) {
                    int o = (i * padded + k) * HALF;
                    double g = 0;
                    for (int l = 0; l < HALF; l++) {
                      g += lanes[o + l];
                    }
                    s[i * n + k] = g;
                  }
                }
                sums[p] = s;
                maxAbs[p] = max;
              }
            });
    double[] gram = new double[n * n];
    float max = 0;
    for (int p = 0; p < parts; p++) {
      max = Math.max(max, maxAbs[p]);
    }
    for (int i = 0; i < n; i++) {
      for (int k = i; k < n; k++) {
        double g = sums[0][i * n + k];
        for (int p = 1; p < parts; p++) {
          g += sums[p][i * n + k];
        }
        gram[i * n + k] = g;
        gram[k * n + i] = g;
      }
    }
    return FloatGram.result(gram, n, d, epsilon(d), max);
  }

  /**
   * Writes coordinates {@code [from, from + WIDTH)} of every row into {@code block} (row i at
   * {@code i * WIDTH}), rounded to float, coordinates past d as zeros; rows past n are untouched
   * (zeros).
   *
   * @return the largest absolute value written (NaN if any is NaN)
   */
  private static float fill(UpdateVector[] rows, int from, float[] block, FloatKernels kernels) {
    int d = rows[0].dimension();
    int to = Math.min(d, from + WIDTH);
    float max = 0;
    for (int i = 0; i < rows.length; i++) {
      UpdateVector row = rows[i];
      float m =
          row.isDifference()
              ? kernels.floatDifferences(
                  row.weights(), from, row.base(), from, block, i * WIDTH, to - from)
              : FloatGram.fillRow(row, from, to, block, i * WIDTH - from);
      max = Math.max(max, m);
      Arrays.fill(block, i * WIDTH + (to - from), (i + 1) * WIDTH, 0f);
    }
    return max;
  }
}
