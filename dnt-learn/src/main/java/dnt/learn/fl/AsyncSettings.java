package dnt.learn.fl;

import dnt.learn.forecast.TrainingRecipe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Settings of asynchronous federated training (the H-twin phase, FedAsync of Xie et al. 2019 in the
 * buffered delta form of FedBuff, Nguyen et al., AISTATS 2022): each arriving update {@code
 * delta_i} is scaled by {@code s(staleness)}; every {@code bufferSize} arrivals the server
 * aggregates the buffer with the aggregation rule and applies {@code w += alpha * aggregate}.
 *
 * <p>Each day only a seeded sample of {@link #sampleSize(int) ceil(C n)} of the n stations trains
 * and sends an update, C being the client fraction of McMahan et al. (AISTATS 2017, Sec. 2, the
 * "fraction C of clients" selected each round; there for synchronous rounds, here for each streamed
 * day, which is our choice: the paper's H-twin has every station update). C = 1 (the default) is
 * every station, as before the fraction existed.
 *
 * @param recipe the local training recipe on each new day of data
 * @param alpha the server mixing rate in (0, 1]
 * @param staleness the staleness function
 * @param bufferSize arrivals per server step (1 = pure FedAsync)
 * @param secondsPerSample nominal compute seconds per training sample at speed 1
 * @param startSpreadSeconds each station starts its day's work at a seeded offset in [0, this)
 * @param clustering cluster twins (kept from the V-twin assignment) or none
 * @param clientFraction the fraction C of stations that train and send an update each day, in (0,
 *     1]
 */
public record AsyncSettings(
    TrainingRecipe recipe,
    double alpha,
    StalenessFunction staleness,
    int bufferSize,
    double secondsPerSample,
    double startSpreadSeconds,
    ClusterSettings clustering,
    double clientFraction) {
  /**
   * Settings in which every station sends an update every day (client fraction 1).
   *
   * @param recipe the local training recipe on each new day of data
   * @param alpha the server mixing rate in (0, 1]
   * @param staleness the staleness function
   * @param bufferSize arrivals per server step (1 = pure FedAsync)
   * @param secondsPerSample nominal compute seconds per training sample at speed 1
   * @param startSpreadSeconds each station starts its day's work at a seeded offset in [0, this)
   * @param clustering cluster twins (kept from the V-twin assignment) or none
   */
  public AsyncSettings(
      TrainingRecipe recipe,
      double alpha,
      StalenessFunction staleness,
      int bufferSize,
      double secondsPerSample,
      double startSpreadSeconds,
      ClusterSettings clustering) {
    this(
        recipe,
        alpha,
        staleness,
        bufferSize,
        secondsPerSample,
        startSpreadSeconds,
        clustering,
        1.0);
  }

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
    if (!(clientFraction > 0 && clientFraction <= 1)) {
      throw new IllegalArgumentException("clientFraction must be in (0, 1], got " + clientFraction);
    }
  }

  /**
   * The number of stations that send an update each day: {@code ceil(C n)}, computed on the
   * fraction's shortest decimal form (so that 0.07 of 100 stations is 7, not the 8 that the binary
   * product 7.000000000000001 would give), at least 1 and at most n.
   *
   * @param n the number of stations, at least 0
   * @return the sample size (0 only when n is 0)
   */
  public int sampleSize(int n) {
    if (n <= 0) {
      return 0;
    }
    int m =
        BigDecimal.valueOf(clientFraction)
            .multiply(BigDecimal.valueOf(n))
            .setScale(0, RoundingMode.CEILING)
            .intValueExact();
    return Math.max(1, Math.min(n, m));
  }
}
