package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.network.SimulationOptions;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.RareEvent;
import dnt.caching.workload.RequestGenerator;
import dnt.caching.workload.ZipfPopularity;
import dnt.core.util.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PPO-Lagrangian systems train on a tiny network, shield alike, and reproduce per seed. */
final class PpoTrainingTest {
  private static final PpoSettings TINY = new PpoSettings(8, 3e-3f, 0.9, 0.9, 0.2, 2, 32, 0.01);

  private static Topology topology() {
    return Topology.ring(3, 4, 0.5, Seeds.generator(1));
  }

  private static Trace trace(Topology topo, long seed, List<RareEvent> events) {
    ZipfPopularity z = new ZipfPopularity(3, 300, 0.9, 0.2, Seeds.generator(seed));
    return new RequestGenerator(topo, 12, 0.5).generate(z, 120, events, Seeds.generator(seed + 1));
  }

  private static SystemTrainer trainer(Topology topo) {
    return new SystemTrainer(
        topo,
        12,
        10,
        "ppo-lagrangian",
        AgentSettings.DEFAULTS,
        TINY,
        new SimulationOptions(60, 10, 1.2));
  }

  @Test
  void theFourSystemsTrainAndReportHitRateAndInterventions() {
    Topology topo = topology();
    SystemTrainer trainer = trainer(topo);
    List<Trace> physical = List.of(trace(topo, 3, List.of()));
    List<Trace> twin = List.of(trace(topo, 5, List.of(new RareEvent.RateSurge(0, 120, 0, 3.0))));
    Trace test = trace(topo, 7, List.of(new RareEvent.RateSurge(20, 80, 0, 3.0)));
    for (SystemKind kind : SystemKind.values()) {
      try (RlController c = trainer.train(kind, physical, twin, 11, (d, t, m) -> {})) {
        assertThat(c.agent().name()).isEqualTo("ppo-lagrangian");
        assertThat(c.gradientSteps()).as(kind.label()).isPositive();
        float[] trained = c.agent().weights();
        SystemTrainer.Evaluation e = trainer.evaluate(c, test);
        assertThat(e.decisions()).isPositive();
        // evaluation is greedy and does not learn: the weights stay, and a second replay of the
        // same stream repeats every decision (whether the agent learns: AgentLearnsTest)
        assertThat(c.agent().weights()).as(kind.label()).containsExactly(trained);
        SystemTrainer.Evaluation again = trainer.evaluate(c, test);
        assertThat(again.result().hits()).isEqualTo(e.result().hits());
        assertThat(again.decisions()).isEqualTo(e.decisions());
        if (kind.reliable()) {
          assertThat(e.result().interventions()).isEqualTo(e.unsafeProposals());
        } else {
          assertThat(e.result().interventions()).isZero();
          assertThat(c.lambda()).isZero();
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndMetrics() {
    Topology topo = topology();
    SystemTrainer trainer = trainer(topo);
    List<Trace> physical = List.of(trace(topo, 3, List.of()), trace(topo, 4, List.of()));
    Trace test = trace(topo, 7, List.of(new RareEvent.RateSurge(20, 80, 0, 3.0)));
    float[][] weights = new float[3][];
    double[] hitRates = new double[3];
    long[] seeds = {21, 21, 22};
    for (int k = 0; k < 3; k++) {
      try (RlController c =
          trainer.train(SystemKind.RELIABLE_RL, physical, List.of(), seeds[k], (d, t, m) -> {})) {
        weights[k] = c.agent().weights();
        hitRates[k] = trainer.evaluate(c, test).result().hitRate();
      }
    }
    assertThat(weights[1]).containsExactly(weights[0]);
    assertThat(hitRates[1]).isEqualTo(hitRates[0]);
    assertThat(weights[2]).isNotEqualTo(weights[0]);
  }
}
