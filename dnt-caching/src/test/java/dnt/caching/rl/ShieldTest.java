package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.network.NetworkSimulator;
import dnt.caching.network.SimulationOptions;
import dnt.caching.network.SimulationResult;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.core.util.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The action shield: on a station loaded by its own clients, admitting an item that a neighbour's
 * dual-homed clients request often is predicted to overload it; reliable systems veto such
 * admissions (each veto one intervention), plain ones only count them.
 */
final class ShieldTest {
  /** Client 0: station 0 only. Clients 1 and 2: home 1, also station 0. */
  private static final Topology TOPO =
      Topology.builder()
          .attach(0, 0, 0)
          .attach(1, 1, 0)
          .attach(1, 0, 0)
          .attach(2, 1, 0)
          .attach(2, 0, 0)
          .build();

  private static Trace trace() {
    int n = 3000;
    int[] clients = new int[n];
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      switch (i % 6) {
        case 0, 2, 4 -> {
          clients[i] = 0; // station 0's own load, and misses on new items
          items[i] = i % 4 == 0 ? 7 : 100 + i;
        }
        case 1 -> {
          clients[i] = 1;
          items[i] = 7; // the neighbour's dual-homed clients want item 7
        }
        default -> {
          clients[i] = 2;
          items[i] = 8 + (i % 3); // station 1 (one slot) churns, so it rarely holds 7
        }
      }
    }
    return Trace.sequential(clients, items);
  }

  private static RlController controller(SafetySettings safety) {
    AgentSettings explore = new AgentSettings(4, 1e-3f, 0.5, 8, 100, 1_000_000, 10, 1.0, 1.0, 1);
    return new RlController(TOPO, 3, explore, safety, Seeds.generator(5)).setTraining(true);
  }

  @Test
  void theShieldVetoesPredictedOverloadsAndCountsEachVeto() {
    SimulationOptions options = new SimulationOptions(12, 5, 1.0);
    try (RlController reliable = controller(SafetySettings.RELIABLE)) {
      SimulationResult r = NetworkSimulator.run(trace(), TOPO, 1, reliable, options);
      assertThat(reliable.interventions()).isPositive();
      assertThat(r.interventions()).isEqualTo(reliable.interventions());
      assertThat(reliable.unsafeProposals()).isEqualTo(reliable.interventions());
    }
    try (RlController plain = controller(SafetySettings.OFF)) {
      SimulationResult r = NetworkSimulator.run(trace(), TOPO, 1, plain, options);
      assertThat(plain.unsafeProposals()).isPositive();
      assertThat(r.interventions()).isZero();
    }
  }
}
