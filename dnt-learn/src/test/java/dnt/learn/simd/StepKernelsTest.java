package dnt.learn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SGD step's kernels against the update written as Java float expressions (each operation
 * rounded on its own, as Java evaluates them): the same floats bit for bit, for every
 * implementation, over counts with and without a partial last vector and at offsets into the
 * buffers; the vector kernels are those the tests' JVM resolves (dnt-learn's surefire adds the
 * module).
 */
final class StepKernelsTest {
  private static ByteBuffer floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(values);
    return b;
  }

  private static float[] read(ByteBuffer b) {
    float[] out = new float[b.capacity() / 4];
    b.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
    return out;
  }

  private static float[] random(SplittableRandom r, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) ((2 * r.nextDouble() - 1) * scale);
    }
    return x;
  }

  @Test
  void everyImplementationComputesTheFloatExpressions() {
    List<StepKernels> kernels = new ArrayList<>(List.of(StepKernels.scalar()));
    StepKernels.vector().ifPresent(kernels::add);
    assertThat(kernels).extracting(StepKernels::name).contains("vector");
    SplittableRandom r = new SplittableRandom(3);
    float mu = 0.9f;
    float lr = 0.01f;
    for (int count : new int[] {1, 15, 16, 17, 64, 1003}) {
      for (int offset : new int[] {0, 5, 32}) {
        float[] w = random(r, offset + count + 7, 1);
        float[] v = random(r, offset + count + 3, 0.5);
        float[] g = random(r, count, 2);
        float[] ew = w.clone();
        float[] ev = v.clone();
        for (int j = 0; j < count; j++) {
          float vj = ev[offset + j] * mu;
          vj = vj + g[j];
          ev[offset + j] = vj;
          float step = vj * lr;
          ew[offset + j] = ew[offset + j] - step;
        }
        for (StepKernels k : kernels) {
          ByteBuffer wb = floats(w);
          ByteBuffer vb = floats(v);
          k.sgdMomentum(wb, offset, vb, offset, floats(g), count, mu, lr);
          assertThat(read(wb))
              .as("%s weights, %d at %d", k.name(), count, offset)
              .containsExactly(ew);
          assertThat(read(vb))
              .as("%s velocity, %d at %d", k.name(), count, offset)
              .containsExactly(ev);
        }
      }
    }
  }
}
