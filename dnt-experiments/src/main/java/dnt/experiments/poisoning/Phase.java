package dnt.experiments.poisoning;

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
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
