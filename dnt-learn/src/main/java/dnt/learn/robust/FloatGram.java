package dnt.learn.robust;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dnt.learn.fl.UpdateVector;
import dnt.learn.simd.FloatKernels;
import dnt.learn.simd.Kernels;
import dnt.torch.TorchThreads;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * An approximate Gram matrix {@code G_ik = sum_j x_ij x_kj} of n update rows in float32 through
 * PyTorch's batched matrix product (BLAS sgemm, the product numpy uses for Krum), with a rigorous
 * bound on its error, so that Krum and Multi-Krum can select from it and fall back to the exact
 * {@link PairwiseDistances} whenever the bound could change the selection ({@link KrumSelection}).
 * Where the Vector API runs 16 float lanes (AVX-512), {@link #compute} takes {@link BlockGram}
 * instead: the same kind of result from a Java kernel, faster on that hardware and with a bound
 * about four times tighter (its summation order is fixed); {@link #torch} is this class's own path.
 *
 * <p><b>Kernel.</b> The coordinates are cut into slices of {@link #K} (the last one padded with
 * zeros, which add exactly nothing); each slice's n-by-K block of the updates' values rounded to
 * float32 ({@code (float) ((double) w_i[j] - w_t[j])}) is multiplied by its own transpose, a batch
 * of slices per call ({@link #slicesPerCall}), and the batch's n-by-n products are converted to
 * double and summed in double. Batches run in parallel on the common fork-join pool, each with its
 * own double accumulator, summed at the end.
 *
 * <p><b>Error bound.</b> Whatever order sgemm adds a slice's K products in, each term {@code x_ij
 * x_kj} reaches the slice's float result through at most {@code K + 2} float roundings (the two
 * inputs, the product, at most {@code K - 1} additions), and the slices' results reach the double
 * total through at most {@code m = ceil(d / K) + 2} double roundings. By Higham ("Accuracy and
 * Stability of Numerical Algorithms", 2nd ed., Sec. 3.1 and 3.5) {@code |G'_ik - G_ik| <= eps sum_j
 * |x_ij x_kj| + a} with {@code eps = (1 + gamma^f_(K+2)) (1 + gamma^d_m) - 1}, {@code gamma^f_q = q
 * 2^-24 / (1 - q 2^-24)}, {@code gamma^d_q = q 2^-53 / (1 - q 2^-53)}, and an absolute term {@code
 * a} for underflow (and for a BLAS that flushes subnormals to zero): each value, each product and
 * each float addition loses at most {@code 2^-126} absolutely, so a term loses at most {@code
 * 2^-126 (2 M + 2)} and {@code a = d 2^-125 (1 + 2 M) (1 + eps)} covers it, M the largest |value|.
 * Since {@code sum_j |x_ij x_kj| <= (G_ii + G_kk) / 2}, a Gram-formulated distance {@code D_ik =
 * G_ii + G_kk - 2 G_ik} is off by at most {@code 2 eps (G_ii + G_kk) + 4 a} before its own three
 * double roundings ({@link Result#distanceRadius}). With K = 256, eps is about 1.6e-5: distances
 * within about 3e-5 of the updates' squared norms. A value that overflows float (or a NaN) makes
 * the result unusable: {@link #compute} returns null then.
 */
final class FloatGram {
  /** Coordinates per slice: the inner dimension of each float product. */
  static final int K = 256;

  /** The most slices per native call: 16,384 coordinates. */
  private static final int MAX_SLICES_PER_CALL = 64;

  /** The most floats a call's input or output may hold (16 MiB), which caps the slices per call. */
  private static final long CALL_FLOATS = 1L << 22;

  private static final double U_FLOAT = 0x1p-24;
  private static final double U_DOUBLE = 0x1p-53;

  /**
   * The approximate Gram matrix with its error bound.
   *
   * @param gram the symmetric n-by-n matrix, row-major
   * @param n the number of rows
   * @param epsilon the relative error factor eps (see the class comment)
   * @param absolute the absolute error term a (see the class comment)
   */
  record Result(double[] gram, int n, double epsilon, double absolute) {
    /**
     * The entry {@code G'_ik}.
     *
     * @param i a row
     * @param k a row
     * @return the entry
     */
    double get(int i, int k) {
      return gram[i * n + k];
    }

    /**
     * The distance {@code D'_ik = G'_ii + G'_kk - 2 G'_ik} as computed in double.
     *
     * @param i a row
     * @param k a row
     * @return the approximate squared distance
     */
    double distance(int i, int k) {
      return get(i, i) + get(k, k) - 2 * get(i, k);
    }

    /**
     * A bound on {@code |D'_ik - D_ik|}, D the exact squared distance: {@code 2 eps (G_ii + G_kk) +
     * 4 a} with the exact {@code G_ii <= (G'_ii + a) / (1 - eps)}, plus the three double roundings
     * of {@link #distance} (at most {@code 3u (G'_ii + G'_kk + 2 |G'_ik|) <= 7u (G'_ii + G'_kk +
     * a)}), the whole enlarged by {@code 2^-40} for the rounding of this formula itself.
     *
     * @param i a row
     * @param k a row
     * @return the bound
     */
    double distanceRadius(int i, int k) {
      double norms = get(i, i) + get(k, k) + 2 * absolute;
      double r = (2 * epsilon / (1 - epsilon) + 7 * U_DOUBLE) * norms + 4 * absolute;
      return r * (1 + 0x1p-40);
    }
  }

  private FloatGram() {}

  /**
   * The relative error factor eps for rows of d coordinates.
   *
   * @param d the number of coordinates
   * @return eps
   */
  static double epsilon(int d) {
    double gf = gamma(K + 2, U_FLOAT);
    double gd = gamma(Math.ceil((double) d / K) + 2, U_DOUBLE);
    return (1 + gf) * (1 + gd) - 1;
  }

  /**
   * {@code gamma_q = q u / (1 - q u)} (Higham, Sec. 3.1).
   *
   * @param q the number of roundings
   * @param u the unit roundoff
   * @return gamma
   */
  static double gamma(double q, double u) {
    return q * u / (1 - q * u);
  }

  /**
   * Computes the approximate Gram matrix: in Java by {@link BlockGram} where the kernels run it in
   * vector registers ({@link FloatKernels#fastGram}, the Vector API with AVX-512) and n is at most
   * {@link BlockGram#MAX_ROWS}, through PyTorch ({@link #torch}) otherwise.
   *
   * @param rows the n rows, all of length d
   * @return the matrix and its bound, or null when a value is not finite in float32 or the sums
   *     overflow (the caller then computes exactly)
   */
  static @Nullable Result compute(UpdateVector[] rows) {
    FloatKernels kernels = Kernels.get();
    return kernels.fastGram() && rows.length <= BlockGram.MAX_ROWS
        ? BlockGram.compute(rows, kernels)
        : torch(rows);
  }

  /**
   * Computes the approximate Gram matrix through PyTorch's batched sgemm (the class comment).
   *
   * @param rows the n rows, all of length d
   * @return the matrix and its bound, or null when a value is not finite in float32 or the sums
   *     overflow (the caller then computes exactly)
   */
  static @Nullable Result torch(UpdateVector[] rows) {
    Engine.getEngine("PyTorch");
    int n = rows.length;
    int d = rows[0].dimension();
    int slices = (d + K - 1) / K;
    int perCall = slicesPerCall(n);
    int calls = (slices + perCall - 1) / perCall;
    int workers = Math.max(1, Math.min(calls, ForkJoinPool.getCommonPoolParallelism() + 1));
    double[][] partial = new double[workers][];
    float[] maxAbs = new float[workers];
    AtomicInteger next = new AtomicInteger();
    IntStream.range(0, workers)
        .parallel()
        .forEach(
            t -> {
              double[] acc = new double[n * n];
              float[] block = new float[perCall * n * K];
              // one native input buffer per worker, reused by every call: DJL copies a heap
              // buffer into a new direct buffer per call (zeroed, freed only by a GC)
              ByteBuffer input =
                  ByteBuffer.allocateDirect(block.length * Float.BYTES)
                      .order(ByteOrder.nativeOrder());
              FloatBuffer floats = input.asFloatBuffer();
              float max = 0;
              try (NDManager manager = TorchThreads.manager()) {
                for (int c = next.getAndIncrement(); c < calls; c = next.getAndIncrement()) {
                  int first = c * perCall;
                  int count = Math.min(perCall, slices - first);
                  int length = count * n * K;
                  max = Math.max(max, fill(rows, first, count, block));
                  floats.put(0, block, 0, length);
                  input.clear().limit(length * Float.BYTES);
                  try (NDManager call = manager.newSubManager()) {
                    NDArray x = call.create(input, new Shape(count, n, K), DataType.FLOAT32);
                    NDArray g =
                        x.batchMatMul(x.transpose(0, 2, 1))
                            .toType(DataType.FLOAT64, false)
                            .sum(new int[] {0});
                    double[] s = g.toDoubleArray();
                    for (int e = 0; e < acc.length; e++) {
                      acc[e] += s[e];
                    }
                  }
                }
              }
              partial[t] = acc;
              maxAbs[t] = max;
            });
    double[] gram = partial[0];
    float max = maxAbs[0];
    for (int t = 1; t < workers; t++) {
      double[] p = partial[t];
      for (int e = 0; e < gram.length; e++) {
        gram[e] += p[e];
      }
      max = Math.max(max, maxAbs[t]);
    }
    return result(gram, n, d, epsilon(d), max);
  }

  /**
   * The result of a float Gram computation with its absolute term {@code a = d 2^-125 (1 + 2 M) (1
   * + eps)} (the class comment), or null when an entry or the largest value is not finite.
   *
   * @param gram the n-by-n matrix, row-major
   * @param n the rows
   * @param d the coordinates
   * @param eps the computation's relative error factor
   * @param max the largest absolute float value multiplied (NaN if any was NaN)
   * @return the result, or null
   */
  static @Nullable Result result(double[] gram, int n, int d, double eps, float max) {
    for (double g : gram) {
      if (!Double.isFinite(g)) {
        return null;
      }
    }
    if (!Float.isFinite(max)) {
      return null;
    }
    // M bounds the exact values: a float rounding moves a value by at most 2^-24 relatively
    // (or 2^-149 absolutely below the normal range)
    double m = max * (1 + 2 * U_FLOAT) + 0x1p-149;
    double absolute = d * 0x1p-125 * (1 + 2 * m) * (1 + eps);
    return new Result(gram, n, eps, absolute);
  }

  /**
   * Slices per native call for n rows: at most {@link #MAX_SLICES_PER_CALL}, fewer when a call's
   * input ({@code n K} floats per slice) or output ({@code n^2}) would pass {@link #CALL_FLOATS}.
   *
   * @param n the number of rows
   * @return at least one
   */
  static int slicesPerCall(int n) {
    long perSlice = Math.max((long) n * n, (long) n * K);
    return (int) Math.max(1, Math.min(MAX_SLICES_PER_CALL, CALL_FLOATS / perSlice));
  }

  /**
   * Writes slices {@code [first, first+count)} into {@code block} as {@code count} n-by-K matrices,
   * row after row, values rounded to float, coordinates past d as zeros.
   *
   * <p>A difference row's value is the float subtraction {@code w_j - b_j}, which equals {@code
   * (float) ((double) w_j - b_j)}, the float rounding of the exact update the class comment
   * assumes: the subtraction is exact in double whenever the operands' exponents differ by at most
   * 29 (and otherwise the smaller operand moves the difference by less than a quarter of a float
   * unit, so both round to the larger one), i.e. double rounding through a format of at least 2p +
   * 2 bits (53 >= 2 * 24 + 2) is innocuous for addition (Figueroa, "When is double rounding
   * innocuous?", SIGNUM Newsletter 30(3), 1995). {@code FloatGramFillTest} checks it on random and
   * edge-case bit patterns.
   *
   * @return the largest absolute value written (NaN if any is NaN)
   */
  private static float fill(UpdateVector[] rows, int first, int count, float[] block) {
    int n = rows.length;
    int d = rows[0].dimension();
    float max = 0;
    for (int s = 0; s < count; s++) {
      int from = (first + s) * K;
      int to = Math.min(d, from + K);
      for (int i = 0; i < n; i++) {
        int o = (s * n + i) * K - from;
        max = Math.max(max, fillRow(rows[i], from, to, block, o));
        for (int j = to; j < from + K; j++) {
          block[o + j] = 0;
        }
      }
    }
    return max;
  }

  /**
   * Writes a row's coordinates {@code [from, to)} rounded to float into {@code block[offset + j]}:
   * {@code w_j - b_j} for a difference row (the same float as {@code (float) ((double) w_j - b_j)},
   * see {@link #fill}), {@code (float) x_j} otherwise.
   *
   * @param row the row
   * @param from the first coordinate
   * @param to one past the last
   * @param block the destination
   * @param offset where coordinate 0 would go
   * @return the largest absolute value written (NaN if any is NaN)
   */
  static float fillRow(UpdateVector row, int from, int to, float[] block, int offset) {
    float max = 0;
    if (row.isDifference()) {
      float[] w = row.weights();
      float[] b = row.base();
      // the float difference is (float) ((double) w_j - b_j) exactly, in a loop the JIT
      // vectorises
      for (int j = from; j < to; j++) {
        float v = w[j] - b[j];
        block[offset + j] = v;
        max = Math.max(max, Math.abs(v));
      }
    } else {
      double[] x = row.values();
      for (int j = from; j < to; j++) {
        float v = (float) x[j];
        block[offset + j] = v;
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }
}
