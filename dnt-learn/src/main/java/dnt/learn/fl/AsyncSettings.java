package dnt.learn.fl;

import dnt.learn.forecast.TrainingRecipe;
import java.util.Objects;

/**
 * Settings of asynchronous federated training (the H-twin phase, FedAsync of Xie et al. 2019 in the
 * buffered delta form of FedBuff, Nguyen et al., AISTATS 2022): each arriving update {@code
 * delta_i} is scaled by {@code s(staleness)}; every {@code bufferSize} arrivals the server
 * aggregates the buffer with the aggregation rule and applies {@code w += alpha * aggregate}.
 *
 * @param recipe the local training recipe on each new day of data
 * @param alpha the server mixing rate in (0, 1]
 * @param staleness the staleness function
 * @param bufferSize arrivals per server step (1 = pure FedAsync)
 * @param secondsPerSample nominal compute seconds per training sample at speed 1
 * @param startSpreadSeconds each station starts its day's work at a seeded offset in [0, this)
 * @param clustering cluster twins (kept from the V-twin assignment) or none
 */
public record AsyncSettings(
    TrainingRecipe recipe,
    double alpha,
    StalenessFunction staleness,
    int bufferSize,
    double secondsPerSample,
    double startSpreadSeconds,
    ClusterSettings clustering) {
  /** Checks the fields. */
  public AsyncSettings {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(staleness, "staleness");
    Objects.requireNonNull(clustering, "clustering");
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be at least 1, got " + bufferSize);
    }
    if (!(secondsPerSample >= 0) || Double.isInfinite(secondsPerSample)) {
      throw new IllegalArgumentException("secondsPerSample must be finite and >= 0");
    }
    if (!(startSpreadSeconds >= 0) || Double.isInfinite(startSpreadSeconds)) {
      throw new IllegalArgumentException("startSpreadSeconds must be finite and >= 0");
    }
  }
}
