package dnt.caching.twin;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;

/**
 * Exponentially decayed request counts per item, kept online in O(1) per request: each item stores
 * its count as of its last request and the tick of that request; the count now is {@code c ·
 * exp(-(now - last) / tau)}. The normalised counts are the one-step next-request forecast P(next =
 * f) of the twin's vertical mapping (reconstructed; the original forecaster is not public).
 */
public final class DecayedFrequency {
  private final double tau;
  private final Int2IntOpenHashMap index = new Int2IntOpenHashMap();
  private double[] count = new double[64];
  private long[] last = new long[64];
  private int[] items = new int[64];
  private int size;
  private long tick;
  private double total;
  private long totalTick;

  /**
   * An empty tracker.
   *
   * @param tau the decay time constant in requests (counts halve every tau·ln 2 requests)
   */
  public DecayedFrequency(double tau) {
    if (!(tau > 0)) {
      throw new IllegalArgumentException("tau must be positive, got " + tau);
    }
    this.tau = tau;
    index.defaultReturnValue(-1);
  }

  /**
   * Records one request and advances the clock by one.
   *
   * @param item the item requested
   */
  public void record(int item) {
    int k = index.get(item);
    if (k < 0) {
      if (size == count.length) {
        count = Arrays.copyOf(count, size * 2);
        last = Arrays.copyOf(last, size * 2);
        items = Arrays.copyOf(items, size * 2);
      }
      k = size++;
      index.put(item, k);
      items[k] = item;
      count[k] = 0;
      last[k] = tick;
    }
    count[k] = count[k] * Math.exp(-(tick - last[k]) / tau) + 1;
    last[k] = tick;
    total = total() + 1;
    totalTick = tick;
    tick++;
  }

  /**
   * The decayed count of an item now.
   *
   * @param item the item
   * @return its count (0 if never requested)
   */
  public double count(int item) {
    int k = index.get(item);
    return k < 0 ? 0 : count[k] * Math.exp(-(tick - last[k]) / tau);
  }

  /**
   * The decayed count of all requests now.
   *
   * @return the total
   */
  public double total() {
    return total * Math.exp(-(tick - totalTick) / tau);
  }

  /**
   * The forecast probability that the next request is for the item.
   *
   * @param item the item
   * @return count / total (0 before any request)
   */
  public double probability(int item) {
    double t = total();
    return t == 0 ? 0 : count(item) / t;
  }

  /**
   * Requests since the item's last request.
   *
   * @param item the item
   * @return the age, or {@link Long#MAX_VALUE} if never requested
   */
  public long age(int item) {
    int k = index.get(item);
    return k < 0 ? Long.MAX_VALUE : tick - last[k];
  }

  /**
   * The number of requests recorded.
   *
   * @return the clock
   */
  public long requests() {
    return tick;
  }

  /**
   * The distinct items seen.
   *
   * @return the count
   */
  public int distinctItems() {
    return size;
  }

  /**
   * The i-th distinct item seen.
   *
   * @param i in 0..distinctItems()-1
   * @return the item
   */
  public int item(int i) {
    return items[i];
  }
}
