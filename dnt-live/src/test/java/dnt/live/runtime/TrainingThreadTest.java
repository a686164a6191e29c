package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dnt.learn.fl.LocalTraining;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The live twin's training thread trains with PyTorch's process-wide thread count (one here, as in
 * {@code ./dnt}) although the engine was loaded on another thread: no OpenMP or MKL helper thread
 * appears beside it. Native threads that PyTorch starts from a thread inherit that thread's Linux
 * name, so they are counted by it in {@code /proc/self/task}. The control is a plain thread that
 * opens a DJL session directly ({@code NDManager.newBaseManager()}, not through {@code
 * dnt.torch.TorchThreads} as every session of {@code Forecaster} now does) and runs a product large
 * enough for MKL: it shows the helper that the training thread used to spin in (on a machine of
 * more than one core, where MKL's default team has more than one thread).
 */
final class TrainingThreadTest {
  @Test
  void trainingThreadStartsNoPyTorchHelper() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    assertThat(System.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("1");
    // the engine is loaded here, on the test's thread, as the live twin loads it off the trainer
    Forecaster.useProcessThreadCount();

    ExecutorService trainer = ForecastRuntime.trainingExecutor("dnt-train-check");
    try {
      trainer.submit(TrainingThreadTest::trainOnce).get();
      assertThat(threadsNamed("dnt-train-check")).isEqualTo(1);
    } finally {
      trainer.shutdownNow();
    }

    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "MKL's default team is one thread");
    ExecutorService plain =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dnt-plain-check");
              t.setDaemon(true);
              return t;
            });
    try {
      plain.submit(TrainingThreadTest::rawProduct).get();
      assertThat(threadsNamed("dnt-plain-check")).isGreaterThan(1);
    } finally {
      plain.shutdownNow();
    }
  }

  /** One H-twin client's update as the live twin's defaults train it: an MLP of 32 units. */
  private static LocalTraining.Result trainOnce() {
    WindowSpec spec = new WindowSpec(6, 1, 144, true, false, false);
    Architecture net =
        Architectures.REGISTRY.factory("mlp").apply(new Architectures.Options(spec, 32, 1, 0.0));
    SplittableRandom random = new SplittableRandom(1);
    float[] series = new float[3 * 144];
    for (int i = 0; i < series.length; i++) {
      series[i] = (float) (Math.sin(2 * Math.PI * i / 144) + 0.1 * random.nextGaussian());
    }
    Windows w = new WindowBuilder(spec, 0).build(series, 144, series.length, "cell 1");
    TrainingRecipe recipe =
        new TrainingRecipe(2, 32, TrainingRecipe.Optimizer.ADAM, 0.001, 0.9, true);
    return LocalTraining.train(
        net, Forecaster.initialise(net, 3).parameters(), w, recipe, /* seed */ 5);
  }

  /**
   * A 512 x 512 by 512 x 512 product in a session opened without bringing the thread to the
   * process's thread count, so MKL runs it on its default team. Large on purpose: MKL decides by
   * size and CPU whether a product is worth its team (on an Intel Xeon of two cores it ran a 10 x
   * 64 by 64 x 64 product, the size whose bits differed between threads before the fix, on the
   * calling thread alone, so the control saw no helper there; on the AMD EPYC it used the team).
   */
  private static float[] rawProduct() {
    SplittableRandom random = new SplittableRandom(42);
    float[] x = new float[512 * 512];
    float[] y = new float[512 * 512];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) random.nextGaussian();
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(x, new Shape(512, 512));
      NDArray b = m.create(y, new Shape(512, 512));
      return a.matMul(b).toFloatArray();
    }
  }

  /** Threads of this process whose Linux name ({@code comm}, 15 characters) is {@code name}. */
  private static long threadsNamed(String name) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks
          .filter(
              t -> {
                try {
                  return Files.readString(t.resolve("comm")).strip().equals(name);
                } catch (IOException e) {
                  return false; // the thread ended
                }
              })
          .count();
    }
  }
}
