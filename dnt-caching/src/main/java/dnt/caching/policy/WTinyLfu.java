package dnt.caching.policy;

import it.unimi.dsi.fastutil.ints.IntLinkedOpenHashSet;

/**
 * Window TinyLFU (G. Einziger, R. Friedman and B. Manes, "TinyLFU: A Highly Efficient Cache
 * Admission Policy", ACM Transactions on Storage 13(4), 2017), with the static layout of the
 * Caffeine library: an LRU admission window of 1% of the capacity, and a segmented-LRU main region
 * (20% probation, 80% protected). A candidate leaving the window enters the main region only if a
 * count-min frequency sketch estimates it more popular than the main region's victim.
 *
 * <p>The sketch has four rows of 4-bit counters (capped at 15) and halves every counter after 10·C
 * recorded requests, as in TinyLFU's reset aging. Caffeine's adaptive hill climber and doorkeeper
 * are not reproduced.
 */
public final class WTinyLfu implements CachePolicy {
  private static final long[] SEEDS = {
    0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0xD6E8FEB86659FD93L
  };

  private final int capacity;
  private final int windowCapacity;
  private final int protectedCapacity;
  private final int mainCapacity;
  private final IntLinkedOpenHashSet window = new IntLinkedOpenHashSet();
  private final IntLinkedOpenHashSet probation = new IntLinkedOpenHashSet();
  private final IntLinkedOpenHashSet protectedSegment = new IntLinkedOpenHashSet();
  private final byte[][] sketch;
  private final int mask;
  private final int sampleSize;
  private int samples;

  /**
   * An empty W-TinyLFU cache.
   *
   * @param capacity the number of slots, at least 1
   */
  public WTinyLfu(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    windowCapacity = Math.max(1, capacity / 100);
    mainCapacity = capacity - windowCapacity;
    protectedCapacity = (int) (mainCapacity * 0.8);
    int width = Integer.highestOneBit(Math.max(16, capacity * 4 - 1)) << 1;
    sketch = new byte[SEEDS.length][width];
    mask = width - 1;
    sampleSize = 10 * capacity;
  }

  @Override
  public String name() {
    return "wtinylfu";
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public int size() {
    return window.size() + probation.size() + protectedSegment.size();
  }

  @Override
  public boolean contains(int item) {
    return window.contains(item) || probation.contains(item) || protectedSegment.contains(item);
  }

  @Override
  public void recordHit(int item, int nextUse) {
    increment(item);
    if (window.contains(item)) {
      window.addAndMoveToLast(item);
    } else if (probation.remove(item)) {
      protectedSegment.addAndMoveToLast(item);
      if (protectedSegment.size() > protectedCapacity) {
        probation.addAndMoveToLast(protectedSegment.removeFirstInt());
      }
    } else if (protectedSegment.contains(item)) {
      protectedSegment.addAndMoveToLast(item);
    } else {
      throw new IllegalStateException("item " + item + " is not cached");
    }
  }

  @Override
  public int admit(int item, int nextUse) {
    SlotTable.checkItem(item);
    increment(item);
    window.addAndMoveToLast(item);
    if (window.size() <= windowCapacity) {
      return -1;
    }
    int candidate = window.removeFirstInt();
    if (probation.size() + protectedSegment.size() < mainCapacity) {
      probation.addAndMoveToLast(candidate);
      return -1;
    }
    if (mainCapacity == 0) {
      return candidate;
    }
    IntLinkedOpenHashSet victims = probation.isEmpty() ? protectedSegment : probation;
    int victim = victims.firstInt();
    if (frequency(candidate) > frequency(victim)) {
      victims.removeFirstInt();
      probation.addAndMoveToLast(candidate);
      return victim;
    }
    return candidate;
  }

  /**
   * The sketch's estimate of how often the item was requested recently.
   *
   * @param item the item
   * @return the estimate, 0..15
   */
  public int frequency(int item) {
    int min = Integer.MAX_VALUE;
    for (int r = 0; r < sketch.length; r++) {
      min = Math.min(min, sketch[r][index(item, r)]);
    }
    return min;
  }

  private void increment(int item) {
    boolean added = false;
    for (int r = 0; r < sketch.length; r++) {
      int i = index(item, r);
      if (sketch[r][i] < 15) {
        sketch[r][i]++;
        added = true;
      }
    }
    if (added && ++samples >= sampleSize) {
      for (byte[] row : sketch) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (byte) (row[i] >>> 1);
        }
      }
      samples /= 2;
    }
  }

  private int index(int item, int row) {
    long h = (item + SEEDS[row]) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    return (int) h & mask;
  }
}
