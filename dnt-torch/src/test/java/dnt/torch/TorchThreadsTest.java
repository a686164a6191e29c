package dnt.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class TorchThreadsTest {
  @Test
  void aThreadRunsOnTheProcesssThreadCount() throws InterruptedException {
    // the tests run with ai.djl.pytorch.num_threads=1 (parent POM, as ./dnt does)
    assertThat(TorchThreads.onThisThread()).isEqualTo(1);
    AtomicReference<Integer> fresh = new AtomicReference<>();
    Thread t = new Thread(() -> fresh.set(TorchThreads.onThisThread()));
    t.start();
    t.join();
    assertThat(fresh.get()).isEqualTo(1);
  }

  /**
   * A small matrix product (10 x 64 by 64 x 64, the size of per-station PPO's 10-station layers)
   * gives the same bits on a fresh thread as on the thread that loaded the engine. With {@code
   * NDManager.newBaseManager()} instead of {@link TorchThreads#manager()} on the fresh thread, MKL
   * ran this product on its default thread count (the cores) and its bits differed on the 2-core
   * development machine (checked when the test was written; larger products, 64 x 8192 by 8192 x 64
   * or 512 x 512 by 512 x 512, happened to agree). On a one-core machine MKL's default is one
   * thread and this cannot fail.
   */
  @Test
  void aFreshThreadGivesTheLoadingThreadsBits() throws InterruptedException {
    int[][] shapes = {{10, 64, 64}, {100, 64, 128}, {64, 2000, 64}};
    float[][] onLoading = new float[shapes.length][];
    for (int s = 0; s < shapes.length; s++) {
      onLoading[s] = product(shapes[s]);
    }
    for (int s = 0; s < shapes.length; s++) {
      int[] shape = shapes[s];
      AtomicReference<float[]> fresh = new AtomicReference<>();
      Thread t = new Thread(() -> fresh.set(product(shape)));
      t.start();
      t.join();
      assertThat(fresh.get())
          .as("%d x %d by %d x %d", shape[0], shape[1], shape[1], shape[2])
          .containsExactly(onLoading[s]);
    }
  }

  /** A fixed random [m x k] matrix times a fixed random [k x n] one, in a new session. */
  private static float[] product(int[] mkn) {
    SplittableRandom random = new SplittableRandom(42);
    float[] x = new float[mkn[0] * mkn[1]];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] y = new float[mkn[1] * mkn[2]];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) random.nextGaussian();
    }
    try (NDManager m = TorchThreads.manager()) {
      NDArray a = m.create(x, new Shape(mkn[0], mkn[1]));
      NDArray b = m.create(y, new Shape(mkn[1], mkn[2]));
      return a.matMul(b).toFloatArray();
    }
  }
}
