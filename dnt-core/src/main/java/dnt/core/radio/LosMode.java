package dnt.core.radio;

import dnt.core.InvalidInputException;
import java.util.Locale;

/** How the line-of-sight state of a link is decided. */
public enum LosMode {
  /** Every link is line of sight. */
  ALWAYS,
  /** No link is line of sight. */
  NEVER,
  /**
   * Each link is line of sight with the probability of TR 38.901 Table 7.4.2-1, drawn once per
   * (station, user) pair from the seed, so it is the same on every recomputation.
   */
  RANDOM;

  /**
   * Parses {@code always}, {@code never} or {@code random}.
   *
   * @param name the name, any case
   * @return the mode
   */
  public static LosMode parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "line-of-sight mode '" + name + "' is unknown; use always, never or random", e);
    }
  }
}
