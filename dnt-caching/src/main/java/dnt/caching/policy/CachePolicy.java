package dnt.caching.policy;

/**
 * One cache of {@link #capacity()} unit-size slots holding non-negative integer items, and the rule
 * that decides what to evict.
 *
 * <p>The network simulator calls {@link #contains} to test for a hit, {@link #recordHit} when this
 * cache serves a hit, and {@link #admit} on a miss at the client's home station. Every call carries
 * the position of the item's next request in this cache's request substream ({@link #NEVER} when
 * there is none); only offline policies such as {@link Belady} read it.
 */
public interface CachePolicy {
  /** The next-use position of an item that is never requested again. */
  int NEVER = Integer.MAX_VALUE;

  /**
   * The registry name of this policy (e.g. {@code lru}).
   *
   * @return the name
   */
  String name();

  /**
   * The number of slots.
   *
   * @return the capacity, at least 1
   */
  int capacity();

  /**
   * The number of items cached now.
   *
   * @return the size, at most the capacity
   */
  int size();

  /**
   * Whether the item is cached.
   *
   * @param item the item
   * @return true on a hit
   */
  boolean contains(int item);

  /**
   * Records a hit served by this cache; the item must be cached.
   *
   * @param item the item
   * @param nextUse the position of its next request, or {@link #NEVER}
   */
  void recordHit(int item, int nextUse);

  /**
   * Tells this cache that a request for an item it holds, from a client it covers, was served by
   * another station (the client's other covering station, which holds the item too). Nothing is
   * served here, but the item's next request among this cache's clients has moved on: {@code
   * nextUse} is the position of the one after this request. Only offline policies read it (see
   * {@link Belady}); the default ignores it.
   *
   * @param item the item, cached here
   * @param nextUse the position of its next request among this cache's clients, or {@link #NEVER}
   */
  default void servedElsewhere(int item, int nextUse) {}

  /**
   * Handles a miss: admits the item, evicting one by the policy when full. A policy may decline to
   * admit (learned policies do; the classic ones always admit).
   *
   * @param item the item, not cached
   * @param nextUse the position of its next request, or {@link #NEVER}
   * @return the evicted item, or -1 when nothing was evicted
   */
  int admit(int item, int nextUse);

  /**
   * A hit-or-miss access as on a single cache: {@link #recordHit} on a hit, {@link #admit} on a
   * miss.
   *
   * @param item the item
   * @param nextUse the position of its next request, or {@link #NEVER}
   * @return true on a hit
   */
  default boolean access(int item, int nextUse) {
    if (contains(item)) {
      recordHit(item, nextUse);
      return true;
    }
    admit(item, nextUse);
    return false;
  }

  /**
   * The times a safety module overrode this cache's decisions (0 for the classic policies).
   *
   * @return the number of interventions
   */
  default long interventions() {
    return 0;
  }
}
