package dnt.learn.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.util.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SplitLearningTest {
  /** The path 0 - 1 - 2 with weights 0.5 and 1: four directed links. */
  static final double[][] PATH = {{0, 0.5, 0}, {0.5, 0, 1}, {0, 1, 0}};

  static final int FEATURES = 3;
  static final int HIDDEN = 4;

  /** An agent with every parameter drawn (biases and log-stds too, unlike a fresh agent). */
  static HybridPpo agent() {
    PpoConfig d = PpoConfig.defaults();
    PpoConfig c =
        new PpoConfig(
            HIDDEN,
            1,
            1,
            1,
            d.learningRate(),
            d.clip(),
            d.gamma(),
            d.lambda(),
            d.valueCoef(),
            d.entropyCoef(),
            d.initLogStd(),
            d.maxGradNorm());
    HybridPpo agent = new HybridPpo(c, FEATURES, 2, Seeds.generator(1));
    RandomGenerator rng = Seeds.generator(2);
    float[] p = agent.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    agent.setParameters(p);
    return agent;
  }

  static float[] draws(RandomGenerator rng, int k) {
    float[] out = new float[k];
    for (int i = 0; i < k; i++) {
      out[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return out;
  }

  static HybridPpo.Batch batch(int states) {
    RandomGenerator rng = Seeds.generator(3);
    int n = 3;
    float[] hot = new float[states * n * 2];
    for (int i = 0; i < states * n; i++) {
      hot[2 * i + rng.nextInt(2)] = 1;
    }
    double[] old = new double[states];
    double[] adv = new double[states];
    double[] ret = new double[states];
    for (int t = 0; t < states; t++) {
      // old log-probabilities near the new ones' scale, so some ratios fall inside the clip
      old[t] = -4 + rng.nextDouble();
      adv[t] = rng.nextGaussian();
      ret[t] = rng.nextGaussian();
    }
    return new HybridPpo.Batch(
        states,
        n,
        draws(rng, states * n * FEATURES),
        hot,
        draws(rng, states * n * 2),
        old,
        adv,
        ret);
  }

  @Test
  void theSplitForwardGivesTheCentralisedOutputs() {
    HybridPpo agent = agent();
    HybridPpo.Batch b = batch(5);
    SplitLearning split = new SplitLearning(agent, PATH);
    SplitLearning.Forward s = split.forward(b.obs(), b.states());
    float[][] c = agent.outputs(PATH, b.obs(), b.states(), 3);
    float[][] sp = {s.logits(), s.mu(), s.value()};
    for (int k = 0; k < 3; k++) {
      assertThat(sp[k]).hasSameSizeAs(c[k]);
      for (int i = 0; i < c[k].length; i++) {
        // the split computes the first layer in double, the centralised net in float32: values
        // of magnitude below 10 pass about 30 float operations (3 features, 4 hidden, 3 nodes,
        // two layers), each off by at most 6e-8 relative, so they agree to well under 1e-5
        assertThat((double) sp[k][i]).isCloseTo(c[k][i], within(1e-5));
      }
    }
  }

  @Test
  void theSplitBackwardGivesTheCentralisedGradient() {
    HybridPpo agent = agent();
    HybridPpo.Batch b = batch(5);
    float[] central = agent.gradient(PATH, b);
    float[] split = new SplitLearning(agent, PATH).gradient(b).gradient();
    assertThat(split).hasSameSizeAs(central);
    double largest = 0;
    int lowerNonZero = 0;
    for (int i = 0; i < central.length; i++) {
      largest = Math.max(largest, Math.abs(central[i]));
    }
    for (int i = 0; i < central.length; i++) {
      // float32 rounding along the same chain as the forward pass plus the backward pass's
      // sums over 5 states and 3 nodes: at most ~100 operations of 6e-8 relative error each on
      // terms no larger than the largest gradient entry
      assertThat((double) split[i]).isCloseTo(central[i], within(1e-5 * Math.max(1, largest)));
    }
    for (int block : HybridPpo.LOWER) {
      int at = agent.offset(block);
      int size = agent.offset(block + 1) - at;
      for (int k = 0; k < size; k++) {
        if (central[at + k] != 0) {
          lowerNonZero++;
        }
      }
    }
    // the stations' part is really exercised: most lower-layer entries have a gradient
    assertThat(lowerNonZero).isGreaterThan(2 * FEATURES * HIDDEN / 2);
  }

  @Test
  void countsTheBytesOfAThreeStationPathByHand() {
    HybridPpo agent = agent();
    SplitLearning split = new SplitLearning(agent, PATH);
    // links 0->1, 1->0, 1->2, 2->1
    assertThat(split.links()).isEqualTo(4);
    // one decision: 4 links x 4 floats x 4 bytes = 64 between stations; 3 stations x 4 floats x
    // 4 bytes = 48 up; nothing down
    SplitTraffic decision = split.forward(batch(1).obs(), 1).traffic();
    assertThat(decision).isEqualTo(new SplitTraffic(64, 48, 0, 0));
    assertThat(SplitTraffic.perDecision(3, 4, HIDDEN)).isEqualTo(decision);
    // the centralised agent: 3 stations x 3 features x 4 bytes
    assertThat(SplitTraffic.centralizedPerDecision(3, FEATURES)).isEqualTo(36);
    // one step on 2 states: messages forward and back 2 x 2 x 64 = 256; activations up and
    // gradients down 2 x 48 = 96 each; lower weights (W1 3x4, U1 3x4, b1 4: 28 floats) up and
    // down for 3 stations: 2 x 3 x 28 x 4 = 672
    SplitTraffic step = split.gradient(batch(2)).traffic();
    assertThat(step).isEqualTo(new SplitTraffic(256, 96, 96, 672));
    assertThat(SplitTraffic.perStep(3, 4, HIDDEN, FEATURES, 2)).isEqualTo(step);
    assertThat(step.total()).isEqualTo(1120);
    // an update of 3 epochs sends three steps
    assertThat(SplitTraffic.perUpdate(3, 4, HIDDEN, FEATURES, 2, 3))
        .isEqualTo(new SplitTraffic(768, 288, 288, 2016));
  }
}
