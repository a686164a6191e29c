package dnt.caching.policy;

import java.util.random.RandomGenerator;

/** Random replacement: evicts a uniformly chosen slot, from an injected seeded generator. */
public final class RandomEviction implements CachePolicy {
  private final SlotTable table;
  private final RandomGenerator random;

  /**
   * An empty random-replacement cache.
   *
   * @param capacity the number of slots, at least 1
   * @param random the source of randomness
   */
  public RandomEviction(int capacity, RandomGenerator random) {
    table = new SlotTable(capacity);
    this.random = random;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public int capacity() {
    return table.capacity();
  }

  @Override
  public int size() {
    return table.size();
  }

  @Override
  public boolean contains(int item) {
    return table.slotOf(item) >= 0;
  }

  @Override
  public void recordHit(int item, int nextUse) {
    if (table.slotOf(item) < 0) {
      throw new IllegalStateException("item " + item + " is not cached");
    }
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
