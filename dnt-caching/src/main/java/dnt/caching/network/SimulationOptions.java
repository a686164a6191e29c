package dnt.caching.network;

import java.util.Objects;

/**
 * Measurement settings of a replay, and the serving rule.
 *
 * @param loadWindow W: the sliding window, in network requests, over which station load is counted
 * @param timeBuckets the number of equal request buckets for the hit-rate and load time series
 * @param overloadFactor a station is overloaded when its windowed load exceeds this factor times
 *     the fair share: W / B under {@link ServingRule#HOME_FETCH}, and (load units in the window, at
 *     least W) / B under {@link ServingRule#LEAST_LOADED}, where a miss costs two units
 * @param serving which covering station serves a request and what a miss costs
 */
public record SimulationOptions(
    int loadWindow, int timeBuckets, double overloadFactor, ServingRule serving) {
  /** The defaults: W = 400 requests, 50 buckets, overload above 1.5 times the fair share. */
  public static final SimulationOptions DEFAULTS = new SimulationOptions(400, 50, 1.5);

  /** Validates the settings. */
  public SimulationOptions {
    if (loadWindow < 1 || timeBuckets < 1 || !(overloadFactor > 0)) {
      throw new IllegalArgumentException(
          "need loadWindow >= 1, timeBuckets >= 1 and overloadFactor > 0");
    }
    Objects.requireNonNull(serving, "serving");
  }

  /**
   * Settings with the first study's serving rule, {@link ServingRule#HOME_FETCH}.
   *
   * @param loadWindow W, requests
   * @param timeBuckets time buckets of the series
   * @param overloadFactor the overload factor
   */
  public SimulationOptions(int loadWindow, int timeBuckets, double overloadFactor) {
    this(loadWindow, timeBuckets, overloadFactor, ServingRule.HOME_FETCH);
  }

  /**
   * The same settings with another serving rule.
   *
   * @param rule the rule
   * @return the changed copy
   */
  public SimulationOptions withServing(ServingRule rule) {
    return new SimulationOptions(loadWindow, timeBuckets, overloadFactor, rule);
  }
}
