package dnt.learn.fl;

import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.FitReport;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.Windows;
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

  /**
   * Creates a pool.
   *
   * @param architecture the model trained by every client
   * @param threads worker threads (at least 1)
   */
  public LocalTraining(Architecture architecture, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.architecture = architecture;
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
   * @param model the trained weights
   * @param delta {@code model - start}, in double precision
   * @param report the fit report (loss, CPU time)
   */
  public record Result(float[] model, double[] delta, FitReport report) {}

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
    double[] d = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      d[j] = (double) w[j] - start[j];
    }
    return new Result(w, d, r);
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
