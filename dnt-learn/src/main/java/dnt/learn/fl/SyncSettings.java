package dnt.learn.fl;

import dnt.learn.forecast.TrainingRecipe;
import java.util.Objects;

/**
 * Settings of synchronous federated training (the V-twin phase).
 *
 * @param rounds the number of rounds (at least 1)
 * @param clientFraction the fraction of stations sampled each round, in (0, 1]
 * @param recipe the local training recipe
 * @param clustering hierarchical clustering, or {@link ClusterSettings#none()}
 * @param secondsPerSample nominal compute seconds per training sample at speed 1, for the simulated
 *     clock
 * @param evaluateEvery evaluate the models every this many rounds (0: only by the caller)
 */
public record SyncSettings(
    int rounds,
    double clientFraction,
    TrainingRecipe recipe,
    ClusterSettings clustering,
    double secondsPerSample,
    int evaluateEvery) {
  /** Checks the fields. */
  public SyncSettings {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(clustering, "clustering");
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    if (!(clientFraction > 0 && clientFraction <= 1)) {
      throw new IllegalArgumentException("clientFraction must be in (0, 1], got " + clientFraction);
    }
    if (!(secondsPerSample >= 0) || Double.isInfinite(secondsPerSample)) {
      throw new IllegalArgumentException("secondsPerSample must be finite and >= 0");
    }
    if (evaluateEvery < 0) {
      throw new IllegalArgumentException("evaluateEvery must be >= 0, got " + evaluateEvery);
    }
  }

  /**
   * The number of stations sampled in a round: {@code max(1, round(fraction * n))}.
   *
   * @param n the number of stations
   * @return the sample size
   */
  public int sampleSize(int n) {
    return Math.max(1, Math.min(n, (int) Math.round(clientFraction * n)));
  }
}
