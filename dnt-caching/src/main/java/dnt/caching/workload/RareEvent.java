package dnt.caching.workload;

/**
 * A rare or dynamic regime injected into a request stream over a slot interval [start, start +
 * duration): the events the physical history seldom contains and the twin is asked to synthesise
 * (reconstructed from the D-REC description; the exact events of the original work are not public).
 */
public sealed interface RareEvent {
  /**
   * The first slot.
   *
   * @return the start
   */
  int start();

  /**
   * The number of slots.
   *
   * @return the duration
   */
  int duration();

  /**
   * Whether the event is active in a slot.
   *
   * @param slot the slot
   * @return true inside [start, start + duration)
   */
  default boolean activeAt(int slot) {
    return slot >= start() && slot < start() + duration();
  }

  /**
   * A flash crowd at one station: its home clients request a few new items with probability {@code
   * share} (the new items take ids from {@code firstItem}).
   *
   * @param start the first slot
   * @param duration the number of slots
   * @param station the station
   * @param items how many hot items
   * @param share the probability that a request goes to the hot items
   * @param firstItem the id of the first hot item
   */
  record FlashCrowd(int start, int duration, int station, int items, double share, int firstItem)
      implements RareEvent {}

  /**
   * A rate surge: the home clients of one station request {@code factor} times as often.
   *
   * @param start the first slot
   * @param duration the number of slots
   * @param station the station
   * @param factor the rate multiplier
   */
  record RateSurge(int start, int duration, int station, double factor) implements RareEvent {}

  /**
   * A popularity shift: at {@code start} every ranking rotates by {@code ranks} (permanent).
   *
   * @param start the slot of the shift
   * @param ranks the rotation
   */
  record PopularityShift(int start, int ranks) implements RareEvent {
    @Override
    public int duration() {
      return 1;
    }
  }

  /**
   * A Zipf exponent jump for the interval.
   *
   * @param start the first slot
   * @param duration the number of slots
   * @param alpha the exponent while active
   */
  record AlphaJump(int start, int duration, double alpha) implements RareEvent {}
}
