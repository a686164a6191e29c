package dnt.learn.fl;

/**
 * Hierarchical twinning: stations are grouped into cluster twins by {@link StationClustering}; each
 * cluster aggregates its members' updates into its own model, the global twin is the size-weighted
 * mean of the cluster models, and every cluster model is then pulled towards the global one by
 * {@code mixing}. Reconstructed from the paper's Sec. III-A1 and FedDA's cluster-then-global
 * aggregation; the paper gives no formulas.
 *
 * @param enabled whether to cluster at all (false: plain FedAvg over all stations)
 * @param clusters the number of clusters k
 * @param reclusterEvery re-cluster every R synchronous rounds (at least 1)
 * @param locationWeight weight of location against traffic profile in the clustering features
 * @param mixing beta in [0, 1]: 1 makes every cluster model equal to the global model after each
 *     round, 0 keeps clusters independent
 */
public record ClusterSettings(
    boolean enabled, int clusters, int reclusterEvery, double locationWeight, double mixing) {
  /** Checks the fields. */
  public ClusterSettings {
    if (enabled && clusters < 1) {
      throw new IllegalArgumentException("clustering.clusters must be at least 1, got " + clusters);
    }
    if (reclusterEvery < 1) {
      throw new IllegalArgumentException(
          "clustering.reclusterEvery must be at least 1, got " + reclusterEvery);
    }
    if (!(locationWeight >= 0) || Double.isInfinite(locationWeight)) {
      throw new IllegalArgumentException("clustering.locationWeight must be finite and >= 0");
    }
    if (!(mixing >= 0 && mixing <= 1)) {
      throw new IllegalArgumentException("clustering.mixing must be in [0, 1], got " + mixing);
    }
  }

  /**
   * No clustering.
   *
   * @return the settings
   */
  public static ClusterSettings none() {
    return new ClusterSettings(false, 1, 1, 1, 1);
  }

  /**
   * The clustering algorithm.
   *
   * @return k-means++ with these settings
   */
  public StationClustering algorithm() {
    return new StationClustering(clusters, locationWeight);
  }
}
