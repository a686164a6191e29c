package dnt.experiments.harness;

/**
 * One replication of a run: its index among the run's replications and the seed it draws from.
 *
 * @param index the replication's index, from 0
 * @param seed its seed, {@link Replications#seed(long, int)} of the run's base seed and the index
 * @param count the run's number of replications
 */
public record Replication(int index, long seed, int count) {
  /** Checks the index against the count. */
  public Replication {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "need 0 <= index < count and count >= 1, got " + index + " and " + count);
    }
  }

  /**
   * The replication's number as a person counts, from 1.
   *
   * @return index + 1
   */
  public int number() {
    return index + 1;
  }
}
