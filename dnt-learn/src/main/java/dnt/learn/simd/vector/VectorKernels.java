package dnt.learn.simd.vector;

import dnt.learn.simd.FloatKernels;
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
 * scalar expressions.
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
}
