package dnt.live;

/**
 * Which values a traffic query shows for a slot that the integrity check masked (docs/live.md,
 * "Synchronization integrity"). Elsewhere the two views agree.
 */
public enum TrafficView {
  /**
   * The telemetry as received, masked or not: what {@code dnt data ingest} + {@code dnt data
   * export} of the same rows give. The default of every query.
   */
  OBSERVED("observed"),

  /**
   * The twin's state: a masked slot shows the prediction that replaced it (the paper's mask-predict
   * countermeasure, Sec. III-C1), as the radio twin and the forecasters see it.
   */
  TWIN("twin");

  private final String label;

  TrafficView(String label) {
    this.label = label;
  }

  /** The name used in the API ({@code view=observed|twin}). */
  public String label() {
    return label;
  }

  /**
   * The view named {@code label}.
   *
   * @param label {@code observed} or {@code twin}, case-insensitive
   * @return the view
   * @throws dnt.core.InvalidInputException for any other name
   */
  public static TrafficView parse(String label) {
    for (TrafficView v : values()) {
      if (v.label.equalsIgnoreCase(label.strip())) {
        return v;
      }
    }
    throw new dnt.core.InvalidInputException("'" + label + "' is not a view; use observed or twin");
  }
}
