package dnt.learn.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dnt.learn.simd.Kernels;
import dnt.learn.simd.StepKernels;
import dnt.torch.TorchThreads;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DJL-backed forecasters: determinism for a seed, learning, and the flat-parameter API. */
final class ForecasterTest {
  private static final WindowSpec SPEC = new WindowSpec(3, 2, 24, true, true, false);

  static Windows sine(int n) {
    float[] x = new float[n + 48];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * i / 24.0);
    }
    return new WindowBuilder(SPEC, 0).build(x, 48, 48 + n, "sine");
  }

  static List<Architecture> all() {
    return List.of(
        new DualLstm(SPEC, 8, 2, 0.2),
        new RecurrentNet(false, SPEC, 8, 2, 0.2),
        new RecurrentNet(true, SPEC, 8, 1, 0.0),
        new Mlp(SPEC, 8, 1, 0.1));
  }

  @Test
  void sameSeedGivesIdenticalParametersAfterTraining() {
    Windows data = sine(120);
    TrainingRecipe recipe = new TrainingRecipe(2, 16, TrainingRecipe.Optimizer.ADAM, 0.01, 0, true);
    for (Architecture a : all()) {
      Forecaster f1 = Forecaster.initialise(a, 7);
      Forecaster f2 = Forecaster.initialise(a, 7);
      f1.fit(data, recipe, 11);
      f2.fit(data, recipe, 11);
      assertThat(f1.parameters()).as(a.name()).containsExactly(f2.parameters());
      Forecaster f3 = Forecaster.initialise(a, 7);
      f3.fit(data, recipe, 12);
      assertThat(f3.parameters()).as(a.name()).isNotEqualTo(f1.parameters());
    }
  }

  @Test
  void trainingReducesTheErrorOnASine() {
    Windows data = sine(200);
    for (Architecture a : all()) {
      Forecaster f = Forecaster.initialise(a, 3);
      double before = mse(f.predict(data), data.target());
      f.fit(data, new TrainingRecipe(15, 20, TrainingRecipe.Optimizer.ADAM, 0.01, 0, false), 1);
      double after = mse(f.predict(data), data.target());
      assertThat(after).as(a.name()).isLessThan(before * 0.5);
    }
  }

  @Test
  void parametersRoundTripAndWrongLengthFailsLoudly() {
    Architecture a = new DualLstm(SPEC, 4, 2, 0.2);
    Forecaster f = Forecaster.initialise(a, 1);
    float[] p = f.parameters();
    assertThat(p).hasSize(a.parameterCount());
    p[0] = 42f;
    Forecaster g = Forecaster.of(a, p);
    assertThat(g.parameters()[0]).isEqualTo(42f);
    assertThatThrownBy(() -> g.setParameters(new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameters");
  }

  @Test
  void fitManyMatchesTrainingEachModelAlone() {
    WindowSpec spec = new WindowSpec(3, 3, 24, true, false, false);
    Architecture a = new DualLstm(spec, 6, 2, 0.2);
    float[] x = new float[24 * 6];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * i / 24.0 + 0.1 * (i % 5));
    }
    WindowBuilder b = new WindowBuilder(spec, 0);
    List<Windows> data =
        List.of(b.build(x, 72, 112, "a"), b.build(x, 80, 120, "b"), b.build(x, 90, 130, "c"));
    List<float[]> starts =
        List.of(
            Forecaster.initialise(a, 1).parameters(),
            Forecaster.initialise(a, 2).parameters(),
            Forecaster.initialise(a, 3).parameters());
    long[] seeds = {10, 20, 30};
    // both optimizers: a wrong gradient reaches the weights through SGD's step directly; a variant
    // with one leaf tensor per weight array, where a layer's two biases shared one gradient tensor
    // (docs/PERFORMANCE.md, "Per CPU-second against the PyTorch peer"), failed this with both
    for (TrainingRecipe recipe :
        List.of(
            new TrainingRecipe(2, 16, TrainingRecipe.Optimizer.ADAM, 0.01, 0, true),
            new TrainingRecipe(2, 16, TrainingRecipe.Optimizer.SGD, 0.05, 0.9, true))) {
      List<Forecaster.Trained> many = Forecaster.fitMany(a, starts, data, recipe, seeds);
      for (int i = 0; i < 3; i++) {
        Forecaster alone = Forecaster.of(a, starts.get(i));
        FitReport r = alone.fit(data.get(i), recipe, seeds[i]);
        float[] expected = alone.parameters();
        float[] got = many.get(i).parameters();
        assertThat(got).as("trained").isNotEqualTo(starts.get(i));
        // the batched products sum in another order: each float32 operation differs by at most
        // u = 6e-8 relative, and 6 steps of at most ~100 dependent operations on values below 10
        // with learning rates <= 0.05 move a weight by well under 1e-4
        for (int j = 0; j < expected.length; j++) {
          assertThat((double) got[j])
              .as("%s weight %d of model %d", recipe.optimizer(), j, i)
              .isCloseTo(expected[j], org.assertj.core.api.Assertions.within(2e-4));
        }
        assertThat(many.get(i).report().meanLoss())
            .isCloseTo(r.meanLoss(), org.assertj.core.api.Assertions.within(1e-4));
      }
    }
  }

  /**
   * The SGD step in Java ({@code dnt.learn.simd.StepKernels}, the Vector API's) and as PyTorch
   * operations ({@code -Ddnt.simd=scalar}) give the same floats bit for bit, through {@code fit}
   * and {@code fitMany} (whose weights live in one block per weight array); with dropout and
   * shuffling, over several batches, a partial last batch and two epochs.
   */
  @Test
  void theJavaSgdStepGivesThePyTorchStepsFloats() {
    assumeTrue(StepKernels.vector().isPresent(), "the tests' JVM resolves the module");
    WindowSpec spec = new WindowSpec(3, 3, 24, true, false, false);
    Architecture a = new DualLstm(spec, 6, 2, 0.2);
    float[] x = sineSeries();
    WindowBuilder b = new WindowBuilder(spec, 0);
    List<Windows> data = List.of(b.build(x, 72, 110, "a"), b.build(x, 80, 118, "b"));
    List<float[]> starts =
        List.of(Forecaster.initialise(a, 1).parameters(), Forecaster.initialise(a, 2).parameters());
    long[] seeds = {10, 20};
    TrainingRecipe recipe =
        new TrainingRecipe(2, 16, TrainingRecipe.Optimizer.SGD, 0.05, 0.9, true);
    String key = Kernels.PROPERTY;
    String before = System.getProperty(key);
    List<List<float[]>> runs = new ArrayList<>();
    try {
      for (String setting : new String[] {"scalar", "vector"}) {
        System.setProperty(key, setting);
        List<float[]> out = new ArrayList<>();
        for (Forecaster.Trained t : Forecaster.fitMany(a, starts, data, recipe, seeds)) {
          out.add(t.parameters());
        }
        Forecaster alone = Forecaster.of(a, starts.get(0));
        alone.fit(data.get(0), recipe, seeds[0]);
        out.add(alone.parameters());
        runs.add(out);
      }
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
    for (int i = 0; i < 3; i++) {
      assertThat(runs.get(1).get(i)).as("model %d", i).containsExactly(runs.get(0).get(i));
      assertThat(runs.get(1).get(i)).isNotEqualTo(i < 2 ? starts.get(i) : starts.get(0));
    }
  }

  /**
   * The weights' buffer of {@code fitMany}: exactly the size asked for and 64-byte aligned,
   * whatever address the allocation lands on (a first version gave up to 63 bytes too few when the
   * allocation's address was not aligned).
   */
  @Test
  void alignedBuffersHaveTheirSizeAndAreAligned() {
    for (int bytes = 4; bytes <= 4 * 600; bytes += 4) {
      ByteBuffer b = Forecaster.alignedDirect(bytes);
      assertThat(b.capacity()).isEqualTo(bytes);
      assertThat(b.alignmentOffset(0, 64)).as("%d bytes", bytes).isZero();
      assertThat(b.order()).isEqualTo(ByteOrder.nativeOrder());
    }
  }

  /**
   * The dropout masks' reused buffers: each mask of a batch has a buffer of its own (the second
   * does not overwrite the first, which the backward pass still reads), and the next batch's masks
   * hold the next batch's values.
   */
  @Test
  void maskBuffersKeepABatchsMasksApartAndReuseThemAfterwards() {
    try (NDManager m = TorchThreads.manager()) {
      Forecaster.MaskBuffers masks = new Forecaster.MaskBuffers();
      float[][] batches = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
      for (float[] v : batches) {
        masks.restart();
        NDArray first = masks.upload(m, v, 6, new Shape(2, 3));
        float[] other = new float[4];
        for (int i = 0; i < 4; i++) {
          other[i] = -v[i];
        }
        NDArray second = masks.upload(m, other, 4, new Shape(4));
        assertThat(first.toFloatArray()).containsExactly(v);
        assertThat(second.toFloatArray()).containsExactly(other);
        assertThat(first.getShape()).isEqualTo(new Shape(2, 3));
      }
    }
  }

  /**
   * Tolerance of the float32 forward passes against the double-precision reference: every float
   * operation has relative error at most u = 2^-24 ~= 6e-8; the longest dependency chain from an
   * input to a prediction has fewer than 200 operations (2 layers x 3 steps x (a dot product of at
   * most 10 terms, 4 activations, 3 products), then the 10-term head) and every intermediate value
   * is at most about 5 in magnitude (|w| <= 1/sqrt(5), |x| <= 1.1, |h| < 1), so the forward error
   * is below 200 * 5 * u ~= 6e-5. The error measured on an AMD EPYC (Zen 5) is about 5e-8; the
   * fused oneDNN LSTM op that this replaced was off by 1.7e-3 there.
   */
  private static final double FLOAT_FORWARD_BOUND = 1e-4;

  @Test
  void theDualLstmComputesPyTorchsDocumentedEquations() {
    // closeness == period runs both stacks as one batch; closeness != period runs them apart
    for (WindowSpec spec :
        List.of(
            new WindowSpec(3, 3, 24, true, false, false),
            new WindowSpec(3, 2, 24, true, true, false))) {
      DualLstm dual = new DualLstm(spec, 5, 2, 0.0);
      float[] p = Forecaster.initialise(dual, 4).parameters();
      Windows w = new WindowBuilder(spec, 0).build(sineSeries(), 72, 82, "s");
      assertMatchesReference(
          Forecaster.of(dual, p).predict(w), DoubleRecurrentReference.dualLstm(dual, p, w));
    }
  }

  @Test
  void theLstmAndGruComputePyTorchsDocumentedEquations() {
    WindowSpec spec = new WindowSpec(3, 2, 24, true, true, false);
    Windows w = new WindowBuilder(spec, 0).build(sineSeries(), 72, 82, "s");
    for (boolean gru : new boolean[] {false, true}) {
      for (int layers = 1; layers <= 2; layers++) {
        RecurrentNet net = new RecurrentNet(gru, spec, 5, layers, 0.0);
        float[] p = Forecaster.initialise(net, 9).parameters();
        assertMatchesReference(
            Forecaster.of(net, p).predict(w), DoubleRecurrentReference.recurrentNet(net, p, w));
      }
    }
  }

  /**
   * The training loop against an independent computation: two batches of SGD with momentum (dropout
   * off, no shuffling), by {@code fit} and by {@code fitMany}, against the same steps in double
   * precision with central finite differences of the double-precision reference forward pass as
   * gradients. It fails if a batch's step used a gradient other than its own batch's (left over
   * from the previous batch, or lost), e.g. if a gradient persisted across batches.
   */
  @Test
  void sgdStepsFollowEachBatchsOwnGradient() {
    WindowSpec spec = new WindowSpec(3, 3, 24, true, false, false);
    DualLstm a = new DualLstm(spec, 3, 2, 0);
    float[] x = sineSeries();
    WindowBuilder b = new WindowBuilder(spec, 0);
    List<Windows> data = List.of(b.build(x, 72, 80, "a"), b.build(x, 90, 98, "b"));
    List<float[]> starts =
        List.of(Forecaster.initialise(a, 5).parameters(), Forecaster.initialise(a, 6).parameters());
    double lr = 0.1;
    double mu = 0.9;
    TrainingRecipe recipe = new TrainingRecipe(1, 4, TrainingRecipe.Optimizer.SGD, lr, mu, false);
    List<Forecaster.Trained> many = Forecaster.fitMany(a, starts, data, recipe, new long[] {1, 2});
    for (int m = 0; m < 2; m++) {
      assertThat(data.get(m).count()).isEqualTo(8);
      double[] expected = referenceSgd(a, starts.get(m), data.get(m), 4, lr, mu, false);
      double[] leaky = referenceSgd(a, starts.get(m), data.get(m), 4, lr, mu, true);
      Forecaster alone = Forecaster.of(a, starts.get(m));
      alone.fit(data.get(m), recipe, 1);
      // float32 gradients carry a relative error of about 200 u ~= 1e-5 (the forward bound's
      // chain length, FLOAT_FORWARD_BOUND) on gradients of magnitude below 2; two steps scale it
      // by lr (1 + mu) = 0.19, so the weights agree within 1e-5 (finite differences with h = 1e-6
      // in double add under 1e-9)
      double bound = 1e-5;
      double leak = 0;
      for (int j = 0; j < expected.length; j++) {
        leak = Math.max(leak, Math.abs(leaky[j] - expected[j]));
        assertThat((double) alone.parameters()[j])
            .as("fit, weight %d of model %d", j, m)
            .isCloseTo(expected[j], org.assertj.core.api.Assertions.within(bound));
        assertThat((double) many.get(m).parameters()[j])
            .as("fitMany, weight %d of model %d", j, m)
            .isCloseTo(expected[j], org.assertj.core.api.Assertions.within(bound));
      }
      // the test has the power to see a gradient carried over into the second batch's step
      assertThat(leak).isGreaterThan(100 * bound);
    }
  }

  /**
   * SGD with momentum ({@code v = mu v + g, w -= lr v}) over consecutive batches in double
   * precision; {@code leak} adds the previous batch's gradient to each step's (a training loop that
   * never cleared its gradient).
   */
  private static double[] referenceSgd(
      DualLstm a, float[] start, Windows w, int batch, double lr, double mu, boolean leak) {
    double[] p = new double[start.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = start[j];
    }
    double[] v = new double[p.length];
    double[] carried = new double[p.length];
    double h = 1e-6;
    for (int from = 0; from < w.count(); from += batch) {
      int to = Math.min(w.count(), from + batch);
      double[] g = new double[p.length];
      for (int j = 0; j < p.length; j++) {
        double keep = p[j];
        p[j] = keep + h;
        double up = batchLoss(a, p, w, from, to);
        p[j] = keep - h;
        double down = batchLoss(a, p, w, from, to);
        p[j] = keep;
        g[j] = (up - down) / (2 * h);
      }
      for (int j = 0; j < p.length; j++) {
        double step = g[j] + (leak ? carried[j] : 0);
        carried[j] += g[j];
        v[j] = mu * v[j] + step;
        p[j] -= lr * v[j];
      }
    }
    return p;
  }

  private static double batchLoss(DualLstm a, double[] p, Windows w, int from, int to) {
    double[] pred = DoubleRecurrentReference.dualLstm(a, p, w);
    double s = 0;
    for (int i = from; i < to; i++) {
      double e = pred[i] - w.target()[i];
      s += e * e;
    }
    return s / (to - from);
  }

  private static void assertMatchesReference(float[] got, double[] expected) {
    assertThat(got).hasSameSizeAs(expected);
    for (int i = 0; i < got.length; i++) {
      assertThat((double) got[i])
          .as("prediction %d", i)
          .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(FLOAT_FORWARD_BOUND));
    }
  }

  static float[] sineSeries() {
    float[] x = new float[24 * 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * i / 24.0) + 0.01f * (i % 7);
    }
    return x;
  }

  static double mse(float[] p, float[] y) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += (p[i] - y[i]) * (p[i] - y[i]);
    }
    return s / p.length;
  }
}
