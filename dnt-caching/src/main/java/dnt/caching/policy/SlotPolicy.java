package dnt.caching.policy;

/**
 * The part that every slot-based policy shares: a {@link SlotTable} of {@code capacity} slots, the
 * size and membership queries over it, and the check that a hit names a cached item. Subclasses
 * decide only what a hit updates and which slot a miss evicts.
 */
abstract sealed class SlotPolicy implements CachePolicy
    permits Fifo, Lru, Lfu, Belady, RandomEviction {
  /** The slots and the item-to-slot index. */
  final SlotTable table;

  SlotPolicy(int capacity) {
    table = new SlotTable(capacity);
  }

  @Override
  public final int capacity() {
    return table.capacity();
  }

  @Override
  public final int size() {
    return table.size();
  }

  @Override
  public final boolean contains(int item) {
    return table.slotOf(item) >= 0;
  }

  /**
   * The slot of an item that a hit names.
   *
   * @param item the item
   * @return its slot
   * @throws IllegalStateException if the item is not cached
   */
  final int cachedSlot(int item) {
    int slot = table.slotOf(item);
    if (slot < 0) {
      throw new IllegalStateException("item " + item + " is not cached");
    }
    return slot;
  }
}
