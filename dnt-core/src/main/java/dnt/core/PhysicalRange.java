package dnt.core;

import java.util.Locale;
import java.util.Objects;

/**
 * The closed range of values a physical quantity may take in the toolkit, with its unit: what a
 * station, a user, a link or an event may set. Values outside are rejected as bad input, so that an
 * impossible setting (a 3,600 dBm transmitter) never turns into an infinite SINR.
 *
 * @param quantity what the value is, in words ("transmit power")
 * @param unit its unit ("dBm")
 * @param min the smallest allowed value
 * @param max the largest allowed value
 */
public record PhysicalRange(String quantity, String unit, double min, double max) {
  /** Validates the range. */
  public PhysicalRange {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unit, "unit");
    if (!(min <= max)) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
  }

  /**
   * Whether a value lies in the range (NaN never does).
   *
   * @param value the value
   * @return {@code min <= value <= max}
   */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /**
   * Checks a value.
   *
   * @param subject who or what has the value, for the message ("station 77")
   * @param value the value
   * @return the value
   * @throws InvalidInputException naming the subject, the quantity, the value and the range
   */
  public double check(String subject, double value) {
    if (!contains(value)) {
      throw new InvalidInputException(
          subject
              + ": "
              + quantity
              + " "
              + format(value)
              + " "
              + unit
              + " is outside the allowed range "
              + describe());
    }
    return value;
  }

  /**
   * The range in words, as {@code --help} and the docs state it.
   *
   * @return e.g. {@code -30..80 dBm}
   */
  public String describe() {
    return format(min) + ".." + format(max) + " " + unit;
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }
}
