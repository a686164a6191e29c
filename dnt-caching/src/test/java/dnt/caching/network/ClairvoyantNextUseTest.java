package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.CachePolicy;
import dnt.core.util.Seeds;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The next use that per-station MIN ({@link ClairvoyantReference}) reads: for a station s and an
 * item it holds, the next request for the item by any client that s covers, kept current when the
 * other covering station serves such a request (issue 16: it used to stay at the served request, in
 * the past, so the item looked needed soonest and was never evicted).
 */
final class ClairvoyantNextUseTest {
  /** Client 0 is covered by stations 0 (home) and 1; client 1 only by 1; client 2 only by 0. */
  private static Topology dual() {
    return Topology.builder()
        .attach(0, 0, 0)
        .attach(0, 1, 0)
        .attach(1, 1, 0)
        .attach(2, 0, 0)
        .build();
  }

  @Test
  void anItemWhoseNextUseTheOtherStationServedIsEvictedFirst() {
    // Items B = 2, A = 1, C = 3; two slots per station; the first study's rule (a hit at the
    // holder that has served fewer requests, ties to home; misses at home).
    // 0: c2 B: miss at 0, admitted (st0 {B}; B's next use at st0: request 5)
    // 1: c2 A: miss at 0, admitted (st0 {B, A}; A's next use at st0: request 3)
    // 2: c1 A: miss at 1, admitted (st1 {A})
    // 3: c0 A: both hold A, station 0 has served 2, station 1 one: station 1 serves (hit 1). A is
    //    requested again by no client of station 0: its next use there is now never.
    // 4: c2 C: miss at 0, full: MIN evicts A (never) and keeps B (request 5). The old code kept
    //    A's next use at request 3, nearer than B's, and evicted B.
    // 5: c2 B: hit at 0 (hit 2); the old code missed it.
    Trace t = Trace.sequential(new int[] {2, 2, 1, 0, 2, 2}, new int[] {2, 1, 1, 1, 3, 2});
    SimulationResult r =
        ClairvoyantReference.replay(t, dual(), 2, new SimulationOptions(6, 1, 1.5));
    assertThat(r.hits()).isEqualTo(2);
    assertThat(r.stationHits()).containsExactly(1, 1);
  }

  @Test
  void underLeastLoadedServingTheSameStaleNextUseIsRefreshed() {
    // The same requests under the least-loaded rule (W = 6 covers the whole trace; a miss costs
    // two units). 0: c2 B: miss at 0 (load 2). 1: c2 A: miss at 0 (load 4). 2: c1 A: miss at 1
    // (load 2). 3: c0 A: both hold A, loads 4/2: station 1 serves (hit 1, load 3).
    // 4: c2 C: miss at 0 (client 2 has one station): MIN evicts A (never again at station 0's
    // clients), keeps B. 5: c2 B: hit at 0 (hit 2).
    Trace t = Trace.sequential(new int[] {2, 2, 1, 0, 2, 2}, new int[] {2, 1, 1, 1, 3, 2});
    SimulationResult r =
        ClairvoyantReference.replay(
            t, dual(), 2, new SimulationOptions(6, 1, 1.5, ServingRule.LEAST_LOADED));
    assertThat(r.hits()).isEqualTo(2);
    assertThat(r.stationHits()).containsExactly(1, 1);
  }

  @ParameterizedTest
  @EnumSource(ServingRule.class)
  void perStationMinMatchesABruteForceThatScansTheFutureAtEachEviction(ServingRule rule) {
    // random small networks where half the clients are covered by two stations; the brute force
    // recomputes, at each eviction, every cached item's next request by a client of the station
    for (int round = 0; round < 40; round++) {
      RandomGenerator random = Seeds.generator(Seeds.derive(7, round));
      int stations = 2 + random.nextInt(3);
      int clients = 3 + random.nextInt(6);
      Topology.Builder b = Topology.builder();
      for (int c = 0; c < clients; c++) {
        int home = random.nextInt(stations);
        b.attach(c, home, 0);
        if (random.nextBoolean()) {
          b.attach(c, (home + 1 + random.nextInt(stations - 1)) % stations, 0);
        }
      }
      for (int s = 0; s < stations; s++) {
        b.attach(clients + s, s, 0); // every station covers some client
      }
      Topology topology = b.build();
      int n = 200 + random.nextInt(200);
      int[] cl = new int[n];
      int[] it = new int[n];
      for (int i = 0; i < n; i++) {
        cl[i] = random.nextInt(clients + stations);
        it[i] = random.nextInt(12);
      }
      Trace trace = Trace.sequential(cl, it);
      int capacity = 1 + random.nextInt(4);
      SimulationOptions options = new SimulationOptions(1 + random.nextInt(20), 4, 1.2, rule);
      SimulationResult min = ClairvoyantReference.replay(trace, topology, capacity, options);
      SimulationResult brute =
          NetworkSimulator.run(
              trace,
              topology,
              capacity,
              (s, c, view) -> new ScanningMin(s, c, view, trace, topology),
              options);
      assertThat(min.hits()).as("round %d", round).isEqualTo(brute.hits());
      assertThat(min.stationHits()).as("round %d", round).isEqualTo(brute.stationHits());
      assertThat(min.load()).as("round %d", round).isEqualTo(brute.load());
      assertThat(min.overloadEvents()).as("round %d", round).isEqualTo(brute.overloadEvents());
    }
  }

  /**
   * MIN by brute force: at a full-cache miss, scans the trace forward from the current request for
   * each cached item's next request by a client that this station covers, and evicts the farthest
   * (never requested again = infinitely far; ties by the smallest item).
   */
  private static final class ScanningMin implements CachePolicy {
    private final int station;
    private final int capacity;
    private final NetworkView view;
    private final Trace trace;
    private final Topology topology;
    private final IntArrayList items = new IntArrayList();

    ScanningMin(int station, int capacity, NetworkView view, Trace trace, Topology topology) {
      this.station = station;
      this.capacity = capacity;
      this.view = view;
      this.trace = trace;
      this.topology = topology;
    }

    private long nextUse(int item) {
      for (int j = view.requestIndex() + 1; j < trace.size(); j++) {
        if (trace.items()[j] == item) {
          for (int s : topology.stationsOf(trace.clients()[j])) {
            if (s == station) {
              return j;
            }
          }
        }
      }
      return Long.MAX_VALUE;
    }

    @Override
    public String name() {
      return "scanning-min";
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public boolean contains(int item) {
      return items.contains(item);
    }

    @Override
    public void recordHit(int item, int nextUse) {}

    @Override
    public int admit(int item, int nextUse) {
      if (items.size() < capacity) {
        items.add(item);
        return -1;
      }
      int victim = -1;
      long farthest = -1;
      for (int k = 0; k < items.size(); k++) {
        int x = items.getInt(k);
        long next = nextUse(x);
        if (next > farthest || (next == farthest && x < items.getInt(victim))) {
          farthest = next;
          victim = k;
        }
      }
      int evicted = items.getInt(victim);
      items.set(victim, item);
      return evicted;
    }
  }
}
