package dnt.learn.fl;

import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.FitReport;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.Windows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains clients' local models on Java threads (each model uses one PyTorch intra-op thread). A
 * job's result depends only on its inputs and seed, never on scheduling. Close it to stop the
 * threads.
 */
public final class LocalTraining implements AutoCloseable {
  private final Architecture architecture;
  private final ExecutorService pool;
  private final int threads;
  private final boolean batched;

  /**
   * Creates a pool.
   *
   * @param architecture the model trained by every client
   * @param threads worker threads (at least 1)
   */
  public LocalTraining(Architecture architecture, int threads) {
    this(architecture, threads, true);
  }

  /**
   * Creates a pool, optionally without batched training (for comparisons).
   *
   * @param architecture the model trained by every client
   * @param threads worker threads (at least 1)
   * @param batched train jobs of {@link #submitAll} batched when the architecture supports it
   */
  public LocalTraining(Architecture architecture, int threads, boolean batched) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.architecture = architecture;
    this.threads = threads;
    this.batched = batched;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "dnt-fl-client-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newFixedThreadPool(threads, tf);
  }

  /**
   * The model architecture.
   *
   * @return the architecture
   */
  public Architecture architecture() {
    return architecture;
  }

  /**
   * The result of one local training job.
   *
   * @param update {@code trained - start}: the trained float weights and the start they began from
   *     ({@link UpdateVector#difference}, 4 bytes per parameter, the start shared), or double
   *     values for a result that arrived as such
   * @param report the fit report (loss, CPU time)
   */
  public record Result(UpdateVector update, FitReport report) {
    /** Checks the fields. */
    public Result {
      java.util.Objects.requireNonNull(update, "update");
      java.util.Objects.requireNonNull(report, "report");
    }

    /**
     * A result given as a double update.
     *
     * @param delta {@code trained - start} in double precision (kept, not copied)
     * @param report the fit report
     */
    public Result(double[] delta, FitReport report) {
      this(UpdateVector.of(delta), report);
    }

    /**
     * The update {@code trained - start} as a new double array, each coordinate {@code (double)
     * trained[j] - start[j]}.
     *
     * @return the update
     */
    public double[] delta() {
      return update.toDouble();
    }
  }

  /**
   * Starts a job.
   *
   * @param start the starting weights (not modified)
   * @param data the local samples
   * @param recipe the recipe
   * @param seed the job's seed
   * @return the future result
   */
  public Future<Result> submit(float[] start, Windows data, TrainingRecipe recipe, long seed) {
    float[] s = start.clone();
    return pool.submit(() -> train(architecture, s, data, recipe, seed));
  }

  /**
   * One local training job.
   *
   * @param start the starting weights
   * @param data the local samples
   * @param seed the job's seed
   */
  public record Job(float[] start, Windows data, long seed) {}

  /** The most models trained in one batched group. */
  static final int MAX_GROUP = 64;

  /**
   * Starts several jobs with a common recipe. When the architecture supports it, jobs with equal
   * sample counts are trained batched ({@link Forecaster#fitMany}) in up to {@code threads}
   * contiguous groups, which is several times cheaper than one model at a time; the grouping
   * depends only on the job list and the thread count, so results stay deterministic.
   *
   * @param jobs the jobs, in order
   * @param recipe the recipe
   * @return one future per job, in order
   */
  public List<Future<Result>> submitAll(List<Job> jobs, TrainingRecipe recipe) {
    List<Future<Result>> out = new ArrayList<>(jobs.size());
    if (!batched || !architecture.supportsMany() || jobs.size() < 2) {
      for (Job j : jobs) {
        out.add(submit(j.start(), j.data(), recipe, j.seed()));
      }
      return out;
    }
    List<CompletableFuture<Result>> futures = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      futures.add(new CompletableFuture<>());
    }
    Map<Integer, List<Integer>> byCount = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      byCount.computeIfAbsent(jobs.get(i).data().count(), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> group : byCount.values()) {
      int chunks = Math.max(Math.min(threads, group.size()), ceilDiv(group.size(), MAX_GROUP));
      int size = ceilDiv(group.size(), chunks);
      for (int from = 0; from < group.size(); from += size) {
        List<Integer> chunk = List.copyOf(group.subList(from, Math.min(group.size(), from + size)));
        List<Job> chunkJobs = new ArrayList<>(chunk.size());
        List<CompletableFuture<Result>> chunkFutures = new ArrayList<>(chunk.size());
        for (int i : chunk) {
          chunkJobs.add(jobs.get(i));
          chunkFutures.add(futures.get(i));
        }
        // A queued chunk holds only its own futures, so a result the caller has consumed and
        // dropped is not kept alive by the chunks still waiting to run.
        // runChunk completes every future of its chunk, normally or exceptionally
        pool.execute(() -> runChunk(chunkJobs, recipe, chunkFutures));
      }
    }
    out.addAll(futures);
    return out;
  }

  private void runChunk(
      List<Job> chunk, TrainingRecipe recipe, List<CompletableFuture<Result>> futures) {
    try {
      List<float[]> starts = new ArrayList<>(chunk.size());
      List<Windows> data = new ArrayList<>(chunk.size());
      long[] seeds = new long[chunk.size()];
      for (int k = 0; k < chunk.size(); k++) {
        Job j = chunk.get(k);
        starts.add(j.start());
        data.add(j.data());
        seeds[k] = j.seed();
      }
      List<Forecaster.Trained> trained =
          chunk.size() == 1
              ? List.of(single(starts.get(0), data.get(0), recipe, seeds[0]))
              : Forecaster.fitMany(architecture, starts, data, recipe, seeds);
      for (int k = 0; k < chunk.size(); k++) {
        float[] start = starts.get(k);
        float[] w = trained.get(k).parameters();
        futures
            .get(k)
            .complete(new Result(UpdateVector.difference(w, start), trained.get(k).report()));
      }
    } catch (RuntimeException | Error e) {
      for (CompletableFuture<Result> f : futures) {
        f.completeExceptionally(e);
      }
    }
  }

  private Forecaster.Trained single(float[] start, Windows data, TrainingRecipe recipe, long seed) {
    Forecaster f = Forecaster.of(architecture, start);
    FitReport r = f.fit(data, recipe, seed);
    return new Forecaster.Trained(f.parameters(), r);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * Trains on the calling thread.
   *
   * @param architecture the model
   * @param start the starting weights
   * @param data the samples
   * @param recipe the recipe
   * @param seed the seed
   * @return the result
   */
  public static Result train(
      Architecture architecture, float[] start, Windows data, TrainingRecipe recipe, long seed) {
    Forecaster f = Forecaster.of(architecture, start);
    FitReport r = f.fit(data, recipe, seed);
    float[] w = f.parameters();
    return new Result(UpdateVector.difference(w, start), r);
  }

  /**
   * Waits for a job, unwrapping its failure.
   *
   * @param f the future
   * @return the result
   */
  static Result await(Future<Result> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("local training failed", c);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
