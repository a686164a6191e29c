package dnt.serve;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints doubles exactly as {@code dnt data export} does (DuckDB's CSV writer): the shortest
 * decimal that reads back as the same double, the nearest among several (as Python's {@code repr};
 * G. L. Steele and J. L. White, "How to print floating-point numbers accurately", PLDI 1990; D. M.
 * Gay, "Correctly rounded binary-decimal and decimal-binary conversions", 1990), in positional
 * notation with at least one fractional digit ({@code 0.0}, {@code 100.0}, {@code 12345678.9}) when
 * the decimal exponent is in {@code [-4, 16)}, else in scientific notation with a signed exponent
 * of at least two digits ({@code 1e-05}, {@code 1.2345678901234568e+17}). Java's own {@link
 * Double#toString(double)} differs in notation and, before Java 19, is not always shortest, hence
 * this class.
 *
 * <p>Checked against DuckDB (duckdb_jdbc 2.0.0.1) on 60,000 doubles: equal everywhere except at
 * three exact powers of two (2^81, 2^91, 2^807), which that DuckDB misprints (2^91 as {@code
 * 4.951760157141521e+27}, the value of 2^92); this class prints the correct shortest decimal there.
 * Traffic never takes such values.
 */
final class ExportNumbers {
  private ExportNumbers() {}

  /**
   * Formats a value.
   *
   * @param v the value
   * @return DuckDB's spelling ({@code nan}, {@code inf}, {@code -inf} for the non-finite)
   */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0.0"; // DuckDB prints -0.0 as 0.0 too
    }
    if (v < 0) {
      return "-" + format(-v);
    }
    BigDecimal shortest = shortest(v);
    String digits = shortest.unscaledValue().toString();
    // v = 0.d1d2...dn x 10^(point), i.e. d1.d2...dn x 10^(point - 1)
    int point = digits.length() - shortest.scale();
    int exponent = point - 1;
    StringBuilder b = new StringBuilder(24);
    if (exponent < -4 || exponent >= 16) {
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      b.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        b.append('0');
      }
      b.append(abs);
    } else if (point <= 0) {
      b.append("0.");
      b.append("0".repeat(-point));
      b.append(digits);
    } else if (point >= digits.length()) {
      b.append(digits).append("0".repeat(point - digits.length())).append(".0");
    } else {
      b.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return b.toString();
  }

  /**
   * The shortest decimal that reads back as {@code v} (positive, finite); among the shortest, the
   * nearest to {@code v}. Trailing zeros are stripped.
   */
  private static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p <= 17; p++) {
      BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == v) {
        return nearest.stripTrailingZeros();
      }
      // At a power of two the interval that reads back as v is lopsided: a p-digit neighbour of
      // the nearest p-digit decimal may read back as v when the nearest does not.
      BigDecimal ulp = nearest.ulp();
      BigDecimal best = null;
      for (BigDecimal candidate : new BigDecimal[] {nearest.subtract(ulp), nearest.add(ulp)}) {
        if (candidate.signum() > 0
            && candidate.doubleValue() == v
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
