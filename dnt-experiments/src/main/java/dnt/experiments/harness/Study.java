package dnt.experiments.harness;

/**
 * A study of the harness: computes everything one replication produces from its seed alone, so that
 * replications can run in any order, or in parallel, with the same results.
 *
 * @param <R> what one replication produces
 */
@FunctionalInterface
public interface Study<R> {
  /**
   * Runs one replication.
   *
   * @param replication its index and seed
   * @return its results
   * @throws Exception when the replication fails (passed on by {@link Replications#run})
   */
  R replicate(Replication replication) throws Exception;
}
