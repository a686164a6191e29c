package dnt.caching.policy;

import java.util.random.RandomGenerator;

/** Random replacement: evicts a uniformly chosen slot, from an injected seeded generator. */
public final class RandomEviction extends SlotPolicy {
  private final RandomGenerator random;

  /**
   * An empty random-replacement cache.
   *
   * @param capacity the number of slots, at least 1
   * @param random the source of randomness
   */
  public RandomEviction(int capacity, RandomGenerator random) {
    super(capacity);
    this.random = random;
  }

  @Override
  public String name() {
    return "random";
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
    return table.replace(random.nextInt(table.capacity()), item);
  }
}
