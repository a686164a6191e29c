package dnt.caching.network;

/**
 * Measurement settings of a replay.
 *
 * @param loadWindow W: the sliding window, in network requests, over which station load is counted
 * @param timeBuckets the number of equal request buckets for the hit-rate and load time series
 * @param overloadFactor a station is overloaded when its windowed load exceeds this factor times
 *     the fair share W / B
 */
public record SimulationOptions(int loadWindow, int timeBuckets, double overloadFactor) {
  /** The defaults: W = 400 requests, 50 buckets, overload above 1.5 times the fair share. */
  public static final SimulationOptions DEFAULTS = new SimulationOptions(400, 50, 1.5);

  /** Validates the settings. */
  public SimulationOptions {
    if (loadWindow < 1 || timeBuckets < 1 || !(overloadFactor > 0)) {
      throw new IllegalArgumentException(
          "need loadWindow >= 1, timeBuckets >= 1 and overloadFactor > 0");
    }
  }
}
