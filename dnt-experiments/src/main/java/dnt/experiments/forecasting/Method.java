package dnt.experiments.forecasting;

import java.util.Locale;

/** The methods of the study, in the order of the paper's Fig. 3 plus two naive baselines. */
public enum Method {
  /** Predict the previous slot's value. */
  PERSISTENCE("Persistence"),
  /** Predict the value of the same slot one day earlier. */
  SEASONAL_NAIVE("Seasonal naive"),
  /** Raw data uploaded, one central model, fine-tuned centrally as new days arrive. */
  TRADITIONAL_DT("Traditional DT"),
  /** Synchronous FL with cluster twins. */
  V_TWIN("V-twin"),
  /** Plain synchronous FedAvg. */
  V_TWIN_NO_CLUSTER("V-twin w/o cluster"),
  /** V-twin, then asynchronous updates while the test period streams in. */
  H_TWIN("H-twin"),
  /** V-twin w/o cluster, then asynchronous updates without cluster twins. */
  H_TWIN_NO_CLUSTER("H-twin w/o cluster"),
  /**
   * V-twin, then every station personalises its cluster twin on its own data (the {@code
   * personalisation} section; chosen on the validation week, docs/forecasting.md).
   */
  V_TWIN_PERSONALISED("V-twin personalised"),
  /** V-twin w/o cluster (FedAvg), then the same personalisation: the ablation without clusters. */
  V_TWIN_NO_CLUSTER_PERSONALISED("V-twin w/o cluster personalised");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  /**
   * The label used in tables and plots.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Whether the method runs cluster twins.
   *
   * @return true for V-twin, H-twin and V-twin personalised
   */
  public boolean clustered() {
    return this == V_TWIN || this == H_TWIN || this == V_TWIN_PERSONALISED;
  }

  /**
   * The CSV name ("v-twin-no-cluster").
   *
   * @return the name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses an id or label.
   *
   * @param s the text
   * @return the method
   */
  public static Method parse(String s) {
    for (Method m : values()) {
      if (m.id().equalsIgnoreCase(s.trim()) || m.label.equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + s + "'");
  }
}
