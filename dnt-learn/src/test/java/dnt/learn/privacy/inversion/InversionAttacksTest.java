package dnt.learn.privacy.inversion;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class InversionAttacksTest {
  private static final WindowSpec SPEC = new WindowSpec(3, 3, 24, true, false, false);
  private static final Mlp MLP = new Mlp(SPEC, 16, 1, 0.0);
  private static final double LR = 0.5;

  /** A window chosen by hand: three recent hours and the same hour on three previous days. */
  private static final double[] WINDOW = {0.8, 0.5, 0.1, 1.2, 0.9, -0.3};

  private static final double TARGET = 1.0;

  /** The client's FedSGD update, computed by the real trainer (DJL autograd, float32). */
  private static Observation observe(double[][] inputs, double[] targets, long modelSeed) {
    int b = inputs.length;
    float[] close = new float[b * 3];
    float[] per = new float[b * 3];
    float[] y = new float[b];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < 3; k++) {
        close[i * 3 + k] = (float) inputs[i][k];
        per[i * 3 + k] = (float) inputs[i][3 + k];
      }
      y[i] = (float) targets[i];
    }
    Forecaster f = Forecaster.initialise(MLP, modelSeed);
    float[] start = f.parameters();
    f.fit(
        new Windows(b, 3, 3, 1, close, per, y),
        new TrainingRecipe(1, b, TrainingRecipe.Optimizer.SGD, LR, 0, false),
        1);
    float[] end = f.parameters();
    double[] update = new double[end.length];
    for (int i = 0; i < end.length; i++) {
      update[i] = (double) end[i] - start[i];
    }
    return new Observation(MLP, start, update, LR, b);
  }

  private static double[] asDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private static InversionAttack attack(String name, int iterations) {
    return InversionAttacks.REGISTRY
        .factory(name)
        .apply(new InversionAttacks.Options(SPEC, iterations, 0.05, 1e-3));
  }

  @Test
  void theJavaGradientIsTheTrainersGradient() {
    Observation o = observe(new double[][] {WINDOW}, new double[] {TARGET}, 7);
    MlpGradient net = new MlpGradient(MLP, o.weights());
    double[] g = new double[net.parameters()];
    net.accumulate(WINDOW, TARGET, 1.0, g);
    double[] seen = o.gradient();
    for (int k = 0; k < g.length; k++) {
      // the update is a difference of float32 weights (|w| < 1, half an ulp 6e-8 each) divided
      // by LR = 0.5, plus float32 forward/backward rounding (relative 1e-6): 1e-5 is loose
      assertThat(seen[k]).as("coordinate %d", k).isCloseTo(g[k], within(1e-5, g[k]));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double absolute, double value) {
    return org.assertj.core.data.Offset.offset(absolute * (1 + Math.abs(value)));
  }

  @Test
  void theAnalyticAttackRecoversOneWindowAndItsTargetUpToFloatRounding() {
    Observation o = observe(new double[][] {WINDOW}, new double[] {TARGET}, 7);
    Reconstruction r = attack("analytic", 1).reconstruct(o, new SplittableRandom(1));
    for (int i = 0; i < WINDOW.length; i++) {
      // x_i = u_W[j,i] / u_b[j]: each update entry carries up to ~1.2e-7 absolute rounding (a
      // difference of float32 weights) and ~1e-6 relative float32 arithmetic; with the largest
      // bias update of this model (about 0.05) the ratio is good to about 1e-5 (1 + |x|)
      assertThat(r.inputs()[0][i]).isCloseTo(WINDOW[i], within(1e-4, WINDOW[i]));
    }
    // the target adds the float32 prediction and the head's bias update: the same bound
    assertThat(r.targets()[0]).isCloseTo(TARGET, within(1e-4, TARGET));
    ReconstructionError e =
        ReconstructionError.of(new double[][] {WINDOW}, new double[] {TARGET}, r);
    assertThat(e.correlation()).isGreaterThan(0.9999);
    assertThat(e.signAgreement()).isEqualTo(1.0);
  }

  @Test
  void dlgAndCosineRecoverOneWindowWhereARandomGuessDoesNot() {
    Observation o = observe(new double[][] {WINDOW}, new double[] {TARGET}, 7);
    double[][] truth = {WINDOW};
    double[] target = {TARGET};
    // a random guess of 6 values has a correlation with the window of standard deviation about
    // 1/sqrt(5) = 0.45 around 0; above 0.9 it lands with probability under 1%
    for (String name : new String[] {"dlg", "cosine"}) {
      Reconstruction r = attack(name, 400).reconstruct(o, new SplittableRandom(3));
      ReconstructionError e = ReconstructionError.of(truth, target, r);
      assertThat(e.correlation()).as(name).isGreaterThan(0.9);
      Reconstruction start = attack(name, 1).reconstruct(o, new SplittableRandom(3));
      assertThat(ReconstructionError.of(truth, target, r).mse())
          .as(name + " improves on its starting guess")
          .isLessThan(ReconstructionError.of(truth, target, start).mse());
    }
  }

  @Test
  void everyAttackReturnsAFiniteGuessForAnUpdateOfNoiseOrNonFiniteValues() {
    SplittableRandom rng = new SplittableRandom(5);
    float[] weights = Forecaster.initialise(MLP, 7).parameters();
    double[] noise = new double[weights.length];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = rng.nextGaussian();
    }
    double[] broken = noise.clone();
    broken[3] = Double.NaN;
    double[] zero = new double[weights.length];
    for (double[] update : new double[][] {noise, broken, zero}) {
      for (String name : InversionAttacks.REGISTRY.names()) {
        Reconstruction r =
            attack(name, 20).reconstruct(new Observation(MLP, weights, update, LR, 3), rng);
        assertThat(r.inputs()).hasDimensions(3, WINDOW.length);
        for (double[] x : r.inputs()) {
          assertThat(java.util.Arrays.stream(x).allMatch(Double::isFinite)).isTrue();
        }
        assertThat(java.util.Arrays.stream(r.targets()).allMatch(Double::isFinite)).isTrue();
      }
    }
  }

  @Test
  void aPermutedExactGuessIsMatchedBackToErrorZero() {
    double[][] truth = {{1, 2, 3}, {-1, 0, 4}, {2, 2, -5}};
    double[] y = {1, 2, 3};
    Reconstruction permuted =
        new Reconstruction(new double[][] {truth[2], truth[0], truth[1]}, new double[] {3, 1, 2});
    ReconstructionError e = ReconstructionError.of(truth, y, permuted);
    assertThat(e.mse()).isZero();
    assertThat(e.targetMse()).isZero();
    assertThat(e.correlation()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void theAnalyticAttackRecoversWindowsThatActivateUnitsAlone() {
    // two windows of opposite sign mostly activate different ReLU units, so some unit sees one
    // window alone and its ratio is that window (Geiping et al. 2020, Sec. 4)
    double[][] truth = {WINDOW, {-0.7, -1.1, -0.4, -0.9, -1.3, -0.2}};
    double[] y = {TARGET, -0.8};
    Observation o = observe(truth, y, 11);
    ReconstructionError e =
        ReconstructionError.of(
            truth, y, attack("analytic", 1).reconstruct(o, new SplittableRandom(1)));
    assertThat(e.correlation()).isGreaterThan(0.9);
  }
}
