package dnt.data.store;

import java.math.BigInteger;

/**
 * Decimal to binary floating point, correctly rounded, with the Eisel-Lemire algorithm: the
 * significand times a 128-bit truncated power of five, whose top 55 bits decide the rounding
 * (Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience 51(8),
 * 2021; Mushtak and Lemire, "Fast number parsing without fallback", Software: Practice and
 * Experience 53(6), 2023, which proves that the 128-bit product always suffices for up to 19
 * digits). Used by {@link SlotSumParser} for values of 16 to 18 significant digits, as in the
 * original Milan files; {@link Double#parseDouble} remains the reference (tests compare both).
 */
final class DecimalToDouble {
  /** The smallest decimal exponent of the table: below it every significand gives 0. */
  private static final int MIN_Q = -342;

  private static final int MAX_Q = 308;

  /**
   * For each q, 5^q (q >= 0) or 2^b / 5^-q + 1 (q < 0) normalised into [2^127, 2^128) and
   * truncated: the high and the low 64 bits (the table of fast_float's generation script).
   */
  private static final long[] HI = new long[MAX_Q - MIN_Q + 1];

  private static final long[] LO = new long[MAX_Q - MIN_Q + 1];

  static {
    BigInteger two128 = BigInteger.ONE.shiftLeft(128);
    BigInteger two127 = BigInteger.ONE.shiftLeft(127);
    BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int q = MIN_Q; q <= MAX_Q; q++) {
      BigInteger c;
      if (q < 0) {
        BigInteger power5 = BigInteger.valueOf(5).pow(-q);
        int z = power5.subtract(BigInteger.ONE).bitLength(); // smallest z with 2^z >= power5
        int b = q >= -27 ? z + 127 : 2 * z + 128;
        c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      } else {
        c = BigInteger.valueOf(5).pow(q);
        while (c.compareTo(two127) < 0) {
          c = c.shiftLeft(1);
        }
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      }
      HI[q - MIN_Q] = c.shiftRight(64).longValue();
      LO[q - MIN_Q] = c.and(mask).longValue();
    }
  }

  private static long multiplyHighUnsigned(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  private DecimalToDouble() {}

  /**
   * The double nearest to {@code w x 10^q} (ties to even), as {@link Double#parseDouble} gives.
   *
   * @param w the decimal significand, {@code 0 <= w < 2^63}
   * @param q the decimal exponent
   * @return the double, or NaN where this method does not decide (a subnormal or overflowing
   *     result, or q outside [-342, 308]): the caller then parses the text
   */
  static double toDouble(long w, int q) {
    if (w == 0) {
      return 0;
    }
    if (q < MIN_Q || q > MAX_Q) {
      return Double.NaN;
    }
    int lz = Long.numberOfLeadingZeros(w);
    w <<= lz;
    int index = q - MIN_Q;
    long high = multiplyHighUnsigned(w, HI[index]);
    long low = w * HI[index];
    if ((high & 0x1FF) == 0x1FF) {
      long secondHigh = multiplyHighUnsigned(w, LO[index]);
      low += secondHigh;
      if (Long.compareUnsigned(secondHigh, low) > 0) {
        high++;
      }
    }
    int upperbit = (int) (high >>> 63);
    int shift = upperbit + 9;
    long mantissa = high >>> shift;
    int power2 = (int) ((((152170L + 65536L) * q) >> 16) + 63) + upperbit - lz + 1023;
    if (power2 <= 0) {
      return Double.NaN; // subnormal: leave it to the slow path
    }
    if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1) {
      if ((mantissa << shift) == high) {
        mantissa &= ~1L;
      }
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if (mantissa >= (2L << 52)) {
      mantissa = 1L << 52;
      power2++;
    }
    mantissa &= ~(1L << 52);
    if (power2 >= 0x7FF) {
      return Double.NaN;
    }
    return Double.longBitsToDouble(mantissa | ((long) power2 << 52));
  }
}
