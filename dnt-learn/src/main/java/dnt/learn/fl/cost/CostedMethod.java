package dnt.learn.fl.cost;

import java.util.Locale;

/**
 * The methods whose cost {@link AnalyticCost} counts: the forecasting study's Traditional DT,
 * V-twin and H-twin with and without clusters, plus the paper's one-time centralized baseline.
 */
public enum CostedMethod {
  /** Raw history uploaded once, one central model; each update uploads the new raw data. */
  TRADITIONAL_DT("Traditional DT (daily fine-tune)", true),
  /** The paper's baseline: raw history uploaded once, modelled once, nothing ongoing. */
  TRADITIONAL_DT_ONCE("Traditional DT (one-time)", true),
  /** Synchronous FL with cluster twins at the heads. */
  V_TWIN("V-twin", false),
  /** Plain synchronous FedAvg in the cloud. */
  V_TWIN_NO_CLUSTER("V-twin w/o cluster", false),
  /** V-twin, then asynchronous updates at the heads' cluster twins. */
  H_TWIN("H-twin", false),
  /** V-twin w/o cluster, then asynchronous updates in the cloud. */
  H_TWIN_NO_CLUSTER("H-twin w/o cluster", false);

  private final String label;
  private final boolean centralized;

  CostedMethod(String label, boolean centralized) {
    this.label = label;
    this.centralized = centralized;
  }

  /**
   * The label used in tables.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Whether the method uploads raw data to a central server.
   *
   * @return true for the two Traditional DT methods
   */
  public boolean centralized() {
    return centralized;
  }

  /**
   * The CSV name, as the forecasting study's method ids ({@code h-twin-no-cluster}).
   *
   * @return the name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
