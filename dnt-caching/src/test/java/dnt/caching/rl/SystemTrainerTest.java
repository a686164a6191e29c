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

/** The four systems train on a tiny network and evaluate reproducibly (a few hundred steps). */
final class SystemTrainerTest {
  private static final AgentSettings TINY =
      new AgentSettings(8, 1e-3f, 0.9, 16, 500, 4, 20, 1.0, 0.05, 300);

  private static Topology topology() {
    return Topology.ring(3, 4, 0.5, Seeds.generator(1));
  }

  private static Trace trace(Topology topo, long seed, List<RareEvent> events) {
    ZipfPopularity z = new ZipfPopularity(3, 300, 0.9, 0.2, Seeds.generator(seed));
    return new RequestGenerator(topo, 12, 0.5).generate(z, 120, events, Seeds.generator(seed + 1));
  }

  @Test
  void theReliableSystemsShieldUnsafeAdmissionsAndThePlainOnesOnlyCountThem() {
    Topology topo = topology();
    SystemTrainer trainer =
        new SystemTrainer(topo, 12, 10, TINY, new SimulationOptions(60, 10, 1.2));
    List<Trace> physical = List.of(trace(topo, 3, List.of()));
    List<Trace> twin = List.of(trace(topo, 5, List.of(new RareEvent.RateSurge(0, 120, 0, 3.0))));
    Trace test = trace(topo, 7, List.of(new RareEvent.RateSurge(20, 80, 0, 3.0)));
    for (SystemKind kind : SystemKind.values()) {
      try (RlController c = trainer.train(kind, physical, twin, 11, (d, t, m) -> {})) {
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
        }
      }
    }
  }

  @Test
  void trainingIsReproducibleForASeed() {
    Topology topo = topology();
    SystemTrainer trainer =
        new SystemTrainer(topo, 12, 10, TINY, new SimulationOptions(60, 10, 1.2));
    List<Trace> physical = List.of(trace(topo, 3, List.of()));
    Trace test = trace(topo, 9, List.of());
    double[] hitRates = new double[2];
    float[][] weights = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (RlController c =
          trainer.train(SystemKind.RELIABLE_RL, physical, List.of(), 4, (d, t, m) -> {})) {
        weights[k] = c.agent().weights();
        hitRates[k] = trainer.evaluate(c, test).result().hitRate();
      }
    }
    assertThat(weights[1]).containsExactly(weights[0]);
    assertThat(hitRates[1]).isEqualTo(hitRates[0]);
  }

  @Test
  void physicalAndTwinEpisodesAlternateAndEachGivesAPointOfTheCurve() {
    Topology topo = topology();
    Trace p1 = trace(topo, 3, List.of());
    Trace p2 = trace(topo, 13, List.of());
    Trace t1 = trace(topo, 5, List.of());
    List<SystemTrainer.Scheduled> dnt =
        SystemTrainer.schedule(SystemKind.RL_DNT, List.of(p1, p2), List.of(t1));
    // physical first, then alternating while both last, then the rest
    assertThat(dnt).extracting(SystemTrainer.Scheduled::trace).containsExactly(p1, t1, p2);
    assertThat(dnt).extracting(SystemTrainer.Scheduled::twin).containsExactly(false, true, false);
    // a system without twin data never sees the twin's episode
    assertThat(SystemTrainer.schedule(SystemKind.RL, List.of(p1, p2), List.of(t1)))
        .extracting(SystemTrainer.Scheduled::trace)
        .containsExactly(p1, p2);

    SimulationOptions options = new SimulationOptions(60, 10, 1.2);
    SystemTrainer trainer = new SystemTrainer(topo, 12, 10, TINY, options);
    List<SystemTrainer.TrainingEpisode> curve = new java.util.ArrayList<>();
    long decisions;
    try (RlController c =
        trainer.train(
            SystemKind.RL_DNT, List.of(p1, p2), List.of(t1), 11, (d, t, m) -> {}, curve::add)) {
      decisions = c.decisions();
    }
    assertThat(curve).extracting(SystemTrainer.TrainingEpisode::episode).containsExactly(1, 2, 3);
    assertThat(curve)
        .extracting(SystemTrainer.TrainingEpisode::twin)
        .containsExactly(false, true, false);
    // the episodes' decisions add up to the controller's
    assertThat(curve.stream().mapToLong(SystemTrainer.TrainingEpisode::decisions).sum())
        .isEqualTo(decisions);
    for (SystemTrainer.TrainingEpisode e : curve) {
      assertThat(e.hitRate()).isBetween(0.0, 1.0);
      assertThat(e.decisions()).isPositive();
    }
  }
}
