package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatGram}'s fill rounds a difference row's value with the float subtraction {@code w -
 * b}; its error bound assumes {@code (float) ((double) w - b)}, the float rounding of the exact
 * update. The two are the same float (double rounding through 53 >= 2 * 24 + 2 bits is innocuous
 * for subtraction, Figueroa 1995): checked here bit for bit, by brute force, on random bit patterns
 * (every exponent gap, subnormals, infinities, NaN) and on the cases where the double subtraction
 * is inexact.
 */
final class FloatGramFillTest {
  private static void assertSame(float w, float b) {
    float viaDouble = (float) ((double) w - b);
    float direct = w - b;
    if (Float.isNaN(viaDouble)) {
      assertThat(direct).isNaN();
    } else {
      assertThat(Float.floatToRawIntBits(direct))
          .as("%s - %s", w, b)
          .isEqualTo(Float.floatToRawIntBits(viaDouble));
    }
  }

  @Test
  void floatSubtractionIsTheFloatRoundingOfTheExactDifference() {
    SplittableRandom rng = new SplittableRandom(15);
    for (int t = 0; t < 2_000_000; t++) {
      // any bit pattern: every exponent, subnormals, infinities and NaNs
      assertSame(Float.intBitsToFloat(rng.nextInt()), Float.intBitsToFloat(rng.nextInt()));
    }
    for (int t = 0; t < 2_000_000; t++) {
      // close exponents (gap 0 to 40), where the difference cancels or the double subtraction
      // stops being exact (gap above 28)
      float w = Float.intBitsToFloat(rng.nextInt(0x0080_0000, 0x7000_0000));
      int gap = rng.nextInt(41);
      int bits = Float.floatToRawIntBits(w) - (gap << 23) + rng.nextInt(-(1 << 22), 1 << 22);
      float b = Float.intBitsToFloat(Math.max(0, bits) | (rng.nextBoolean() ? 0x8000_0000 : 0));
      assertSame(w, b);
      assertSame(b, w);
    }
    float[] edge = {
      0f,
      -0f,
      Float.MIN_VALUE,
      Float.MIN_NORMAL,
      Float.MAX_VALUE,
      1f,
      Math.nextUp(1f),
      Math.nextDown(1f),
      0x1p-24f,
      0x1p-25f,
      0x1.000002p-25f,
      Float.POSITIVE_INFINITY
    };
    for (float w : edge) {
      for (float b : edge) {
        assertSame(w, b);
        assertSame(-w, b);
        assertSame(w, -b);
      }
    }
  }
}
