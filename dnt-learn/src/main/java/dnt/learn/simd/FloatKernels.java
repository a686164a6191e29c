package dnt.learn.simd;

import org.jspecify.annotations.Nullable;

/**
 * The aggregation kernels that turn float32 weights into double values, one strategy per
 * implementation ({@link ScalarKernels}, the Vector API's in {@code dnt.learn.simd.vector}).
 * Contract: every implementation returns the same doubles bit for bit for the same arguments (each
 * method states the exact operations and their order), so the choice changes speed only.
 */
public interface FloatKernels {
  /**
   * The implementation's name, as {@link Kernels#PROPERTY} names it.
   *
   * @return {@code scalar} or {@code vector}
   */
  String name();

  /**
   * Adds the rows' differences over one base to an accumulator: for every {@code j} in {@code
   * [from, to)} and every row {@code k} in order, {@code out[j] = out[j] + w_k * ((double)
   * rows[k][j] - (double) base[j])}, or {@code out[j] = out[j] + ((double) rows[k][j] - (double)
   * base[j])} when {@code weights} is null (a unit weight's product {@code 1 * x} is exact, so both
   * forms give the same sums when every weight is 1). Each operation is rounded to double on its
   * own (no fused multiply-add), as Java evaluates the scalar expression.
   *
   * @param base the shared base weights
   * @param rows the rows' float weights, each at least {@code to} long
   * @param weights one weight per row, or null for unit weights
   * @param out the accumulator
   * @param from the first coordinate
   * @param to one past the last
   */
  void addDifferences(
      float[] base, float[][] rows, double @Nullable [] weights, double[] out, int from, int to);

  /**
   * Decodes float differences into doubles: {@code out[outOffset + j] = (double) w[wOffset + j] -
   * (double) b[bOffset + j]} for {@code j} in {@code [0, length)}.
   *
   * @param w the weights
   * @param wOffset the first weight
   * @param b the base
   * @param bOffset the first base value
   * @param out receives the differences
   * @param outOffset the first output position
   * @param length how many
   */
  void differences(
      float[] w, int wOffset, float[] b, int bOffset, double[] out, int outOffset, int length);

  /**
   * One row's share of a masked weighted mean (TID's aggregation pass): for every {@code j} in
   * {@code [from, to)}, with {@code x = (double) w[j] - (double) b[j]} and {@code in = x >= lo[j]
   * && x <= hi[j]} (false for NaN), {@code num[j - from] = num[j - from] + (in ? a * x : 0.0)} and
   * {@code den[j - from] = den[j - from] + (in ? a : 0.0)}. The 0.0 is added, not skipped: {@code
   * -0.0 + 0.0} is {@code +0.0}, and the result must be that of the scalar expression.
   *
   * @param w the row's weights
   * @param b the base
   * @param lo the bands' lower ends, by coordinate
   * @param hi the bands' upper ends, by coordinate
   * @param a the row's weight
   * @param num the numerators, from index 0 for coordinate {@code from}
   * @param den the denominators, likewise
   * @param from the first coordinate
   * @param to one past the last
   */
  void addMasked(
      float[] w,
      float[] b,
      double[] lo,
      double[] hi,
      double a,
      double[] num,
      double[] den,
      int from,
      int to);

  /**
   * The float lanes of {@link #addGramBlock}: coordinate {@code j} of a block is summed in lane
   * {@code j mod GRAM_LANES}.
   */
  int GRAM_LANES = 16;

  /**
   * Whether {@link #addGramBlock} runs in vector registers here (the Vector API with at least
   * {@link #GRAM_LANES} float lanes, AVX-512); otherwise it is a reference loop, correct but slow,
   * and callers should take another route to the Gram matrix.
   *
   * @return true for a fast implementation
   */
  boolean fastGram();

  /**
   * Adds one block's float32 products to lane accumulators of a Gram matrix's upper triangle. For
   * every pair of rows {@code i <= k} in {@code [0, n)} and every lane {@code l} in {@code [0,
   * 16)}: {@code s_l = 0.0f}, then for {@code j = l, l + 16, ...} below {@code width}, in that
   * order, {@code s_l = Math.fma(x_i[j], x_k[j], s_l)} in float, {@code x_i[j] = block[i * width +
   * j]}; then for {@code l} in {@code [0, 8)}: {@code acc[(i * n + k) * 8 + l] = acc[(i * n + k) *
   * 8 + l] + ((double) s_l + (double) s_(l + 8))}. Entries of pairs {@code i > k} are left alone.
   * Each lane's chain is {@code width / 16} fused multiply-adds, each rounded once to float.
   *
   * @param block n rows of {@code width} floats, row after row
   * @param n the number of rows, a multiple of 4 (pad with zero rows)
   * @param width the coordinates per row, a positive multiple of {@link #GRAM_LANES} (pad with
   *     zeros)
   * @param acc the lane accumulators, at least {@code n * n * 8} long
   */
  void addGramBlock(float[] block, int n, int width, double[] acc);

  /**
   * Rounds a difference row to float for a float32 product: {@code out[outOffset + j] = w[wOffset +
   * j] - b[bOffset + j]}, the float subtraction (the same float as {@code (float) ((double) w -
   * (double) b)}), for {@code j} in {@code [0, length)}.
   *
   * @param w the weights
   * @param wOffset the first weight
   * @param b the base
   * @param bOffset the first base value
   * @param out receives the differences
   * @param outOffset the first output position
   * @param length how many
   * @return the largest absolute value written (0 for none), NaN if any value is NaN
   */
  float floatDifferences(
      float[] w, int wOffset, float[] b, int bOffset, float[] out, int outOffset, int length);
}
