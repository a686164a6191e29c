package dnt.caching.policy;

/**
 * Least recently used: evicts the item whose last hit or admission at this cache is oldest. Recency
 * is updated on every hit this cache serves. A doubly linked list over slot indices (int arrays)
 * keeps every operation O(1) without allocation.
 */
public final class Lru extends SlotPolicy {
  private final int[] prev;
  private final int[] next;
  private int head = -1; // most recent
  private int tail = -1; // least recent

  /**
   * An empty LRU cache.
   *
   * @param capacity the number of slots, at least 1
   */
  public Lru(int capacity) {
    super(capacity);
    prev = new int[capacity];
    next = new int[capacity];
  }

  @Override
  public String name() {
    return "lru";
  }

  @Override
  public void recordHit(int item, int nextUse) {
    int slot = cachedSlot(item);
    moveToHead(slot);
  }

  @Override
  public boolean access(int item, int nextUse) {
    int slot = table.slotOf(item);
    if (slot >= 0) {
      moveToHead(slot);
      return true;
    }
    admit(item, nextUse);
    return false;
  }

  @Override
  public int admit(int item, int nextUse) {
    SlotTable.checkItem(item);
    if (!table.isFull()) {
      pushHead(table.append(item));
      return -1;
    }
    int slot = tail;
    unlink(slot);
    int evicted = table.replace(slot, item);
    pushHead(slot);
    return evicted;
  }

  private void moveToHead(int slot) {
    if (slot != head) {
      unlink(slot);
      pushHead(slot);
    }
  }

  private void unlink(int slot) {
    int p = prev[slot];
    int n = next[slot];
    if (p >= 0) {
      next[p] = n;
    } else {
      head = n;
    }
    if (n >= 0) {
      prev[n] = p;
    } else {
      tail = p;
    }
  }

  private void pushHead(int slot) {
    prev[slot] = -1;
    next[slot] = head;
    if (head >= 0) {
      prev[head] = slot;
    }
    head = slot;
    if (tail < 0) {
      tail = slot;
    }
  }
}
