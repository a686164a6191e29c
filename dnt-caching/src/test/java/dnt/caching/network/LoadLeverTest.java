package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.PolicyRegistry;
import dnt.core.util.Seeds;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The lever's bounds, by hand and against replays of every policy on random streams. */
final class LoadLeverTest {
  /** Client 0 reaches stations 0 (home) and 1; client 1 only station 1; client 2 only 0. */
  private static Topology twoStations() {
    return Topology.builder()
        .attach(0, 0, 0)
        .attach(0, 1, 0)
        .attach(1, 1, 0)
        .attach(2, 0, 0)
        .build();
  }

  @Test
  void handWorkedBounds() {
    // c0 c0 c1 c2: half the requests come from the dual-covered client 0.
    // station 0: at least c2's 1 request, at most 2 x (c0's 2 + c2's 1) = 6; station 1 likewise.
    LoadLever l =
        LoadLever.of(
            Trace.sequential(new int[] {0, 0, 1, 2}, new int[] {1, 2, 3, 4}), twoStations());
    assertThat(l.movableShare()).isEqualTo(0.5);
    assertThat(l.dualClientShare()).isEqualTo(1.0 / 3);
    assertThat(l.minLoad()).containsExactly(1, 1);
    assertThat(l.maxLoad()).containsExactly(6, 6);
  }

  @Test
  void everyPolicysLoadsLieWithinTheBounds() {
    RandomGenerator r = Seeds.generator(7);
    Topology topo = twoStations();
    for (int round = 0; round < 20; round++) {
      int n = 200;
      int[] clients = new int[n];
      int[] items = new int[n];
      for (int i = 0; i < n; i++) {
        clients[i] = r.nextInt(3);
        items[i] = r.nextInt(8);
      }
      Trace t = Trace.sequential(clients, items);
      LoadLever l = LoadLever.of(t, topo);
      for (String p : PolicyRegistry.POLICIES.names()) {
        long[] load =
            NetworkSimulator.run(
                    t,
                    topo,
                    1 + r.nextInt(4),
                    StationCacheFactory.of(PolicyRegistry.spec(p), round),
                    new SimulationOptions(20, 5, 1.5, ServingRule.LEAST_LOADED))
                .load();
        for (int s = 0; s < 2; s++) {
          assertThat(load[s]).as(p).isBetween(l.minLoad()[s], l.maxLoad()[s]);
        }
        // the loads of the single-covered clients' stations can differ only by the movable part
        assertThat(Arrays.stream(load).sum()).isLessThanOrEqualTo(2L * n);
      }
    }
  }
}
