package dnt.caching.policy;

/**
 * Least frequently used: evicts the cached item with the fewest requests at this cache since its
 * admission (the admitting request counts as one), ties broken by least recent request. An indexed
 * heap keyed by (frequency, last-request tick) gives O(log C) per access.
 */
public final class Lfu extends SlotPolicy {
  private final IndexedMinHeap heap;
  private final int[] frequency;
  private long tick;

  /**
   * An empty LFU cache.
   *
   * @param capacity the number of slots, at least 1
   */
  public Lfu(int capacity) {
    super(capacity);
    heap = new IndexedMinHeap(capacity);
    frequency = new int[capacity];
  }

  @Override
  public String name() {
    return "lfu";
  }

  @Override
  public void recordHit(int item, int nextUse) {
    int slot = cachedSlot(item);
    frequency[slot] = frequency[slot] == Integer.MAX_VALUE ? frequency[slot] : frequency[slot] + 1;
    heap.update(slot, key(slot));
  }

  @Override
  public int admit(int item, int nextUse) {
    SlotTable.checkItem(item);
    if (!table.isFull()) {
      int slot = table.append(item);
      frequency[slot] = 1;
      heap.add(slot, key(slot));
      return -1;
    }
    int slot = heap.min();
    int evicted = table.replace(slot, item);
    frequency[slot] = 1;
    heap.update(slot, key(slot));
    return evicted;
  }

  private long key(int slot) {
    return ((long) frequency[slot] << 32) | (tick++ & 0xFFFF_FFFFL);
  }
}
