package dnt.caching.twin;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.random.RandomGenerator;

/**
 * An order-k Markov next-request model of one request stream: counts of the item that followed each
 * context of the k previous items. The alternative forecaster of the twin's vertical mapping
 * (reconstructed; the brief names decayed frequency or order-k Markov as defaults). Contexts are
 * hashed to 64 bits; an unseen context yields no forecast, and callers back off to frequencies.
 */
public final class MarkovForecaster {
  private final int order;
  private final Long2ObjectOpenHashMap<Int2IntOpenHashMap> next = new Long2ObjectOpenHashMap<>();
  private final int[] history;
  private int seen;

  /**
   * An empty model.
   *
   * @param order k, at least 1
   */
  public MarkovForecaster(int order) {
    if (order < 1) {
      throw new IllegalArgumentException("order must be at least 1, got " + order);
    }
    this.order = order;
    this.history = new int[order];
  }

  /**
   * The order.
   *
   * @return k
   */
  public int order() {
    return order;
  }

  /**
   * Learns one request of the stream.
   *
   * @param item the item requested
   */
  public void record(int item) {
    if (seen >= order) {
      next.computeIfAbsent(context(history, seen), k -> new Int2IntOpenHashMap()).addTo(item, 1);
    }
    history[seen % order] = item;
    seen++;
  }

  /**
   * P(next = item | the last k items recorded).
   *
   * @param item the item
   * @return the probability, or NaN when the context is unseen
   */
  public double probability(int item) {
    if (seen < order) {
      return Double.NaN;
    }
    Int2IntOpenHashMap counts = next.get(context(history, seen));
    if (counts == null) {
      return Double.NaN;
    }
    long total = 0;
    for (int c : counts.values()) {
      total += c;
    }
    return (double) counts.get(item) / total;
  }

  /**
   * Draws the next item after a context.
   *
   * @param context the last k items, oldest first
   * @param random the source of randomness
   * @return an item, or -1 when the context is unseen
   */
  public int sample(int[] context, RandomGenerator random) {
    if (context.length != order) {
      throw new IllegalArgumentException("context must hold " + order + " items");
    }
    Int2IntOpenHashMap counts = next.get(hash(context, 0, context.length));
    if (counts == null) {
      return -1;
    }
    long total = 0;
    for (int c : counts.values()) {
      total += c;
    }
    long u = (long) (random.nextDouble() * total);
    int last = -1;
    for (Int2IntMap.Entry e : counts.int2IntEntrySet()) {
      last = e.getIntKey();
      u -= e.getIntValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }

  /** The context of the ring buffer, oldest first. */
  private long context(int[] ring, int count) {
    int[] ordered = new int[order];
    for (int i = 0; i < order; i++) {
      ordered[i] = ring[(count + i) % order];
    }
    return hash(ordered, 0, order);
  }

  private static long hash(int[] items, int from, int to) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      h = (h ^ items[i]) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 29;
    }
    return h;
  }
}
