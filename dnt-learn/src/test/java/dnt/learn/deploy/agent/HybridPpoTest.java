package dnt.learn.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.util.Seeds;
import dnt.learn.deploy.agent.HybridProblem.Outcome;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class HybridPpoTest {
  /**
   * A one-step continuous bandit on two linked nodes: node 0 is best with category 1 and values
   * (0.8, 0.3), node 1 with category 0 and (0.2, 0.6). A node earns 1 for its category (0.5 for the
   * other) minus the squared distances of its values from its targets; the reward is the mean over
   * nodes, 1 at the optimum. A uniform random policy earns 0.468 in expectation (0.75 minus E (U -
   * t)^2 = 1/3 - t + t^2 per value, averaged over the nodes).
   */
  static final class Bandit implements HybridProblem<Integer> {
    static final int[] BEST = {1, 0};
    static final double[][] TARGET = {{0.8, 0.3}, {0.2, 0.6}};

    @Override
    public int nodes() {
      return 2;
    }

    @Override
    public int features() {
      return 3;
    }

    @Override
    public int categories() {
      return 2;
    }

    @Override
    public double[][] adjacency() {
      return new double[][] {{0, 1}, {1, 0}};
    }

    @Override
    public int horizon() {
      return 1;
    }

    @Override
    public Integer start(RandomGenerator rng) {
      return 0;
    }

    @Override
    public float[] observe(Integer state) {
      // which node it is, and a constant
      return new float[] {1, 0, 1, 0, 1, 1};
    }

    static double reward(int[] category, double[] first, double[] second) {
      double r = 0;
      for (int b = 0; b < 2; b++) {
        double d1 = first[b] - TARGET[b][0];
        double d2 = second[b] - TARGET[b][1];
        r += (category[b] == BEST[b] ? 1 : 0.5) - d1 * d1 - d2 * d2;
      }
      return r / 2;
    }

    @Override
    public Outcome<Integer> step(Integer state, HybridAction a) {
      return new Outcome<>(
          state + 1,
          reward(
              a.category(),
              new double[] {a.first(0), a.first(1)},
              new double[] {a.second(0), a.second(1)}));
    }
  }

  @Test
  void ppoReachesNinetyPercentOfTheOptimumOnAContinuousBanditWhereRandomDoesNot() {
    Bandit bandit = new Bandit();
    RandomGenerator rng = Seeds.generator(11);
    double random = 0;
    int draws = 4000;
    for (int i = 0; i < draws; i++) {
      random +=
          Bandit.reward(
                  new int[] {rng.nextInt(2), rng.nextInt(2)},
                  new double[] {rng.nextDouble(), rng.nextDouble()},
                  new double[] {rng.nextDouble(), rng.nextDouble()})
              / draws;
    }
    // expectation 0.468, standard error about 0.2 / sqrt(4000) = 0.003
    assertThat(random).isCloseTo(0.468, within(0.02));
    assertThat(random).isLessThan(0.9);
    PpoConfig config =
        new PpoConfig(16, 150, 16, 4, 1e-2, 0.2, 0.95, 0.95, 0.5, 0.0, Math.log(0.5), 0.5);
    HybridPpo ppo = new HybridPpo(config, 3, 2, Seeds.generator(3));
    double[] curve = ppo.train(bandit, Seeds.generator(4), u -> {});
    HybridAction mode = ppo.act(bandit, 0, Seeds.generator(0), false);
    double learned = bandit.step(0, mode).reward();
    // the stated fraction: 90 % of the optimum (1.0)
    assertThat(learned).isGreaterThanOrEqualTo(0.9);
    assertThat(curve[curve.length - 1]).isGreaterThan(curve[0]);
  }

  /** The bandit crediting each node its own term: the shares average to the reward. */
  static final class SharedBandit implements HybridProblem<Integer> {
    private final Bandit bandit = new Bandit();

    @Override
    public int nodes() {
      return 2;
    }

    @Override
    public int features() {
      return 3;
    }

    @Override
    public int categories() {
      return 2;
    }

    @Override
    public double[][] adjacency() {
      return bandit.adjacency();
    }

    @Override
    public int horizon() {
      return 1;
    }

    @Override
    public Integer start(RandomGenerator rng) {
      return 0;
    }

    @Override
    public float[] observe(Integer state) {
      return bandit.observe(state);
    }

    @Override
    public Outcome<Integer> step(Integer state, HybridAction a) {
      double[] shares = new double[2];
      for (int b = 0; b < 2; b++) {
        double d1 = a.first(b) - Bandit.TARGET[b][0];
        double d2 = a.second(b) - Bandit.TARGET[b][1];
        shares[b] = (a.category()[b] == Bandit.BEST[b] ? 1 : 0.5) - d1 * d1 - d2 * d2;
      }
      return new Outcome<>(state + 1, bandit.step(state, a).reward(), shares);
    }
  }

  @Test
  void perStationPpoWithTheSparseEncoderAlsoReachesNinetyPercentOfTheOptimum() {
    SharedBandit bandit = new SharedBandit();
    PpoConfig config =
        new PpoConfig(16, 150, 16, 4, 1e-2, 0.2, 0.95, 0.95, 0.5, 0.0, Math.log(0.5), 0.5)
            .with(PpoUnit.STATION, true);
    HybridPpo ppo = new HybridPpo(config, 3, 2, Seeds.generator(3));
    double[] curve = ppo.train(bandit, Seeds.generator(4), u -> {});
    HybridAction mode = ppo.act(bandit, 0, Seeds.generator(0), false);
    Outcome<Integer> o = bandit.step(0, mode);
    // the shares average to the reward (two doubles' mean: one rounding)
    assertThat((o.share(0) + o.share(1)) / 2).isCloseTo(o.reward(), within(1e-15));
    // the stated fraction of the optimum (1.0), as for joint decisions; random earns 0.468
    assertThat(o.reward()).isGreaterThanOrEqualTo(0.9);
    assertThat(curve[curve.length - 1]).isGreaterThan(curve[0]);
  }

  @Test
  void anOutcomeWithoutSharesCreditsEveryNodeTheWholeReward() {
    Outcome<Integer> o = new Outcome<>(1, 0.7);
    assertThat(o.shares()).isEmpty();
    assertThat(o.share(0)).isEqualTo(0.7);
    assertThat(o.share(5)).isEqualTo(0.7);
  }

  @Test
  void theTrainingArraysAndTheHandFormulaGiveTheSameLogProbability() {
    Bandit bandit = new Bandit();
    HybridPpo ppo = new HybridPpo(PpoConfig.defaults(), 3, 2, Seeds.generator(8));
    HybridAction a = new HybridAction(new int[] {1, 0}, new double[] {0.3, -1.2, 2.0, 0.1});
    // both without the squashing Jacobian (it cancels in PPO's ratio); float32 network outputs
    assertThat(ppo.arrayLogProb(bandit, 0, a)).isCloseTo(ppo.logProb(bandit, 0, a), within(1e-4));
    // and the Jacobian is what separates it from the density of the squashed action
    double jacobian = 0;
    for (double z : a.z()) {
      jacobian += HybridMath.logSquashDerivative(z);
    }
    assertThat(jacobian).isLessThan(-1);
  }
}
