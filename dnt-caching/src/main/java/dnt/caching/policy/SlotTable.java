package dnt.caching.policy;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * The storage shared by the slot-based policies: {@code capacity} slots, the item in each, and an
 * item-to-slot index. Slots are filled in order 0, 1, ... until the table is full.
 */
final class SlotTable {
  final int[] items;
  private final Int2IntOpenHashMap index;
  private int size;

  SlotTable(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    items = new int[capacity];
    index = new Int2IntOpenHashMap(capacity * 2, 0.5f);
    index.defaultReturnValue(-1);
  }

  int capacity() {
    return items.length;
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == items.length;
  }

  /** The slot holding the item, or -1. */
  int slotOf(int item) {
    return index.get(item);
  }

  /** Puts the item into the next free slot and returns it; the table must not be full. */
  int append(int item) {
    int slot = size++;
    items[slot] = item;
    index.put(item, slot);
    return slot;
  }

  /** Replaces the item in a slot and returns the item evicted. */
  int replace(int slot, int item) {
    int old = items[slot];
    index.remove(old);
    items[slot] = item;
    index.put(item, slot);
    return old;
  }

  static void checkItem(int item) {
    if (item < 0) {
      throw new IllegalArgumentException("items are non-negative, got " + item);
    }
  }
}
