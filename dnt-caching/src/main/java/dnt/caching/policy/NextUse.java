package dnt.caching.policy;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/** Precomputes, for each request of a sequence, the position of the same item's next request. */
public final class NextUse {
  private NextUse() {}

  /**
   * One backward pass with a hash map of last positions: O(n) time, n ints of output.
   *
   * @param items the requested items in order
   * @return next[i] = the smallest j &gt; i with items[j] == items[i], or {@link CachePolicy#NEVER}
   */
  public static int[] of(int[] items) {
    int[] next = new int[items.length];
    Int2IntOpenHashMap last = new Int2IntOpenHashMap();
    last.defaultReturnValue(CachePolicy.NEVER);
    for (int i = items.length - 1; i >= 0; i--) {
      next[i] = last.put(items[i], i);
    }
    return next;
  }
}
