package dnt.learn.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every architecture's gradients are the same whether or not the garbage collector runs between the
 * forward and the backward pass. DJL wraps a {@link Number} operand in a tensor over a Java direct
 * buffer and drops the wrapper at once; autograd keeps the tensor for the backward pass, so a
 * collection in between freed memory the backward pass then read (the MLP's {@code maximum(0f)}:
 * the poisoning study's intermittent differences between runs of the same seed).
 */
final class GradientsSurviveGcTest {
  static {
    Forecaster.initialise(
        new Mlp(WindowSpec.fedda(24), 4, 1, 0.0), 1); // loads the engine with its settings
  }

  /** The gradients of mean(prediction^2) with respect to every weight tensor, flattened. */
  private static float[] gradients(Architecture a, boolean collectInBetween) {
    WindowSpec w = a.windows();
    int b = 8;
    SplittableRandom r = new SplittableRandom(7);
    boolean previous = JniUtils.isGradMode();
    try (NDManager m = NDManager.newBaseManager()) {
      NDList weights = new NDList();
      for (TensorSpec t : a.tensors()) {
        float[] v = new float[t.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) ((r.nextDouble() * 2 - 1) * t.bound());
        }
        NDArray x = m.create(v, new Shape(t.shape()));
        x.setRequiresGradient(true);
        weights.add(x);
      }
      float[] close = new float[b * w.closeness() * w.features()];
      int ps = Math.max(1, w.periodSteps());
      float[] period = new float[b * ps * w.features()];
      for (int i = 0; i < close.length; i++) {
        close[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < period.length; i++) {
        period[i] = (float) r.nextGaussian();
      }
      maskPresent(close, w);
      maskPresent(period, w);
      NDArray xc = m.create(close, new Shape(b, w.closeness(), w.features()));
      NDArray xp = m.create(period, new Shape(b, ps, w.features()));
      JniUtils.setGradMode(true);
      NDArray loss = a.forward(weights, xc, xp, Architecture.Dropout.NONE).square().mean();
      if (collectInBetween) {
        collectAndReuseFreedBuffers();
      }
      JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(new Shape()), false, false);
      JniUtils.setGradMode(false);
      List<Float> all = new ArrayList<>();
      for (NDArray x : weights) {
        for (float g : x.getGradient().toFloatArray()) {
          all.add(g);
        }
      }
      float[] out = new float[all.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = all.get(i);
      }
      return out;
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** Sets every patch mask feature to 1 (all neighbours present); nothing without a patch. */
  private static void maskPresent(float[] steps, WindowSpec w) {
    int n = w.patch() * w.patch();
    int f = w.features();
    for (int at = 0; n > 0 && at < steps.length; at += f) {
      java.util.Arrays.fill(steps, at + w.cellFeatures() + n, at + w.cellFeatures() + 2 * n, 1f);
    }
  }

  /** Collects garbage, then fills many small direct buffers so that freed ones are reused. */
  private static void collectAndReuseFreedBuffers() {
    List<ByteBuffer> junk = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int k = 0; k < 20_000; k++) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        buf.putFloat(0, 1e30f);
        junk.add(buf);
      }
    }
    assertThat(junk).hasSize(60_000);
  }

  @Test
  void aCollectionBetweenForwardAndBackwardChangesNoGradient() {
    for (String name : Architectures.REGISTRY.names()) {
      check(name);
    }
  }

  private static void check(String name) {
    Architecture a =
        Architectures.REGISTRY
            .factory(name)
            .apply(
                new Architectures.Options(
                    Architectures.spatial(name)
                        ? WindowSpec.fedda(24).withSpatial(1, 3)
                        : WindowSpec.fedda(24),
                    6,
                    2,
                    0.0));
    float[] reference = gradients(a, false);
    assertThat(reference).isNotEmpty();
    for (int run = 0; run < 4; run++) {
      // exact: the same operations on the same values; only freed memory could change them
      assertThat(gradients(a, true)).as("%s, run %d", name, run).isEqualTo(reference);
    }
  }
}
