package dnt.caching.workload;

import java.util.random.RandomGenerator;

/** Draws the item of one request, given the requesting client's home station and the time slot. */
public interface ItemSampler {
  /**
   * Draws an item.
   *
   * @param station the client's home station
   * @param slot the time slot
   * @param random the source of randomness
   * @return the item, non-negative
   */
  int sample(int station, int slot, RandomGenerator random);

  /**
   * Called once at the start of each slot (e.g. to let shot-noise contents arrive and expire).
   *
   * @param slot the slot starting
   * @param random the source of randomness
   */
  default void advance(int slot, RandomGenerator random) {}

  /**
   * Rotates the popularity ranking by {@code ranks} positions (a popularity shift), where the
   * sampler has a ranking; the default does nothing.
   *
   * @param ranks the rotation
   */
  default void shift(int ranks) {}
}
