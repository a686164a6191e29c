package dnt.learn.simd;

import org.jspecify.annotations.Nullable;

/**
 * The kernels as plain Java loops: what C2 in JDK 17 compiles with the float-to-double conversion
 * one value at a time (docs/PERFORMANCE.md, "Robust aggregation"). Four and eight rows are unrolled
 * so that the accumulator and the base are read once per group of rows.
 */
public final class ScalarKernels implements FloatKernels {
  /** The one instance (the class has no state). */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void addDifferences(
      float[] base, float[][] rows, double @Nullable [] weights, double[] out, int from, int to) {
    if (rows.length == 8) {
      if (weights == null) {
        add8(base, rows, out, from, to);
      } else {
        add8(base, rows, weights, out, from, to);
      }
    } else if (rows.length == 4) {
      if (weights == null) {
        add4(base, rows, out, from, to);
      } else {
        add4(base, rows, weights, out, from, to);
      }
    } else if (rows.length == 1 && weights != null) {
      float[] w = rows[0];
      double s = weights[0];
      for (int j = from; j < to; j++) {
        out[j] += s * ((double) w[j] - base[j]);
      }
    } else {
      for (int j = from; j < to; j++) {
        double bj = base[j];
        double s = out[j];
        for (int k = 0; k < rows.length; k++) {
          s += weights == null ? rows[k][j] - bj : weights[k] * (rows[k][j] - bj);
        }
        out[j] = s;
      }
    }
  }

  @Override
  public void differences(
      float[] w, int wOffset, float[] b, int bOffset, double[] out, int outOffset, int length) {
    for (int j = 0; j < length; j++) {
      out[outOffset + j] = (double) w[wOffset + j] - b[bOffset + j];
    }
  }

  @Override
  public void addMasked(
      float[] w,
      float[] b,
      double[] lo,
      double[] hi,
      double a,
      double[] num,
      double[] den,
      int from,
      int to) {
    for (int j = from; j < to; j++) {
      double x = (double) w[j] - b[j];
      boolean in = x >= lo[j] && x <= hi[j];
      num[j - from] += in ? a * x : 0.0;
      den[j - from] += in ? a : 0.0;
    }
  }

  private static void add8(float[] b, float[][] rows, double[] out, int from, int to) {
    float[] r0 = rows[0];
    float[] r1 = rows[1];
    float[] r2 = rows[2];
    float[] r3 = rows[3];
    float[] r4 = rows[4];
    float[] r5 = rows[5];
    float[] r6 = rows[6];
    float[] r7 = rows[7];
    for (int j = from; j < to; j++) {
      double bj = b[j];
      double s = out[j];
      s += r0[j] - bj;
      s += r1[j] - bj;
      s += r2[j] - bj;
      s += r3[j] - bj;
      s += r4[j] - bj;
      s += r5[j] - bj;
      s += r6[j] - bj;
      s += r7[j] - bj;
      out[j] = s;
    }
  }

  private static void add8(float[] b, float[][] rows, double[] w, double[] out, int from, int to) {
    float[] r0 = rows[0];
    float[] r1 = rows[1];
    float[] r2 = rows[2];
    float[] r3 = rows[3];
    float[] r4 = rows[4];
    float[] r5 = rows[5];
    float[] r6 = rows[6];
    float[] r7 = rows[7];
    double w0 = w[0];
    double w1 = w[1];
    double w2 = w[2];
    double w3 = w[3];
    double w4 = w[4];
    double w5 = w[5];
    double w6 = w[6];
    double w7 = w[7];
    for (int j = from; j < to; j++) {
      double bj = b[j];
      double s = out[j];
      s += w0 * (r0[j] - bj);
      s += w1 * (r1[j] - bj);
      s += w2 * (r2[j] - bj);
      s += w3 * (r3[j] - bj);
      s += w4 * (r4[j] - bj);
      s += w5 * (r5[j] - bj);
      s += w6 * (r6[j] - bj);
      s += w7 * (r7[j] - bj);
      out[j] = s;
    }
  }

  private static void add4(float[] b, float[][] rows, double[] out, int from, int to) {
    float[] r0 = rows[0];
    float[] r1 = rows[1];
    float[] r2 = rows[2];
    float[] r3 = rows[3];
    for (int j = from; j < to; j++) {
      double bj = b[j];
      double s = out[j];
      s += r0[j] - bj;
      s += r1[j] - bj;
      s += r2[j] - bj;
      s += r3[j] - bj;
      out[j] = s;
    }
  }

  private static void add4(float[] b, float[][] rows, double[] w, double[] out, int from, int to) {
    float[] r0 = rows[0];
    float[] r1 = rows[1];
    float[] r2 = rows[2];
    float[] r3 = rows[3];
    double w0 = w[0];
    double w1 = w[1];
    double w2 = w[2];
    double w3 = w[3];
    for (int j = from; j < to; j++) {
      double bj = b[j];
      double s = out[j];
      s += w0 * (r0[j] - bj);
      s += w1 * (r1[j] - bj);
      s += w2 * (r2[j] - bj);
      s += w3 * (r3[j] - bj);
      out[j] = s;
    }
  }

  /** The scalar loop is the contract's reference, not a fast route to the Gram matrix. */
  @Override
  public boolean fastGram() {
    return false;
  }

  @Override
  public void addGramBlock(float[] block, int n, int width, double[] acc) {
    checkGramBlock(block, n, width, acc);
    float[] s = new float[GRAM_LANES];
    int half = GRAM_LANES / 2;
    for (int i = 0; i < n; i++) {
      int a = i * width;
      for (int k = i; k < n; k++) {
        int b = k * width;
        for (int l = 0; l < GRAM_LANES; l++) {
          s[l] = 0.0f;
        }
        for (int j = 0; j < width; j++) {
          int l = j % GRAM_LANES;
          s[l] = Math.fma(block[a + j], block[b + j], s[l]);
        }
        int o = (i * n + k) * half;
        for (int l = 0; l < half; l++) {
          acc[o + l] += (double) s[l] + (double) s[l + half];
        }
      }
    }
  }

  /**
   * Checks {@link #addGramBlock}'s shape arguments (shared with the vector implementation).
   *
   * @param block the block
   * @param n the rows
   * @param width the coordinates per row
   * @param acc the lane accumulators
   * @throws IllegalArgumentException if n is not a multiple of 4, width not a positive multiple of
   *     {@link #GRAM_LANES}, or an array too short
   */
  public static void checkGramBlock(float[] block, int n, int width, double[] acc) {
    if (n < 0 || n % 4 != 0 || width <= 0 || width % GRAM_LANES != 0) {
      throw new IllegalArgumentException(
          "a Gram block needs n a multiple of 4 and width a positive multiple of "
              + GRAM_LANES
              + ", got n = "
              + n
              + ", width = "
              + width);
    }
    if (block.length < (long) n * width || acc.length < (long) n * n * (GRAM_LANES / 2)) {
      throw new IllegalArgumentException(
          "a Gram block of "
              + n
              + " rows of "
              + width
              + " needs "
              + (long) n * width
              + " floats and "
              + (long) n * n * (GRAM_LANES / 2)
              + " accumulators, got "
              + block.length
              + " and "
              + acc.length);
    }
  }

  @Override
  public float floatDifferences(
      float[] w, int wOffset, float[] b, int bOffset, float[] out, int outOffset, int length) {
    float max = 0;
    for (int j = 0; j < length; j++) {
      float v = w[wOffset + j] - b[bOffset + j];
      out[outOffset + j] = v;
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
