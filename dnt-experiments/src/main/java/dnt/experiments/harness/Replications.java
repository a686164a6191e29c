package dnt.experiments.harness;

import dnt.core.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the replications of a study with the one seed convention of every study: replication i of a
 * run with base seed s uses seed {@code s + i}, so a run of n seeds from s holds the same
 * replications as n runs of one seed from s, s + 1, ... (the convention of seeded replications in,
 * e.g., CloudSim Plus). Replications may run in parallel on a thread pool; the results are returned
 * in replication order and never depend on the scheduling, since each replication draws from its
 * own seed only.
 */
public final class Replications {
  private Replications() {}

  /**
   * The seed of a replication.
   *
   * @param base the run's base seed
   * @param index the replication's index, from 0
   * @return base + index
   */
  public static long seed(long base, int index) {
    return base + index;
  }

  /**
   * The replications of a run.
   *
   * @param base the run's base seed
   * @param count the number of replications, at least 1
   * @return replications 0..count-1, each with its seed
   */
  public static List<Replication> of(long base, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one replication, got " + count);
    }
    List<Replication> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new Replication(i, seed(base, i), count));
    }
    return out;
  }

  /**
   * Runs replications 0..count-1 one after the other.
   *
   * @param <R> what a replication produces
   * @param study the study
   * @param base the run's base seed
   * @param count the number of replications, at least 1
   * @param progress receives one update per finished replication, counting from 1
   * @return the results in replication order
   */
  public static <R> List<R> run(Study<R> study, long base, int count, Progress progress) {
    List<R> out = new ArrayList<>(count);
    for (Replication r : of(base, count)) {
      out.add(replicate(study, r));
      progress.update(r.number(), count, message(r));
    }
    return out;
  }

  /**
   * Runs replications 0..count-1 on up to {@code threads} worker threads. Progress is reported in
   * replication order, once per replication, counting from 1 ("replication 2 of 5"), as soon as
   * that replication and all before it have finished.
   *
   * @param <R> what a replication produces
   * @param study the study
   * @param base the run's base seed
   * @param count the number of replications, at least 1
   * @param threads the worker threads, at least 1 (at most count are used)
   * @param progress receives one update per finished replication
   * @return the results in replication order
   * @throws InterruptedException when interrupted while waiting
   * @throws RuntimeException a replication's unchecked exception, unchanged (the first in
   *     replication order); a checked one wrapped in an {@link IllegalStateException}
   */
  public static <R> List<R> run(
      Study<R> study, long base, int count, int threads, Progress progress)
      throws InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("need at least one thread, got " + threads);
    }
    if (threads == 1) {
      return run(study, base, count, progress);
    }
    List<Replication> reps = of(base, count);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
    try {
      List<Future<R>> futures = new ArrayList<>(count);
      for (Replication r : reps) {
        futures.add(pool.submit(() -> study.replicate(r)));
      }
      List<R> out = new ArrayList<>(count);
      for (Replication r : reps) {
        try {
          out.add(futures.get(r.index()).get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw unwrap(r, cause != null ? cause : e);
        }
        progress.update(r.number(), count, message(r));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R replicate(Study<R> study, Replication r) {
    try {
      return study.replicate(r);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw unwrap(r, e);
    }
  }

  private static RuntimeException unwrap(Replication r, Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(
        "replication " + r.number() + " (seed " + r.seed() + ") failed: " + cause, cause);
  }

  private static String message(Replication r) {
    return "replication " + r.number() + " of " + r.count();
  }
}
