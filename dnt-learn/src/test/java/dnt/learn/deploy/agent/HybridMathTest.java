package dnt.learn.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HybridMathTest {
  @Test
  void theHybridLogProbabilityOfHandWorkedActions() {
    // softmax(0, ln 3) = (1/4, 3/4); category 1: ln 0.75 = -0.2876821
    // z = 0 under N(0, 1): -ln sqrt(2 pi) = -0.9189385; squash'(0) = 1/2: minus ln 0.5
    double lp =
        HybridMath.logProb(
            new double[] {0, Math.log(3)},
            1,
            new double[] {0, 0},
            new double[] {0, 0},
            new double[] {0, 0});
    double expected = -0.2876821 + 2 * (-0.9189385 + 0.6931472);
    // the constants above are given to 7 decimals
    assertThat(lp).isCloseTo(expected, within(1e-6));
    // z = 1 under N(0.5, 2^2): u = 0.25, -0.03125 - ln 2 - 0.9189385 = -1.6433357;
    // squash'(1) = (1 - tanh^2 1) / 2 = 0.2099871, ln = -1.5607088; category 0: ln 0.25
    double lp2 =
        HybridMath.logProb(
            new double[] {0, Math.log(3)},
            0,
            new double[] {0.5, 0},
            new double[] {Math.log(2), 0},
            new double[] {1, 0});
    double expected2 = Math.log(0.25) + (-1.6433357 + 1.5607088) + (-0.9189385 + 0.6931472);
    assertThat(lp2).isCloseTo(expected2, within(1e-6));
  }

  @Test
  void theSquashDerivativeIsStableInTheTails() {
    for (double z : new double[] {-3, -0.7, 0, 0.4, 2.5}) {
      double t = Math.tanh(z);
      // the closed form is exact away from the tails: rounding only
      assertThat(HybridMath.logSquashDerivative(z))
          .isCloseTo(Math.log((1 - t * t) / 2), within(1e-12));
    }
    // at z = 20, 1 - tanh^2 underflows to 0 in doubles; the stable form gives ln 2 - 40
    assertThat(HybridMath.logSquashDerivative(20)).isCloseTo(Math.log(2) - 40, within(1e-9));
    assertThat(HybridMath.squash(0)).isEqualTo(0.5);
  }

  @Test
  void theClippedObjectiveOnHandWorkedNumbers() {
    // eps = 0.2: a positive advantage gains nothing beyond r = 1.2 ...
    assertThat(HybridMath.clippedObjective(1.5, 2, 0.2)).isCloseTo(2.4, within(1e-15));
    // ... but a ratio below 0.8 is not clipped (the pessimistic minimum)
    assertThat(HybridMath.clippedObjective(0.5, 2, 0.2)).isCloseTo(1.0, within(1e-15));
    // a negative advantage gains nothing below r = 0.8 ...
    assertThat(HybridMath.clippedObjective(0.5, -2, 0.2)).isCloseTo(-1.6, within(1e-15));
    // ... and is fully penalised above 1.2
    assertThat(HybridMath.clippedObjective(1.5, -2, 0.2)).isCloseTo(-3.0, within(1e-15));
    assertThat(HybridMath.clippedObjective(1.0, 0.7, 0.2)).isEqualTo(0.7);
  }
}
