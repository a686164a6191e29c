package dnt.learn.simd.vector;

import dnt.learn.simd.FloatKernels;
import dnt.learn.simd.ScalarKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * {@link FloatKernels} on the incubating Vector API (JEP 414 in JDK 17). The loops of {@link
 * dnt.learn.simd.ScalarKernels} spend most of their time converting floats to doubles, which C2 in
 * JDK 17 does one value at a time; here a whole vector of float lanes is widened at once ({@code
 * convertShape(F2D)}, e.g. {@code vcvtps2pd}) and the double operations of the scalar loop follow,
 * lane by lane, in the same order: each lane computes the same rounded double operations as the
 * scalar loop does for its coordinate (widening is exact; add, subtract and multiply are the
 * correctly rounded IEEE operations in both; no lane-crossing reduction and no fused multiply-add),
 * so the results are identical bit for bit. Coordinates past the last whole vector go through the
 * scalar expressions. The Gram block ({@link #addGramBlock}) is float work whose contract itself is
 * made of fused multiply-adds, lane for lane those of the scalar reference.
 *
 * <p>Instantiated only by {@link dnt.learn.simd.Kernels}, when {@code jdk.incubator.vector} is
 * resolved.
 */
public final class VectorKernels implements FloatKernels {
  /** As many double lanes as the platform's preferred vector holds (8 with AVX-512). */
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  /** Float lanes, as many as {@link #D} has, in half its bits. */
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  /** Public for {@link dnt.learn.simd.Kernels}' reflective construction. */
  public VectorKernels() {}

  @Override
  public String name() {
    return "vector";
  }

  private static DoubleVector widen(float[] a, int j) {
    return (DoubleVector) FloatVector.fromArray(F, a, j).convertShape(VectorOperators.F2D, D, 0);
  }

  @Override
  public void addDifferences(
      float[] base, float[][] rows, double @Nullable [] weights, double[] out, int from, int to) {
    int n = rows.length;
    int step = D.length();
    int j = from;
    int bound = from + D.loopBound(to - from);
    if (weights == null) {
      for (; j < bound; j += step) {
        DoubleVector b = widen(base, j);
        DoubleVector s = DoubleVector.fromArray(D, out, j);
        for (int k = 0; k < n; k++) {
          s = s.add(widen(rows[k], j).sub(b));
        }
        s.intoArray(out, j);
      }
      for (; j < to; j++) {
        double bj = base[j];
        double s = out[j];
        for (int k = 0; k < n; k++) {
          s += rows[k][j] - bj;
        }
        out[j] = s;
      }
    } else {
      for (; j < bound; j += step) {
        DoubleVector b = widen(base, j);
        DoubleVector s = DoubleVector.fromArray(D, out, j);
        for (int k = 0; k < n; k++) {
          s = s.add(widen(rows[k], j).sub(b).mul(weights[k]));
        }
        s.intoArray(out, j);
      }
      for (; j < to; j++) {
        double bj = base[j];
        double s = out[j];
        for (int k = 0; k < n; k++) {
          s += weights[k] * (rows[k][j] - bj);
        }
        out[j] = s;
      }
    }
  }

  @Override
  public void differences(
      float[] w, int wOffset, float[] b, int bOffset, double[] out, int outOffset, int length) {
    int step = D.length();
    int j = 0;
    int bound = D.loopBound(length);
    for (; j < bound; j += step) {
      widen(w, wOffset + j).sub(widen(b, bOffset + j)).intoArray(out, outOffset + j);
    }
    for (; j < length; j++) {
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
    int step = D.length();
    int j = from;
    int bound = from + D.loopBound(to - from);
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector weight = DoubleVector.broadcast(D, a);
    for (; j < bound; j += step) {
      DoubleVector x = widen(w, j).sub(widen(b, j));
      VectorMask<Double> in =
          x.compare(VectorOperators.GE, DoubleVector.fromArray(D, lo, j))
              .and(x.compare(VectorOperators.LE, DoubleVector.fromArray(D, hi, j)));
      int k = j - from;
      // blend keeps 0.0 where the coordinate is out, and the 0.0 is then added, as in the scalar
      // expression (a masked add would keep a -0.0 accumulator that the scalar code turns to +0.0)
      DoubleVector.fromArray(D, num, k).add(zero.blend(x.mul(a), in)).intoArray(num, k);
      DoubleVector.fromArray(D, den, k).add(zero.blend(weight, in)).intoArray(den, k);
    }
    for (; j < to; j++) {
      double x = (double) w[j] - b[j];
      boolean in = x >= lo[j] && x <= hi[j];
      num[j - from] += in ? a * x : 0.0;
      den[j - from] += in ? a : 0.0;
    }
  }

  /** Sixteen float lanes, the Gram kernel's (512 bits; intrinsified only with AVX-512). */
  private static final VectorSpecies<Float> F16 = FloatVector.SPECIES_512;

  /** Eight double lanes, for widening the Gram kernel's float lanes. */
  private static final VectorSpecies<Double> D8 = DoubleVector.SPECIES_512;

  /** Whether the platform's preferred vectors hold the Gram kernel's 16 float lanes. */
  private static final boolean WIDE =
      FloatVector.SPECIES_PREFERRED.length() >= FloatKernels.GRAM_LANES;

  @Override
  public boolean fastGram() {
    return WIDE;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Register tiles of 4 by 4 rows: per 16 coordinates, 8 vector loads and 16 fused multiply-adds
   * into 16 float accumulators (one per pair, one lane per coordinate residue), each a {@code
   * FloatVector.fma}, the same correctly rounded operation as {@code Math.fma} in its lane; at the
   * end of the block each accumulator is widened in two halves ({@code convertShape(F2D)}, parts 0
   * and 1: lanes 0 to 7 and 8 to 15), the halves added and the sum added to the pair's eight double
   * lanes. Without 16-lane vectors the scalar loop runs (the same values).
   */
  @Override
  public void addGramBlock(float[] block, int n, int width, double[] acc) {
    ScalarKernels.checkGramBlock(block, n, width, acc);
    if (!WIDE) {
      ScalarKernels.INSTANCE.addGramBlock(block, n, width, acc);
      return;
    }
    // the tiles' accumulators leave the loop through this array, not as vector objects: handed
    // to the flush as vectors they were boxed, one float[16] each, 423 MB per Krum call at
    // n = 100 and d = 10^6 (JMH -prof gc), and forcing the flush inline did not prevent it
    float[] sums = new float[16 * F16.length()];
    for (int i0 = 0; i0 < n; i0 += 4) {
      for (int k0 = i0; k0 < n; k0 += 4) {
        gramTile(block, n, width, i0, k0, acc, sums);
      }
    }
  }

  private static void gramTile(
      float[] x, int n, int width, int i0, int k0, double[] acc, float[] sums) {
    int a0 = i0 * width;
    int a1 = a0 + width;
    int a2 = a1 + width;
    int a3 = a2 + width;
    int b0 = k0 * width;
    int b1 = b0 + width;
    int b2 = b1 + width;
    int b3 = b2 + width;
    FloatVector zero = FloatVector.zero(F16);
    FloatVector s00 = zero;
    FloatVector s01 = zero;
    FloatVector s02 = zero;
    FloatVector s03 = zero;
    FloatVector s10 = zero;
    FloatVector s11 = zero;
    FloatVector s12 = zero;
    FloatVector s13 = zero;
    FloatVector s20 = zero;
    FloatVector s21 = zero;
    FloatVector s22 = zero;
    FloatVector s23 = zero;
    FloatVector s30 = zero;
    FloatVector s31 = zero;
    FloatVector s32 = zero;
    FloatVector s33 = zero;
    for (int j = 0; j < width; j += 16) {
      FloatVector x0 = FloatVector.fromArray(F16, x, a0 + j);
      FloatVector x1 = FloatVector.fromArray(F16, x, a1 + j);
      FloatVector x2 = FloatVector.fromArray(F16, x, a2 + j);
      FloatVector x3 = FloatVector.fromArray(F16, x, a3 + j);
      FloatVector y0 = FloatVector.fromArray(F16, x, b0 + j);
      FloatVector y1 = FloatVector.fromArray(F16, x, b1 + j);
      FloatVector y2 = FloatVector.fromArray(F16, x, b2 + j);
      FloatVector y3 = FloatVector.fromArray(F16, x, b3 + j);
      s00 = x0.fma(y0, s00);
      s01 = x0.fma(y1, s01);
      s02 = x0.fma(y2, s02);
      s03 = x0.fma(y3, s03);
      s10 = x1.fma(y0, s10);
      s11 = x1.fma(y1, s11);
      s12 = x1.fma(y2, s12);
      s13 = x1.fma(y3, s13);
      s20 = x2.fma(y0, s20);
      s21 = x2.fma(y1, s21);
      s22 = x2.fma(y2, s22);
      s23 = x2.fma(y3, s23);
      s30 = x3.fma(y0, s30);
      s31 = x3.fma(y1, s31);
      s32 = x3.fma(y2, s32);
      s33 = x3.fma(y3, s33);
    }
    s00.intoArray(sums, 0);
    s01.intoArray(sums, 16);
    s02.intoArray(sums, 32);
    s03.intoArray(sums, 48);
    s10.intoArray(sums, 64);
    s11.intoArray(sums, 80);
    s12.intoArray(sums, 96);
    s13.intoArray(sums, 112);
    s20.intoArray(sums, 128);
    s21.intoArray(sums, 144);
    s22.intoArray(sums, 160);
    s23.intoArray(sums, 176);
    s30.intoArray(sums, 192);
    s31.intoArray(sums, 208);
    s32.intoArray(sums, 224);
    s33.intoArray(sums, 240);
    boolean full = i0 != k0;
    int r0 = i0 * n + k0;
    int r1 = r0 + n;
    int r2 = r1 + n;
    int r3 = r2 + n;
    flushGram(sums, 0, acc, r0);
    flushGram(sums, 16, acc, r0 + 1);
    flushGram(sums, 32, acc, r0 + 2);
    flushGram(sums, 48, acc, r0 + 3);
    if (full) {
      flushGram(sums, 64, acc, r1);
    }
    flushGram(sums, 80, acc, r1 + 1);
    flushGram(sums, 96, acc, r1 + 2);
    flushGram(sums, 112, acc, r1 + 3);
    if (full) {
      flushGram(sums, 128, acc, r2);
      flushGram(sums, 144, acc, r2 + 1);
    }
    flushGram(sums, 160, acc, r2 + 2);
    flushGram(sums, 176, acc, r2 + 3);
    if (full) {
      flushGram(sums, 192, acc, r3);
      flushGram(sums, 208, acc, r3 + 1);
      flushGram(sums, 224, acc, r3 + 2);
    }
    flushGram(sums, 240, acc, r3 + 3);
  }

  /**
   * Adds the widened halves of a pair's float lanes, stored at {@code at} of the tile's array, to
   * its eight double lanes: one 16-lane load, then {@code convertShape} parts 0 and 1 (two 8-lane
   * loads instead were four times slower in thread CPU in an earlier micro-benchmark).
   */
  private static void flushGram(float[] sums, int at, double[] acc, int pair) {
    FloatVector s = FloatVector.fromArray(F16, sums, at);
    int o = pair * 8;
    DoubleVector lo = (DoubleVector) s.convertShape(VectorOperators.F2D, D8, 0);
    DoubleVector hi = (DoubleVector) s.convertShape(VectorOperators.F2D, D8, 1);
    DoubleVector.fromArray(D8, acc, o).add(lo.add(hi)).intoArray(acc, o);
  }

  /** The platform's preferred float vectors, for the float-only fill. */
  private static final VectorSpecies<Float> FP = FloatVector.SPECIES_PREFERRED;

  /**
   * {@inheritDoc}
   *
   * <p>Lane-wise subtraction (the same IEEE operation as the scalar one) and a lane-wise maximum of
   * the absolute values ({@code Math.max}'s semantics, so a NaN stays in its lane), reduced at the
   * end; a NaN anywhere gives NaN.
   */
  @Override
  public float floatDifferences(
      float[] w, int wOffset, float[] b, int bOffset, float[] out, int outOffset, int length) {
    int step = FP.length();
    int j = 0;
    int bound = FP.loopBound(length);
    FloatVector m = FloatVector.zero(FP);
    for (; j < bound; j += step) {
      FloatVector v =
          FloatVector.fromArray(FP, w, wOffset + j).sub(FloatVector.fromArray(FP, b, bOffset + j));
      v.intoArray(out, outOffset + j);
      m = m.max(v.abs());
    }
    float max =
        m.test(VectorOperators.IS_NAN).anyTrue() ? Float.NaN : m.reduceLanes(VectorOperators.MAX);
    for (; j < length; j++) {
      float v = w[wOffset + j] - b[bOffset + j];
      out[outOffset + j] = v;
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
