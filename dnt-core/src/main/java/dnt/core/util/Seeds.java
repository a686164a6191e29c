package dnt.core.util;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded randomness. Every run takes one seed; parallel work derives a stream per task from it with
 * {@link #derive}, so results never depend on thread scheduling.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * A generator for a seed.
   *
   * @param seed the seed
   * @return a fresh generator; equal seeds give equal streams
   */
  public static RandomGenerator generator(long seed) {
    return new SplittableRandom(seed);
  }

  /**
   * Derives an independent seed for a sub-task (client, round, replication) with the SplitMix64
   * finaliser, so that nearby indices give unrelated streams.
   *
   * @param seed the parent seed
   * @param index the sub-task's index
   * @return the derived seed
   */
  public static long derive(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Derives a seed from a parent seed and several indices.
   *
   * @param seed the parent seed
   * @param indices the path of sub-task indices
   * @return the derived seed
   */
  public static long derive(long seed, long... indices) {
    long s = seed;
    for (long i : indices) {
      s = derive(s, i);
    }
    return s;
  }
}
