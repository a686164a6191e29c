package dnt.experiments.poisoning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The twin lifecycle phase an attack hits (paper Sec. IV-A, IV-C). */
public enum Phase {
  /** Construction: synchronous federated rounds from a random model (the V-twin). */
  V_TWIN,
  /** Maintenance: asynchronous daily updates from the clean V-twin model (the H-twin). */
  H_TWIN;

  /**
   * The command-line and table label.
   *
   * @return "v-twin" or "h-twin"
   */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a label ("v-twin", "h-twin"), case-insensitively.
   *
   * @param label the label
   * @return the phase
   * @throws IllegalArgumentException naming the labels for anything else
   */
  @JsonCreator
  public static Phase parse(String label) {
    for (Phase p : values()) {
      if (p.label().equalsIgnoreCase(label.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("phase must be v-twin or h-twin, got '" + label + "'");
  }
}
