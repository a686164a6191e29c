package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The PPO-Lagrangian agent's parts against hand-worked examples. */
final class PpoLagrangianTest {
  private static final PpoSettings TINY = new PpoSettings(4, 1e-3f, 0.9, 0.8, 0.2, 2, 8, 0.01);

  private static float[] rows(int n, int f, RandomGenerator random) {
    float[] rows = new float[n * f];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextGaussian();
    }
    return rows;
  }

  @Test
  void maskedAdmissionsHaveProbabilityExactlyZeroAndAreNeverSampled() {
    RandomGenerator random = Seeds.generator(3);
    try (PpoLagrangian agent = new PpoLagrangian(4, TINY, random)) {
      float[] rows = rows(5, 4, random);
      double[] open = agent.probabilities(rows, 5, false);
      for (double p : open) {
        assertThat(p).isPositive();
      }
      // a softmax in double over 5 logits: a few ulps of 1 (~1e-15)
      assertThat(open[0] + open[1] + open[2] + open[3] + open[4]).isCloseTo(1.0, within(1e-12));
      double[] masked = agent.probabilities(rows, 5, true);
      assertThat(masked).containsExactly(0.0, 0.0, 0.0, 0.0, 1.0);
      for (int k = 0; k < 1000; k++) {
        assertThat(PpoLagrangian.sample(masked, random.nextDouble())).isEqualTo(4);
      }
      assertThat(agent.record(rows, 5, true, 4).logp).isZero();
    }
  }

  @Test
  void samplingSkipsZeroProbabilityActionsEvenAtTheEdges() {
    double[] p = {0, 0.5, 0, 0.5, 0};
    assertThat(PpoLagrangian.sample(p, 0.0)).isEqualTo(1);
    assertThat(PpoLagrangian.sample(p, 0.4999)).isEqualTo(1);
    assertThat(PpoLagrangian.sample(p, 0.5)).isEqualTo(3);
    assertThat(PpoLagrangian.sample(p, Math.nextDown(1.0))).isEqualTo(3);
  }

  @Test
  void gaeMatchesAHandWorkedTrajectory() {
    // gamma 0.9, lambda 0.8, terminal after the last step:
    // d2 = -1 - 0.1 = -1.1                 A2 = -1.1
    // d1 = 0 + 0.9*0.1 - 0.2 = -0.11       A1 = -0.11 + 0.72*(-1.1) = -0.902
    // d0 = 1 + 0.9*0.2 - 0.5 = 0.68        A0 = 0.68 + 0.72*(-0.902) = 0.03056
    double[] a = PpoLagrangian.gae(new double[] {1, 0, -1}, new double[] {0.5, 0.2, 0.1}, 0.9, 0.8);
    // three steps of double arithmetic on order-1 values: ~1e-16, and the worked values are exact
    assertThat(a[0]).isCloseTo(0.03056, within(1e-12));
    assertThat(a[1]).isCloseTo(-0.902, within(1e-12));
    assertThat(a[2]).isCloseTo(-1.1, within(1e-12));
  }

  @Test
  void theClippedSurrogateTakesThePessimisticTermPerSample() {
    // eps 0.2: (rho 1.5, A 1) -> min(1.5, 1.2) = 1.2; (rho 0.5, A -1) -> min(-0.5, -0.8) = -0.8;
    // (rho 1.1, A 2) -> 2.2 unclipped; (rho 0.5, A 1) -> min(0.5, 0.8) = 0.5; mean 3.1 / 4
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray old = m.create(new float[] {-1f, 0.3f, 0f, 2f});
      NDArray logp =
          m.create(
              new float[] {
                (float) (-1 + Math.log(1.5)),
                (float) (0.3 + Math.log(0.5)),
                (float) Math.log(1.1),
                (float) (2 + Math.log(0.5))
              });
      NDArray adv = m.create(new float[] {1, -1, 2, 1});
      float objective = PpoLagrangian.clippedSurrogate(logp, old, adv, 0.2).getFloat();
      // float32: the log-probabilities round to float (<= 6e-8 absolute, so each ratio is off by
      // <= 1.2e-7 relative after exp), the clip bounds 1.2f and 0.8f are 5e-8 off, and the sum of
      // four terms below 2.2 and the mean round a few times (ulp(3.1f) = 2.4e-7): <= 3e-7
      assertThat((double) objective).isCloseTo(3.1 / 4, within(1e-6));
    }
  }

  @Test
  void theMultiplierRisesWhenTheCostExceedsTheBudgetAndNeverGoesBelowZero() {
    // one multiply-add on values below 1: within an ulp or two (~1e-16)
    assertThat(PpoLagrangian.updatedLambda(0.3, 0.5, 0.15, 0.05)).isCloseTo(0.35, within(1e-12));
    assertThat(PpoLagrangian.updatedLambda(0.3, 0.5, 0.01, 0.05)).isCloseTo(0.28, within(1e-12));
    assertThat(PpoLagrangian.updatedLambda(0.01, 0.5, 0.0, 0.05)).isZero();
    assertThat(PpoLagrangian.updatedLambda(0.0, 0.5, 0.05, 0.05)).isZero();
  }

  @Test
  void theCriticsSeeTheIncomingRowAndTheMeanCandidate() {
    float[] rows = {1, 2, 3, 6, 10, 20};
    assertThat(PpoLagrangian.criticInput(rows, 3, 2)).containsExactly(10, 20, 2, 4);
  }

  /** Single-decision trajectories in one state, alternating the two actions. */
  private static List<List<PpoLagrangian.Step>> bandit(
      PpoLagrangian agent, float[] rows, double[] reward, double[] cost) {
    List<List<PpoLagrangian.Step>> trajectories = new ArrayList<>();
    for (int k = 0; k < 32; k++) {
      PpoLagrangian.Step s = agent.record(rows, 2, false, k % 2);
      s.reward = reward[k % 2];
      s.cost = cost[k % 2];
      trajectories.add(List.of(s));
    }
    return trajectories;
  }

  @Test
  void anUpdateMakesTheRewardedActionMoreLikelyAndMovesTheMultiplier() {
    PpoSettings settings = new PpoSettings(8, 1e-2f, 0.9, 0.9, 0.2, 4, 8, 0);
    RandomGenerator random = Seeds.generator(9);
    try (PpoLagrangian agent = new PpoLagrangian(3, settings, random)) {
      float[] rows = rows(2, 3, random);
      double before = agent.probabilities(rows, 2, false)[0];
      agent.update(
          bandit(agent, rows, new double[] {1, -1}, new double[] {0, 0}), 0.3, 0.05, 1.0, random);
      assertThat(agent.probabilities(rows, 2, false)[0]).isGreaterThan(before);
      // lambda moves by one multiply-add of double values below 1: ~1e-16
      assertThat(agent.lambda()).isCloseTo(0.25, within(1e-12));
      assertThat(agent.gradientSteps()).isEqualTo(4 * 32 / 8);
    }
  }

  @Test
  void withAPositiveMultiplierTheCostlyActionBecomesLessLikely() {
    PpoSettings settings = new PpoSettings(8, 1e-2f, 0.9, 0.9, 0.2, 4, 8, 0);
    RandomGenerator random = Seeds.generator(10);
    try (PpoLagrangian agent = new PpoLagrangian(3, settings, random)) {
      float[] rows = rows(2, 3, random);
      double[] none = {0, 0};
      agent.update(bandit(agent, rows, none, none), 2.05, 0.05, 1.0, random);
      // one multiply-add of double values: within an ulp or two of 2 (4.4e-16)
      assertThat(agent.lambda()).isCloseTo(2.0, within(1e-12));
      double before = agent.probabilities(rows, 2, false)[0];
      agent.update(bandit(agent, rows, none, new double[] {1, 0}), 0.05, 0.05, 1.0, random);
      assertThat(agent.probabilities(rows, 2, false)[0]).isLessThan(before);
      assertThat(agent.lambda()).isCloseTo(2.0, within(1e-12));
    }
  }
}
