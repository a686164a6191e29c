package dnt.learn.fl.cost;

import dnt.core.InvalidSettingException;

/**
 * One hop of a message's path: its rate and its one-way latency. A message of b bytes takes {@code
 * b / rate + latency} seconds on it (store and forward, no contention: the same per-message model
 * as {@link dnt.learn.fl.LinkModel}).
 *
 * @param bytesPerSecond the rate, positive and finite
 * @param latencySeconds the one-way latency, finite and at least 0
 */
public record Hop(double bytesPerSecond, double latencySeconds) {
  /** Checks the values. */
  public Hop {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      throw new InvalidSettingException(
          "mbps", "a hop's rate must be positive and finite, got " + bytesPerSecond + " B/s");
    }
    if (!(latencySeconds >= 0) || Double.isInfinite(latencySeconds)) {
      throw new InvalidSettingException(
          "latencyMs", "a hop's latency must be finite and at least 0, got " + latencySeconds);
    }
  }

  /**
   * A hop given in the units settings use.
   *
   * @param mbps the rate, Mbit/s (10^6 bit/s)
   * @param latencyMs the latency, milliseconds
   * @return the hop
   */
  public static Hop ofMbps(double mbps, double latencyMs) {
    return new Hop(mbps * 1e6 / 8, latencyMs / 1e3);
  }

  /**
   * Seconds a message of the given size takes on this hop.
   *
   * @param bytes the message size (may be fractional: an expected size)
   * @return {@code bytes / rate + latency}
   */
  public double seconds(double bytes) {
    return bytes / bytesPerSecond + latencySeconds;
  }
}
