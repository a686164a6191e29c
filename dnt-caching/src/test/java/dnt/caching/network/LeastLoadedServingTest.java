package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.PolicyRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The serving rule of issue 16 ({@link ServingRule#LEAST_LOADED}), on hand-worked traces. */
final class LeastLoadedServingTest {
  /** Client 0 reaches stations 0 (home) and 1; client 1 only station 1; client 2 only 0. */
  private static Topology twoStations() {
    return Topology.builder()
        .attach(0, 0, 0)
        .attach(0, 1, 0)
        .attach(1, 1, 0)
        .attach(2, 0, 0)
        .build();
  }

  private static SimulationResult run(Trace t, int capacity, int window, double factor) {
    return NetworkSimulator.run(
        t,
        twoStations(),
        capacity,
        StationCacheFactory.of(PolicyRegistry.spec("lru"), 1),
        new SimulationOptions(window, 1, factor, ServingRule.LEAST_LOADED));
  }

  @Test
  void aMissIsFetchedByTheLeastLoadedCoveringStation() {
    // c0 X: no holder, loads 0/0 -> home 0 fetches (load 0 = 2). c0 Y: loads 2/0 -> station 1
    // fetches (load 1 = 2). c0 X: only 0 holds X -> hit at 0. c0 Y: only 1 holds Y -> hit at 1.
    Trace t = Trace.sequential(new int[] {0, 0, 0, 0}, new int[] {1, 2, 1, 2});
    SimulationResult r = run(t, 1, 8, 1.5);
    assertThat(r.hits()).isEqualTo(2);
    assertThat(r.served()).containsExactly(2, 2);
    assertThat(r.fetched()).containsExactly(1, 1);
    assertThat(r.load()).containsExactly(3, 3);
    assertThat(r.stationHits()).containsExactly(1, 1);
    assertThat(r.jain()).isEqualTo(1.0);
  }

  @Test
  void twoHoldersServeByWindowedLoadWithTiesToHome() {
    // c2 5: miss at 0 (load 2). c1 5: miss at 1 (load 2). c0 5: both hold it, loads 2/2 -> home 0
    // (load 3). c0 5: loads 3/2 -> station 1.
    Trace t = Trace.sequential(new int[] {2, 1, 0, 0}, new int[] {5, 5, 5, 5});
    SimulationResult r = run(t, 1, 8, 1.5);
    assertThat(r.stationHits()).containsExactly(1, 1);
    assertThat(r.load()).containsExactly(3, 3);
    // a load unit per request plus one per miss
    assertThat(Arrays.stream(r.loadSeries()).flatMapToLong(Arrays::stream).sum())
        .isEqualTo(r.requests() + (r.requests() - r.hits()));
  }

  @Test
  void overloadIsJudgedAgainstTheUnitsInTheWindow() {
    // W = 2, factor 1: overloaded above max(2, units in window) / 2.
    // c2 6: miss at 0, units 2, load 0 = 2 > 1 -> event 1. c1 7: miss at 1, units 4, threshold 2:
    // loads 2/2, neither above. c1 7: hit at 1, the first request (2 units at 0) leaves: loads 0/3,
    // units 3, threshold 1.5 -> station 1 overloaded, event 2.
    Trace t = Trace.sequential(new int[] {2, 1, 1}, new int[] {6, 7, 7});
    SimulationResult r = run(t, 1, 2, 1.0);
    assertThat(r.overloadEvents()).isEqualTo(2);
    // event 1 at station 0, event 2 at station 1
    assertThat(r.stationOverloadEvents()).containsExactly(1, 1);
  }

  @Test
  void theFirstRuleCountsNoBackhaulLoad() {
    Trace t = Trace.sequential(new int[] {0, 0, 0, 0}, new int[] {1, 2, 1, 2});
    SimulationResult r =
        NetworkSimulator.run(
            t,
            twoStations(),
            1,
            StationCacheFactory.of(PolicyRegistry.spec("lru"), 1),
            new SimulationOptions(8, 1, 1.5));
    // home fetches every miss: X, Y, X, Y all miss at station 0 with one slot
    assertThat(r.hits()).isZero();
    assertThat(r.fetched()).containsExactly(0, 0);
    assertThat(r.load()).containsExactly(4, 0);
  }
}
