package dnt.learn.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatKernels#addGramBlock} and {@link FloatKernels#floatDifferences} (the Gram matrix's
 * fill): the Vector API kernels against the scalar reference bit for bit (raw bits of every
 * accumulator, the lower triangle's untouched ones included; any NaN for a NaN, whose payload is
 * not part of the contract), on random blocks with signed zeros, subnormals, magnitudes whose
 * products overflow float, NaN and near-cancelling chains; and the contract itself on hand-worked
 * blocks (which lane a coordinate lands in, the pairing {@code s_l + s_(l+8)}, one rounding per
 * fused multiply-add).
 */
final class GramBlockKernelTest {
  private static FloatKernels vector() {
    // the tests run with --add-modules jdk.incubator.vector (parent POM's surefire argLine)
    return Kernels.vector().orElseThrow(() -> new AssertionError("jdk.incubator.vector missing"));
  }

  private static float value(SplittableRandom random, int kind) {
    return switch (kind) {
      case 0 -> (float) random.nextGaussian();
      case 1 -> random.nextBoolean() ? 0.0f : -0.0f;
      case 2 -> Float.MIN_VALUE * random.nextInt(1, 1 << 20) * (random.nextBoolean() ? 1 : -1);
      case 3 -> (random.nextBoolean() ? 1 : -1) * 0x1p64f * (float) random.nextDouble();
      case 4 -> 1.0f + Math.ulp(1.0f) * random.nextInt(-4, 5) * (random.nextBoolean() ? 1 : -1);
      case 5 -> random.nextInt(1000) == 0 ? Float.NaN : (float) random.nextGaussian();
      default -> (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-70, 60)));
    };
  }

  private static double[] accumulators(SplittableRandom random, int n) {
    double[] acc = new double[n * n * 8];
    for (int e = 0; e < acc.length; e++) {
      acc[e] =
          switch (random.nextInt(4)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            default -> random.nextGaussian() * Math.pow(2, random.nextInt(-30, 30));
          };
    }
    return acc;
  }

  private static void assertSameBits(double[] expected, double[] actual, String what) {
    for (int e = 0; e < expected.length; e++) {
      if (Double.isNaN(expected[e]) && Double.isNaN(actual[e])) {
        continue; // a NaN's payload may follow the operand order (x86 returns the first NaN)
      }
      if (Double.doubleToRawLongBits(expected[e]) != Double.doubleToRawLongBits(actual[e])) {
        throw new AssertionError(
            what + ": accumulator " + e + ": scalar " + expected[e] + ", vector " + actual[e]);
      }
    }
  }

  @Test
  void theVectorKernelIsTheScalarReferenceBitForBit() {
    FloatKernels vector = vector();
    SplittableRandom random = new SplittableRandom(16);
    int cases = 0;
    for (int n : new int[] {4, 8, 12, 20}) {
      for (int width : new int[] {16, 32, 48, 256, 1024}) {
        for (int kind = -1; kind < 7; kind++) {
          float[] block = new float[n * width];
          for (int e = 0; e < block.length; e++) {
            block[e] = value(random, kind < 0 ? random.nextInt(7) : kind);
          }
          double[] acc = accumulators(random, n);
          double[] expected = acc.clone();
          ScalarKernels.INSTANCE.addGramBlock(block, n, width, expected);
          vector.addGramBlock(block, n, width, acc);
          assertSameBits(expected, acc, "n " + n + ", width " + width + ", kind " + kind);
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(4 * 5 * 8);
  }

  @Test
  void overflowingProductsGiveTheSameInfinitiesAndNaNs() {
    FloatKernels vector = vector();
    int n = 4;
    int width = 32;
    float[] block = new float[n * width];
    block[0] = 0x1p100f; // row 0, lane 0: its square overflows float to +infinity
    block[width + 16] = -0x1p100f; // row 1, lane 0 again (coordinate 16)
    block[2 * width + 16] = 0x1p100f; // row 2: G_12 lane 0 is -infinity, G_22 +infinity
    block[3 * width + 5] = Float.NaN;
    double[] expected = new double[n * n * 8];
    double[] actual = new double[n * n * 8];
    ScalarKernels.INSTANCE.addGramBlock(block, n, width, expected);
    vector.addGramBlock(block, n, width, actual);
    assertSameBits(expected, actual, "overflow");
    assertThat(expected[0]).isEqualTo(Double.POSITIVE_INFINITY); // G_00, lane 0
    assertThat(expected[(1 * n + 2) * 8]).isEqualTo(Double.NEGATIVE_INFINITY); // G_12
    assertThat(expected[(3 * n + 3) * 8 + 5]).isNaN(); // G_33, lane 5
  }

  @Test
  void handWorkedBlock() {
    // width 32: lane l holds coordinates l and l + 16; the pair's eight double lanes get
    // s_l + s_(l+8). Row 0 all ones, row 1 = j, row 2 all twos, row 3 zeros.
    int n = 4;
    int width = 32;
    float[] block = new float[n * width];
    for (int j = 0; j < width; j++) {
      block[j] = 1;
      block[width + j] = j;
      block[2 * width + j] = 2;
    }
    for (FloatKernels kernels : new FloatKernels[] {ScalarKernels.INSTANCE, vector()}) {
      double[] acc = new double[n * n * 8];
      kernels.addGramBlock(block, n, width, acc);
      for (int l = 0; l < 8; l++) {
        // G_01: s_l = l + (l + 16) = 2l + 16, paired with s_(l+8) = 2l + 32: 4l + 48
        assertThat(acc[(1) * 8 + l]).isEqualTo(4 * l + 48);
        // G_11: l^2 + (l+16)^2 + (l+8)^2 + (l+24)^2
        double sq = l * l + (l + 16) * (l + 16) + (l + 8) * (l + 8) + (l + 24) * (l + 24);
        assertThat(acc[(n + 1) * 8 + l]).isEqualTo(sq);
        // G_02: four products 1 * 2 per double lane; G_33 and G_03: zero
        assertThat(acc[2 * 8 + l]).isEqualTo(8);
        assertThat(acc[(3 * n + 3) * 8 + l]).isZero();
        // the lower triangle is left alone
        assertThat(acc[(1 * n) * 8 + l]).isZero();
      }
      double g01 = 0;
      for (int l = 0; l < 8; l++) {
        g01 += acc[8 + l];
      }
      assertThat(g01).isEqualTo(31 * 32 / 2); // sum of j
    }
  }

  @Test
  void eachStepIsOneFusedMultiplyAdd() {
    // lane 0 of G_01: coordinate 0 gives -(1 + 2^-11) * 1, then coordinate 16 adds
    // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 in one rounding: exactly 2^-24; a rounded product
    // (1 + 2^-11, the tie to even) would leave 0
    int n = 4;
    int width = 32;
    float[] block = new float[n * width];
    block[0] = -(1 + 0x1p-11f);
    block[16] = 1 + 0x1p-12f;
    block[width] = 1;
    block[width + 16] = 1 + 0x1p-12f;
    for (FloatKernels kernels : new FloatKernels[] {ScalarKernels.INSTANCE, vector()}) {
      double[] acc = new double[n * n * 8];
      kernels.addGramBlock(block, n, width, acc);
      assertThat(acc[8]).isEqualTo(0x1p-24);
    }
  }

  @Test
  void badShapesAreRefused() {
    for (FloatKernels kernels : new FloatKernels[] {ScalarKernels.INSTANCE, vector()}) {
      assertThatThrownBy(() -> kernels.addGramBlock(new float[48], 3, 16, new double[72]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("multiple of 4");
      assertThatThrownBy(() -> kernels.addGramBlock(new float[80], 4, 20, new double[128]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("multiple of 16");
      assertThatThrownBy(() -> kernels.addGramBlock(new float[64], 4, 16, new double[127]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs");
    }
  }

  @Test
  void floatDifferencesAreTheScalarKernelsBitForBit() {
    FloatKernels vector = vector();
    SplittableRandom random = new SplittableRandom(17);
    int cases = 0;
    for (int length : new int[] {0, 1, 7, 15, 16, 17, 33, 1000, 1024}) {
      for (int kind = -1; kind < 7; kind++) {
        // offsets off the vector length, and w, b and out at different offsets
        int wOffset = random.nextInt(20);
        int bOffset = random.nextInt(20);
        int outOffset = random.nextInt(20);
        float[] w = new float[wOffset + length];
        float[] b = new float[bOffset + length];
        for (int j = 0; j < length; j++) {
          w[wOffset + j] = value(random, kind < 0 ? random.nextInt(7) : kind);
          b[bOffset + j] = value(random, kind < 0 ? random.nextInt(7) : kind);
        }
        float[] expected = new float[outOffset + length + 3];
        float[] actual = new float[outOffset + length + 3];
        float m =
            ScalarKernels.INSTANCE.floatDifferences(
                w, wOffset, b, bOffset, expected, outOffset, length);
        float v = vector.floatDifferences(w, wOffset, b, bOffset, actual, outOffset, length);
        String what = "length " + length + ", kind " + kind;
        for (int e = 0; e < expected.length; e++) {
          if (!(Float.isNaN(expected[e]) && Float.isNaN(actual[e]))) {
            assertThat(Float.floatToRawIntBits(actual[e]))
                .as("%s, position %d", what, e)
                .isEqualTo(Float.floatToRawIntBits(expected[e]));
          }
        }
        if (Float.isNaN(m)) {
          assertThat(v).as(what).isNaN();
        } else {
          assertThat(Float.floatToRawIntBits(v)).as(what).isEqualTo(Float.floatToRawIntBits(m));
        }
        cases++;
      }
    }
    assertThat(cases).isEqualTo(9 * 8);
  }

  @Test
  void floatDifferencesHandWorked() {
    // 1.5 - 0.25, -3 - 1 (the largest magnitude, 4), 0 - 0 (+0), -0 - 0 (-0), and 20 equal pairs
    // past the first vector
    float[] w = new float[24];
    float[] b = new float[24];
    w[0] = 1.5f;
    b[0] = 0.25f;
    w[1] = -3f;
    b[1] = 1f;
    w[3] = -0.0f;
    for (FloatKernels kernels : new FloatKernels[] {ScalarKernels.INSTANCE, vector()}) {
      float[] out = new float[24];
      assertThat(kernels.floatDifferences(w, 0, b, 0, out, 0, 24)).isEqualTo(4f);
      assertThat(out[0]).isEqualTo(1.25f);
      assertThat(out[1]).isEqualTo(-4f);
      assertThat(Float.floatToRawIntBits(out[2])).isZero();
      assertThat(Float.floatToRawIntBits(out[3])).isEqualTo(Float.floatToRawIntBits(-0.0f));
      w[20] = Float.NaN;
      assertThat(kernels.floatDifferences(w, 0, b, 0, out, 0, 24)).isNaN();
      w[20] = 0;
      w[5] = Float.NaN;
      assertThat(kernels.floatDifferences(w, 0, b, 0, out, 0, 24)).isNaN();
      w[5] = 0;
    }
  }
}
