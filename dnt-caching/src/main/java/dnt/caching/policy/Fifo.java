package dnt.caching.policy;

/**
 * First in, first out: evicts the item admitted longest ago; hits change nothing. Since a full
 * cache always evicts the oldest slot and refills it, the queue is a ring pointer over the slots.
 */
public final class Fifo extends SlotPolicy {
  private int oldest;

  /**
   * An empty FIFO cache.
   *
   * @param capacity the number of slots, at least 1
   */
  public Fifo(int capacity) {
    super(capacity);
  }

  @Override
  public String name() {
    return "fifo";
  }

  @Override
  public void recordHit(int item, int nextUse) {
    cachedSlot(item);
  }

  @Override
  public int admit(int item, int nextUse) {
    SlotTable.checkItem(item);
    if (!table.isFull()) {
      table.append(item);
      return -1;
    }
    int evicted = table.replace(oldest, item);
    oldest = (oldest + 1) % table.capacity();
    return evicted;
  }
}
