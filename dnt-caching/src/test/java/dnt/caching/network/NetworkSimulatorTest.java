package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.caching.policy.PolicyRegistry;
import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The fixed serving rule and the metrics, on hand-worked traces. */
final class NetworkSimulatorTest {
  /** Client 0 reaches stations 0 (home) and 1; client 1 only station 1; client 2 only 0. */
  private static Topology twoStations() {
    return Topology.builder()
        .attach(0, 0, 0)
        .attach(0, 1, 0)
        .attach(1, 1, 0)
        .attach(2, 0, 0)
        .build();
  }

  private static SimulationResult run(Trace t, Topology topo, int capacity, String policy) {
    return NetworkSimulator.run(
        t,
        topo,
        capacity,
        StationCacheFactory.of(PolicyRegistry.spec(policy), 1),
        new SimulationOptions(2, 2, 1.0));
  }

  @Test
  void aHitAtTwoStationsIsServedByTheLessLoadedOneWithTiesToHome() {
    // c2 item5: miss at 0. c1 item5: miss at 1. c0 item5: both hold it, loads 1 and 1 -> home 0.
    // c0 item5 again: loads 2 and 1 -> station 1.
    Trace t = Trace.sequential(new int[] {2, 1, 0, 0}, new int[] {5, 5, 5, 5});
    SimulationResult r = run(t, twoStations(), 1, "lru");
    assertThat(r.hits()).isEqualTo(2);
    assertThat(r.served()).containsExactly(2, 2);
    assertThat(r.stationHits()).containsExactly(1, 1);
    assertThat(r.homeRequests()).containsExactly(3, 1);
    assertThat(r.hitRate()).isEqualTo(0.5);
  }

  @Test
  void aMissIsAdmittedAtTheHomeStationOnly() {
    // c0 item 7 misses and is admitted at home 0, not at 1; c1 (station 1 only) then misses it.
    Trace t = Trace.sequential(new int[] {0, 1, 2}, new int[] {7, 7, 7});
    SimulationResult r = run(t, twoStations(), 4, "lru");
    assertThat(r.hits()).isEqualTo(1); // only client 2 (station 0) hits
    assertThat(r.stationHits()).containsExactly(1, 0);
    assertThat(r.served()).containsExactly(2, 1);
  }

  @Test
  void aHitAtTheNeighbourCountsWhenHomeLacksTheItem() {
    Trace t = Trace.sequential(new int[] {1, 0}, new int[] {3, 3});
    SimulationResult r = run(t, twoStations(), 1, "fifo");
    assertThat(r.hits()).isEqualTo(1);
    assertThat(r.stationHits()).containsExactly(0, 1);
  }

  @Test
  void aSharedTopologyIsOneCacheForEveryClient() {
    Trace t = Trace.sequential(new int[] {0, 9, 4, 2}, new int[] {1, 2, 1, 3});
    SimulationResult r = run(t, Topology.shared(), 2, "lru");
    assertThat(r.hits()).isEqualTo(1);
    assertThat(r.served()).containsExactly(4);
    assertThat(r.jain()).isEqualTo(1.0);
  }

  @Test
  void beladyOnANetworkUsesEachStationsOwnSubstream() {
    // Station 0 serves clients 0 and 2; station 1 serves clients 0 and 1. With capacity 1 at
    // station 0, client 2's request for item 4 must evict item 3, whose next use at station 0
    // (position 3, by client 0) is nearer than item 4's (never) - but Belady must admit, so it
    // evicts 3; the point is that the replay runs with per-station next-use positions.
    Trace t = Trace.sequential(new int[] {0, 2, 1, 0}, new int[] {3, 4, 3, 3});
    SimulationResult r = run(t, twoStations(), 1, "belady");
    // c1 item 3 misses at station 1 and is admitted there; c0 item 3 then hits at station 1.
    assertThat(r.hits()).isEqualTo(1);
    assertThat(r.stationHits()).containsExactly(0, 1);
  }

  @Test
  void overloadEventsCountRisingEdgesOfTheWindowedLoad() {
    // window 2, two stations, factor 1.0 -> threshold 1: a station serving twice in a row rises
    // once.
    Trace t = Trace.sequential(new int[] {2, 2, 2, 1, 1, 2}, new int[] {1, 2, 3, 4, 5, 6});
    SimulationResult r = run(t, twoStations(), 1, "lru");
    assertThat(r.overloadEvents()).isEqualTo(2);
    // station 0 rises at its second request in a row, station 1 at its own second
    assertThat(r.stationOverloadEvents()).containsExactly(1, 1);
  }

  @Test
  void imbalanceIndicesMatchTheirDefinitions() {
    long[] loads = {3, 1};
    assertThat(LoadStats.maxOverMean(loads)).isEqualTo(1.5);
    assertThat(LoadStats.jain(loads)).isEqualTo(16.0 / (2 * 10));
  }

  @Test
  void aClientWithoutAStationIsRejected() {
    Trace t = Trace.sequential(new int[] {0, 5}, new int[] {1, 1});
    assertThatThrownBy(() -> run(t, twoStations(), 1, "lru"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("request 2")
        .hasMessageContaining("client 5");
  }

  @Test
  void aThirdStationForAClientIsRejected() {
    Topology.Builder b = Topology.builder().attach(0, 0, 4).attach(0, 1, 5);
    assertThatThrownBy(() -> b.attach(0, 2, 6))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 6")
        .hasMessageContaining("more than two");
  }
}
