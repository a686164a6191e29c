package dnt.caching.policy;

import it.unimi.dsi.fastutil.ints.IntLinkedOpenHashSet;

/**
 * Adaptive Replacement Cache (N. Megiddo and D. S. Modha, "ARC: A Self-Tuning, Low Overhead
 * Replacement Cache", USENIX FAST 2003): two resident LRU lists, T1 (seen once recently) and T2
 * (seen at least twice), two ghost lists B1 and B2 of recently evicted keys, and a target size p
 * for T1 that adapts on ghost hits. Follows the paper's Fig. 4 pseudo-code; lists keep LRU first.
 */
public final class Arc implements CachePolicy {
  private final int capacity;
  private final IntLinkedOpenHashSet t1 = new IntLinkedOpenHashSet();
  private final IntLinkedOpenHashSet t2 = new IntLinkedOpenHashSet();
  private final IntLinkedOpenHashSet b1 = new IntLinkedOpenHashSet();
  private final IntLinkedOpenHashSet b2 = new IntLinkedOpenHashSet();
  private double p;

  /**
   * An empty ARC cache.
   *
   * @param capacity the number of slots, at least 1
   */
  public Arc(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public String name() {
    return "arc";
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public int size() {
    return t1.size() + t2.size();
  }

  @Override
  public boolean contains(int item) {
    return t1.contains(item) || t2.contains(item);
  }

  /**
   * The adaptive target size of T1 (for tests and diagnostics).
   *
   * @return p, between 0 and the capacity
   */
  public double target() {
    return p;
  }

  @Override
  public void recordHit(int item, int nextUse) {
    if (!t1.remove(item) && !t2.contains(item)) {
      throw new IllegalStateException("item " + item + " is not cached");
    }
    t2.addAndMoveToLast(item);
  }

  @Override
  public int admit(int item, int nextUse) {
    SlotTable.checkItem(item);
    if (b1.contains(item)) {
      p = Math.min(capacity, p + Math.max((double) b2.size() / b1.size(), 1));
      int evicted = replace(false);
      b1.remove(item);
      t2.addAndMoveToLast(item);
      return evicted;
    }
    if (b2.contains(item)) {
      p = Math.max(0, p - Math.max((double) b1.size() / b2.size(), 1));
      int evicted = replace(true);
      b2.remove(item);
      t2.addAndMoveToLast(item);
      return evicted;
    }
    int evicted = -1;
    int l1 = t1.size() + b1.size();
    int total = l1 + t2.size() + b2.size();
    if (l1 == capacity) {
      if (t1.size() < capacity) {
        b1.removeFirstInt();
        evicted = replace(false);
      } else {
        evicted = t1.removeFirstInt();
      }
    } else if (total >= capacity) {
      if (total == 2 * capacity) {
        b2.removeFirstInt();
      }
      evicted = replace(false);
    }
    t1.addAndMoveToLast(item);
    return evicted;
  }

  /** REPLACE(x, p) of the paper; only evicts when the cache is full. */
  private int replace(boolean inB2) {
    if (size() < capacity) {
      return -1;
    }
    if (!t1.isEmpty() && (t1.size() > p || (inB2 && t1.size() == p))) {
      int victim = t1.removeFirstInt();
      b1.addAndMoveToLast(victim);
      return victim;
    }
    int victim = t2.removeFirstInt();
    b2.addAndMoveToLast(victim);
    return victim;
  }
}
