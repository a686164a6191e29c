package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Eisel-Lemire conversion gives the bits {@link Double#parseDouble} gives, or declines (NaN),
 * on random significands of up to 18 digits over the whole exponent range and on known hard cases
 * (halfway points, round-to-even, the carry into the next power of two).
 */
final class DecimalToDoubleTest {
  private static void assertSameAsParseDouble(long w, int q) {
    double got = DecimalToDouble.toDouble(w, q);
    if (!Double.isNaN(got)) {
      String text = w + "e" + q;
      assertThat(Double.doubleToRawLongBits(got))
          .as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void randomSignificandsAndExponentsGiveTheBitsOfParseDouble() {
    SplittableRandom rnd = new SplittableRandom(3);
    int decided = 0;
    for (int i = 0; i < 1_000_000; i++) {
      long w = rnd.nextLong(1, 1_000_000_000_000_000_000L);
      int q = i % 2 == 0 ? rnd.nextInt(-30, 30) : rnd.nextInt(-342, 309);
      assertSameAsParseDouble(w, q);
      decided += Double.isNaN(DecimalToDouble.toDouble(w, q)) ? 0 : 1;
    }
    // it declines only subnormal and overflowing results: a mostly 18-digit significand gives
    // about 10^(q + 17), below 10^-308 or above 10^308 for 34 of the 651 exponents of the half
    // drawn over [-342, 308], so about 2.6 % of all draws (26,000)
    assertThat(decided).isGreaterThan(950_000);
  }

  @Test
  void hardCasesGiveTheBitsOfParseDouble() {
    for (String s :
        new String[] {
          "9007199254740993", // 2^53 + 1: halfway, rounds to even
          "9007199254740995",
          "7.3177701707893310e15",
          "7.2057594037927933e16", // rounds up into the next power of two
          "1e23",
          "2.2250738585072014e-308", // the smallest normal
          "0.14186425470242922", // a value of the original files
          "11.028366381681026",
          "123456789012345678e-5"
        }) {
      BigDecimal d = new BigDecimal(s);
      assertSameAsParseDouble(d.unscaledValue().longValueExact(), -d.scale());
      assertThat(DecimalToDouble.toDouble(d.unscaledValue().longValueExact(), -d.scale()))
          .as(s)
          .isEqualTo(Double.parseDouble(s));
    }
    assertThat(DecimalToDouble.toDouble(0, 5)).isZero();
  }
}
