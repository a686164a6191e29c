package dnt.learn.fl.cost;

import java.util.Locale;

/** How a station reaches its cluster head (the edge site that terminates its backhaul). */
public enum BackhaulClass {
  /** Fibre to the edge site. */
  FIBRE,
  /** A point-to-point microwave link. */
  MICROWAVE,
  /** In-band wireless backhaul to the macro station, rated by the twin's link budget. */
  WIRELESS;

  /**
   * The lower-case name used in settings and CSV files.
   *
   * @return {@code fibre}, {@code microwave} or {@code wireless}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
