package dnt.data.store;

import dnt.core.InvalidInputException;
import java.util.Locale;

/**
 * How much detail a {@link TrafficStore} keeps (data minimisation, paper Sec. III-C3: keep only
 * what the twin's models need). Every store sums the raw rows over their country codes at ingest
 * and never stores a country code; a minimised store also sums each cell's 10-minute slots into
 * hours as each file is ingested, so that the store never holds a finer series than an hour.
 */
public enum Minimisation {
  /** One row per (cell, 10-minute slot), summed over country codes. */
  NONE("none"),
  /** One row per (cell, hour), summed over the hour's slots and over country codes. */
  HOURLY("hourly");

  private final String label;

  Minimisation(String label) {
    this.label = label;
  }

  /**
   * The command-line spelling and the value recorded in the store.
   *
   * @return {@code none} or {@code hourly}
   */
  public String label() {
    return label;
  }

  /**
   * Parses the command-line spelling, ignoring letter case.
   *
   * @param text {@code none} or {@code hourly}
   * @return the minimisation
   * @throws InvalidInputException otherwise
   */
  public static Minimisation parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Minimisation m : values()) {
      if (m.label.equals(t)) {
        return m;
      }
    }
    throw new InvalidInputException(
        "unknown minimisation '" + text + "'; expected hourly (or none)");
  }

  @Override
  public String toString() {
    return label;
  }
}
