package dnt.data.twinbuild;

import dnt.core.InvalidInputException;
import java.util.Locale;

/** How users are spread over the Milan grid when a twin is built. */
public enum UserPlacement {
  /** Uniformly over the grid's extent. */
  UNIFORM,
  /**
   * In proportion to {@code 1 + the number of base stations in the square} over all 10,000 squares:
   * operators build where traffic is, so station density is a city-wide proxy for demand.
   */
  STATIONS,
  /**
   * In proportion to the measured internet activity of the bundled 25-square subset (central Milan)
   * at a chosen 10-minute slot; other squares get no users.
   */
  TRAFFIC;

  /**
   * Parses a placement name.
   *
   * @param name {@code uniform}, {@code stations} or {@code traffic}
   * @return the placement
   */
  public static UserPlacement parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "user placement '" + name + "' is unknown; use uniform, stations or traffic", e);
    }
  }
}
