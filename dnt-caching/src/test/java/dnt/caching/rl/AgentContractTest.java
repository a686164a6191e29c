package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.network.Topology;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered agent keeps (parameterised over {@link Agents#REGISTRY}, so that a
 * new entry is covered without a new case): its actions lie in the action space, training takes
 * gradient steps without changing the shape of the weights, evaluation does not learn, and the same
 * seed gives the same actions and weights.
 *
 * <p>The agent is driven directly with synthetic states of 2 to 6 rows, as {@link RlController}
 * drives it: propose, observe the executed decision (the shield vetoing admissions in a quarter of
 * the states), let it learn, charge the outcome a reward and a cost, close the episode.
 */
final class AgentContractTest {
  private static final int F = RlController.FEATURES;
  private static final int STATIONS = 2;
  private static final AgentSettings DDQN =
      new AgentSettings(8, 1e-2f, 0.5, 4, 16, 2, 3, 1.0, 0.1, 50);
  private static final PpoSettings PPO = new PpoSettings(8, 1e-2f, 0.5, 0.9, 0.2, 2, 8, 0.01);

  static Stream<String> agents() {
    return Agents.REGISTRY.names().stream();
  }

  private static Agent create(String name, long seed) {
    return Agents.create(
        name, new Agents.Context(F, DDQN, PPO, SafetySettings.RELIABLE, Seeds.generator(seed)));
  }

  /** What one run of episodes produced: every proposal, then the weights. */
  private record Run(List<Integer> actions, float[] weights, long steps) {}

  /** Runs episodes of decisions with states drawn from {@code stateSeed}. */
  private static Run drive(Agent agent, boolean training, int episodes, long stateSeed) {
    SplittableRandom r = new SplittableRandom(stateSeed);
    List<Integer> actions = new ArrayList<>();
    agent.setTraining(training);
    for (int e = 0; e < episodes; e++) {
      agent.startEpisode(STATIONS);
      int requests = 0;
      double cost = 0;
      for (int k = 0; k < 40; k++) {
        int station = k % STATIONS;
        int n = 2 + r.nextInt(5);
        float[] rows = new float[n * F];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = (float) r.nextDouble(-1, 1);
        }
        boolean unsafe = r.nextInt(4) == 0;
        int proposed = agent.propose(rows, n);
        assertThat(proposed).as(agent.name() + " action of %d", n).isBetween(0, n - 1);
        actions.add(proposed);
        boolean veto = unsafe && proposed < n - 1;
        int executed = veto ? n - 1 : proposed;
        Outcome o =
            agent.observe(new Agent.Decision(station, rows, n, proposed, executed, veto, unsafe));
        agent.learn();
        o.reward -= r.nextInt(2); // eviction regret, as the ledger charges it
        o.cost += r.nextInt(2); // requests served while overloaded
        requests += 1 + r.nextInt(3);
        cost += o.cost;
      }
      agent.endEpisode(new Agent.Episode(requests, cost));
    }
    return new Run(actions, agent.weights(), agent.gradientSteps());
  }

  @ParameterizedTest
  @MethodSource("agents")
  void trainingLearnsWithoutChangingTheShapeOfTheWeights(String name) {
    try (Agent agent = create(name, 1)) {
      assertThat(agent.name()).isEqualTo(name);
      float[] before = agent.weights();
      Run trained = drive(agent, true, 4, 2);
      assertThat(trained.steps()).as(name + " gradient steps").isPositive();
      assertThat(trained.weights()).as(name).hasSameSizeAs(before).isNotEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("agents")
  void evaluationDoesNotLearnAndRepeatsItsActions(String name) {
    try (Agent agent = create(name, 1)) {
      drive(agent, true, 2, 2);
      Run first = drive(agent, false, 2, 3);
      Run second = drive(agent, false, 2, 3);
      assertThat(second.weights()).as(name).containsExactly(first.weights());
      assertThat(second.steps()).isEqualTo(first.steps());
      assertThat(second.actions()).isEqualTo(first.actions());
    }
  }

  @ParameterizedTest
  @MethodSource("agents")
  void theSameSeedGivesTheSameActionsAndWeights(String name) {
    Run a;
    Run b;
    Run other;
    try (Agent agent = create(name, 7)) {
      a = drive(agent, true, 3, 4);
    }
    try (Agent agent = create(name, 7)) {
      b = drive(agent, true, 3, 4);
    }
    try (Agent agent = create(name, 8)) {
      other = drive(agent, true, 3, 4);
    }
    assertThat(b.actions()).isEqualTo(a.actions());
    assertThat(b.weights()).containsExactly(a.weights());
    assertThat(other.weights()).as("another seed, other initial weights").isNotEqualTo(a.weights());
  }

  @ParameterizedTest
  @MethodSource("agents")
  void theControllerReportsTheAgentsMultiplierWhenItHasOne(String name) {
    Agent agent = create(name, 1);
    // the controller owns the agent and closes it
    try (RlController controller =
        new RlController(Topology.shared(), 1, SafetySettings.RELIABLE, agent)) {
      drive(agent, true, 3, 5);
      double expected = agent instanceof Constrained c ? c.lambda() : 0;
      assertThat(expected).isGreaterThanOrEqualTo(0);
      assertThat(controller.lambda()).isEqualTo(expected);
      assertThat(controller.agent()).isSameAs(agent);
      assertThat(controller.gradientSteps()).isEqualTo(agent.gradientSteps());
    }
  }
}
