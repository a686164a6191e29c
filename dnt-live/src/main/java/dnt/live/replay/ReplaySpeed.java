package dnt.live.replay;

import dnt.core.InvalidInputException;
import java.util.Locale;

/**
 * How fast a replay runs: a factor of real time (60 plays an hour of data in a minute), or as fast
 * as the twin accepts batches.
 *
 * @param factor data seconds per wall-clock second; {@link Double#POSITIVE_INFINITY} for as fast as
 *     possible
 */
public record ReplaySpeed(double factor) {
  /** As fast as possible. */
  public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

  /**
   * Checks the factor.
   *
   * @throws IllegalArgumentException unless it is positive (or infinite)
   */
  public ReplaySpeed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("a replay speed is positive, got " + factor);
    }
  }

  /**
   * Parses the command-line spelling.
   *
   * @param text a positive number, or {@code max} or {@code 0} for as fast as possible
   * @return the speed
   * @throws InvalidInputException for anything else
   */
  public static ReplaySpeed parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("max") || s.equals("0")) {
      return MAX;
    }
    double f;
    try {
      f = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      f = Double.NaN;
    }
    if (!(f > 0) || Double.isInfinite(f) || Character.isLetter(s.charAt(s.length() - 1))) {
      throw new InvalidInputException(
          "speed '"
              + text
              + "' is not a positive factor of real time (e.g. 60), nor max or 0 for as fast as"
              + " possible");
    }
    return new ReplaySpeed(f);
  }

  /**
   * Whether there is no pacing.
   *
   * @return true for as fast as possible
   */
  public boolean unlimited() {
    return Double.isInfinite(factor);
  }

  @Override
  public String toString() {
    if (unlimited()) {
      return "max";
    }
    return factor == Math.rint(factor) && factor < 1e15
        ? Long.toString((long) factor)
        : Double.toString(factor);
  }
}
