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
}
