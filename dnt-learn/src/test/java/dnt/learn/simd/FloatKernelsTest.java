package dnt.learn.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the scalar kernels, bit for bit (the contract of {@link
 * FloatKernels}: same doubles, so the choice never changes a result), on random rows with every row
 * count from 1 to 17 (the unrolled 4 and 8 included), unit and other weights, ranges that start and
 * end off the vector length, and values chosen to expose a different operation order or a fused
 * multiply-add: signed zeros, subnormals, magnitudes near the float maximum whose sums overflow,
 * and near-cancelling differences. Equality is of the raw bits ({@code doubleToRawLongBits}), so
 * -0.0 against 0.0 and NaN payloads count as differences.
 */
final class FloatKernelsTest {
  private static FloatKernels vector() {
    // the tests run with --add-modules jdk.incubator.vector (parent POM's surefire argLine), so
    // the vector kernels must be there: a missing module would otherwise pass by comparing nothing
    return Kernels.vector().orElseThrow(() -> new AssertionError("jdk.incubator.vector missing"));
  }

  private static float value(SplittableRandom random, int kind) {
    return switch (kind) {
      case 0 -> (float) random.nextGaussian();
      case 1 -> random.nextBoolean() ? 0.0f : -0.0f;
      case 2 -> Float.MIN_VALUE * random.nextInt(1, 1 << 20) * (random.nextBoolean() ? 1 : -1);
      case 3 -> (random.nextBoolean() ? 1 : -1) * Float.MAX_VALUE * (float) random.nextDouble();
      case 4 -> 1.0f + Math.ulp(1.0f) * random.nextInt(-4, 5);
      default -> (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-60, 60)));
    };
  }

  private static float[] row(SplittableRandom random, int length, int kind) {
    float[] r = new float[length];
    for (int j = 0; j < length; j++) {
      r[j] = value(random, kind < 0 ? random.nextInt(6) : kind);
    }
    return r;
  }

  private static void assertSameBits(double[] expected, double[] actual, String what) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int j = 0; j < expected.length; j++) {
      if (Double.doubleToRawLongBits(expected[j]) != Double.doubleToRawLongBits(actual[j])) {
        throw new AssertionError(
            what + ": coordinate " + j + ": scalar " + expected[j] + ", vector " + actual[j]);
      }
    }
  }

  @Test
  void addDifferencesIsTheScalarKernelsBitForBit() {
    FloatKernels vector = vector();
    SplittableRandom random = new SplittableRandom(15);
    int cases = 0;
    for (int count = 1; count <= 17; count++) {
      for (int kind = -1; kind < 6; kind++) {
        for (boolean unit : new boolean[] {true, false}) {
          int length = random.nextInt(1, 300);
          int from = random.nextInt(0, Math.min(length, 20));
          int to = random.nextInt(from, length + 1);
          float[] base = row(random, length, kind);
          float[][] rows = new float[count][];
          for (int k = 0; k < count; k++) {
            rows[k] = row(random, length, kind);
          }
          double[] weights = null;
          if (!unit) {
            weights = new double[count];
            for (int k = 0; k < count; k++) {
              weights[k] = random.nextInt(4) == 0 ? 1.0 : random.nextDouble(0.0, 1000.0);
            }
          }
          double[] start = new double[length];
          for (int j = 0; j < length; j++) {
            start[j] = kind == 1 ? -0.0 : random.nextGaussian() * 1e3;
          }
          double[] expected = start.clone();
          double[] actual = start.clone();
          Kernels.scalar().addDifferences(base, rows, weights, expected, from, to);
          vector.addDifferences(base, rows, weights, actual, from, to);
          assertSameBits(
              expected,
              actual,
              "rows " + count + ", kind " + kind + ", unit " + unit + ", [" + from + ", " + to
                  + ")");
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(17 * 7 * 2);
  }

  @Test
  void scalarKernelsMatchAHandWorkedSum() {
    // 8 rows (the unrolled path): (2 - 1) + (3 - 1) + ... + (9 - 1) = 36 with unit weights, and
    // sum_k (k + 1) * k for k = 1..8 = 240 with weights k + 1; all exact in double
    float[] base = {1f};
    float[][] rows = new float[8][];
    double[] weights = new double[8];
    for (int k = 0; k < 8; k++) {
      rows[k] = new float[] {k + 2};
      weights[k] = k + 2;
    }
    for (FloatKernels kernels : new FloatKernels[] {Kernels.scalar(), vector()}) {
      double[] unit = {0.5};
      kernels.addDifferences(base, rows, null, unit, 0, 1);
      assertThat(unit[0]).isEqualTo(36.5);
      double[] weighted = {0};
      kernels.addDifferences(base, rows, weights, weighted, 0, 1);
      assertThat(weighted[0]).isEqualTo(240.0);
    }
  }

  @Test
  void differencesAreTheScalarKernelsBitForBit() {
    FloatKernels vector = vector();
    SplittableRandom random = new SplittableRandom(16);
    for (int kind = -1; kind < 6; kind++) {
      for (int trial = 0; trial < 20; trial++) {
        int length = random.nextInt(0, 300);
        int wOffset = random.nextInt(0, 9);
        int bOffset = random.nextInt(0, 9);
        int outOffset = random.nextInt(0, 9);
        float[] w = row(random, wOffset + length, kind);
        float[] b = row(random, bOffset + length, kind);
        double[] expected = new double[outOffset + length + 3];
        java.util.Arrays.fill(expected, Double.NaN);
        double[] actual = expected.clone();
        Kernels.scalar().differences(w, wOffset, b, bOffset, expected, outOffset, length);
        vector.differences(w, wOffset, b, bOffset, actual, outOffset, length);
        assertSameBits(expected, actual, "kind " + kind + ", length " + length);
      }
    }
    // hand-worked: 3 - 1 = 2 and -0 - 0 = -0, the first output untouched
    double[] out = {7, 7, 7};
    vector.differences(new float[] {3f, -0.0f}, 0, new float[] {1f, 0f}, 0, out, 1, 2);
    assertThat(out[0]).isEqualTo(7.0);
    assertThat(out[1]).isEqualTo(2.0);
    assertThat(Double.doubleToRawLongBits(out[2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void addMaskedIsTheScalarKernelsBitForBit() {
    FloatKernels vector = vector();
    SplittableRandom random = new SplittableRandom(17);
    for (int kind = -1; kind < 6; kind++) {
      for (int trial = 0; trial < 20; trial++) {
        int length = random.nextInt(1, 300);
        int from = random.nextInt(0, Math.min(length, 20));
        int to = random.nextInt(from, length + 1);
        float[] w = row(random, length, kind);
        float[] b = row(random, length, kind);
        if (trial % 5 == 0) {
          w[random.nextInt(length)] = Float.NaN;
        }
        double[] lo = new double[length];
        double[] hi = new double[length];
        for (int j = 0; j < length; j++) {
          // bands around the values, so that about half the coordinates are in; some exactly at
          // a value (inclusive ends), some empty
          double x = (double) w[j] - b[j];
          double u = random.nextDouble();
          lo[j] = u < 0.2 ? x : x - Math.abs(x) * random.nextDouble(-1, 1);
          hi[j] = u > 0.8 ? x : lo[j] + Math.abs(x) * random.nextDouble(-0.5, 2);
        }
        double a = random.nextBoolean() ? 1.0 : random.nextDouble(0, 5);
        double[] num = new double[to - from];
        double[] den = new double[to - from];
        for (int j = 0; j < num.length; j++) {
          // a -0.0 accumulator: the scalar code's "+ 0.0" for an excluded coordinate makes it +0.0
          num[j] = random.nextInt(3) == 0 ? -0.0 : random.nextGaussian();
          den[j] = random.nextInt(3) == 0 ? -0.0 : random.nextDouble();
        }
        double[] num2 = num.clone();
        double[] den2 = den.clone();
        Kernels.scalar().addMasked(w, b, lo, hi, a, num, den, from, to);
        vector.addMasked(w, b, lo, hi, a, num2, den2, from, to);
        assertSameBits(num, num2, "numerators, kind " + kind + ", trial " + trial);
        assertSameBits(den, den2, "denominators, kind " + kind + ", trial " + trial);
      }
    }
    // hand-worked: x = 2 - 1 = 1 in [0, 1] adds 3 * 1 and 3; x = 5 - 1 = 4 outside adds +0.0,
    // which turns the -0.0 accumulators into +0.0
    float[] w = {2f, 5f};
    float[] b = {1f, 1f};
    for (FloatKernels kernels : new FloatKernels[] {Kernels.scalar(), vector}) {
      double[] num = {1, -0.0};
      double[] den = {0, -0.0};
      kernels.addMasked(w, b, new double[] {0, 0}, new double[] {1, 1}, 3, num, den, 0, 2);
      assertThat(num[0]).isEqualTo(4.0);
      assertThat(den[0]).isEqualTo(3.0);
      assertThat(Double.doubleToRawLongBits(num[1])).isZero();
      assertThat(Double.doubleToRawLongBits(den[1])).isZero();
    }
  }

  @Test
  void thePropertyPicksTheImplementation() {
    assertThat(Kernels.choose("scalar").name()).isEqualTo("scalar");
    assertThat(Kernels.choose(" Vector ").name()).isEqualTo("vector");
    assertThat(Kernels.choose(null).name()).isEqualTo("vector");
    assertThat(Kernels.choose("auto").name()).isEqualTo("vector");
    assertThat(Kernels.get().name()).isEqualTo("vector");
    assertThatThrownBy(() -> Kernels.choose("simd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("-Ddnt.simd must be auto, scalar or vector, not 'simd'");
  }
}
