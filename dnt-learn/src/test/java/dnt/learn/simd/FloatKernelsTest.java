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
