package dnt.serve;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key ({@link RateLimits}): each key's bucket holds up to {@link
 * RateLimits#burst(double)} requests and refills at its rate; a request takes one or is told how
 * long until one is there. Thread-safe. Buckets that have refilled completely are dropped once more
 * than {@value #MAX_KEYS} keys are held, so a crowd of addresses cannot grow it without bound.
 */
final class RateLimiter {
  /** Keys held before idle (full) buckets are dropped. */
  static final int MAX_KEYS = 10_000;

  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * A limiter.
   *
   * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}; tests pass their own)
   */
  RateLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a request from a key's bucket.
   *
   * @param key who asks (a token's entry or an address)
   * @param rate requests per second for this key; 0 or less: unlimited
   * @return 0 when the request may go ahead, else the nanoseconds until it may
   */
  long acquire(String key, double rate) {
    if (rate <= 0) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    if (buckets.size() > MAX_KEYS) {
      buckets.values().removeIf(b -> b.fullAt(now));
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(rate, now)).take(now);
  }

  /** How many keys are held. */
  int keys() {
    return buckets.size();
  }

  /** One key's bucket. */
  private static final class Bucket {
    private final double rate;
    private final double capacity;
    private double level;
    private long at;

    Bucket(double rate, long now) {
      this.rate = rate;
      this.capacity = RateLimits.burst(rate);
      this.level = capacity;
      this.at = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (level >= 1) {
        level -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - level) / rate * 1e9));
    }

    synchronized boolean fullAt(long now) {
      refill(now);
      return level >= capacity;
    }

    private void refill(long now) {
      if (now > at) {
        level = Math.min(capacity, level + (now - at) / 1e9 * rate);
        at = now;
      }
    }
  }
}
