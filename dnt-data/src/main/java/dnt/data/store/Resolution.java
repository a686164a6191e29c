package dnt.data.store;

import dnt.core.InvalidInputException;
import java.time.Duration;

/** The time resolution of an export or load: the Milan 10-minute slot, or hours of six slots. */
public enum Resolution {
  /** One row per 10-minute slot. */
  TEN_MINUTES("10min", 1),
  /** One row per hour, summing its six slots; the time is the hour's first slot. */
  HOUR("hour", 6);

  private final String label;
  private final int slots;

  Resolution(String label, int slots) {
    this.label = label;
    this.slots = slots;
  }

  /**
   * The command-line spelling.
   *
   * @return {@code 10min} or {@code hour}
   */
  public String label() {
    return label;
  }

  /**
   * Number of 10-minute slots summed into one step.
   *
   * @return 1 or 6
   */
  public int slots() {
    return slots;
  }

  /**
   * The step length.
   *
   * @return 10 minutes or 1 hour
   */
  public Duration step() {
    return Duration.ofMinutes(10L * slots);
  }

  /**
   * Parses the command-line spelling.
   *
   * @param text {@code 10min} or {@code hour}
   * @return the resolution
   * @throws InvalidInputException otherwise
   */
  public static Resolution parse(String text) {
    for (Resolution r : values()) {
      if (r.label.equalsIgnoreCase(text.strip())) {
        return r;
      }
    }
    throw new InvalidInputException("unknown resolution '" + text + "'; expected 10min or hour");
  }

  @Override
  public String toString() {
    return label;
  }
}
