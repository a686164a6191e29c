package dnt.caching.policy;

/**
 * Belady's MIN, the offline optimum for one cache that must admit every miss (L. A. Belady, "A
 * study of replacement algorithms for a virtual-storage computer", IBM Systems Journal 5(2), 1966):
 * evicts the cached item whose next request is farthest in the future; an item never requested
 * again is infinitely far; ties (several such items) go to the smallest item id.
 *
 * <p>On a network (per-station MIN, {@code dnt.caching.network.ClairvoyantReference}) an item's
 * next use is its next request by any client the station covers, whichever station serves it; the
 * simulator reports the requests that the other station served through {@link #servedElsewhere}, so
 * that the key never points into the past. Without that, an item whose next request a neighbour
 * served kept a past next use, looked needed soonest and was never evicted (issue 16).
 *
 * <p>The caller supplies each request's precomputed next-use position (see {@link NextUse}), so a
 * replay is O(n log C) time with memory linear in the trace, unlike simulators that rescan the
 * future at each miss.
 */
public final class Belady extends SlotPolicy {
  private final IndexedMinHeap heap;

  /**
   * An empty Belady cache.
   *
   * @param capacity the number of slots, at least 1
   */
  public Belady(int capacity) {
    super(capacity);
    heap = new IndexedMinHeap(capacity);
  }

  @Override
  public String name() {
    return "belady";
  }

  @Override
  public void recordHit(int item, int nextUse) {
    int slot = cachedSlot(item);
    heap.update(slot, key(nextUse, item));
  }

  /** The item's next use moves on although another station served it (see the class doc). */
  @Override
  public void servedElsewhere(int item, int nextUse) {
    heap.update(cachedSlot(item), key(nextUse, item));
  }

  @Override
  public int admit(int item, int nextUse) {
    SlotTable.checkItem(item);
    if (!table.isFull()) {
      heap.add(table.append(item), key(nextUse, item));
      return -1;
    }
    int slot = heap.min();
    int evicted = table.replace(slot, item);
    heap.update(slot, key(nextUse, item));
    return evicted;
  }

  /** Smallest key = farthest next use, then smallest item. */
  private static long key(int nextUse, int item) {
    if (nextUse < 0) {
      throw new IllegalArgumentException("next-use positions are non-negative, got " + nextUse);
    }
    return ((long) (NEVER - nextUse) << 32) | item;
  }
}
