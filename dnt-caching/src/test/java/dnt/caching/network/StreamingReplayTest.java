package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.PolicyRegistry;
import dnt.caching.workload.ZipfDistribution;
import dnt.core.util.Seeds;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replaying a stream batch by batch gives exactly the replay of the same trace held in memory, for
 * every registered policy (the offline ones through the materialised path), both serving rules, one
 * shared cache and a network.
 */
final class StreamingReplayTest {
  private static final int N = 150_000; // more than two of the simulator's 65,536-request batches

  private static Trace trace(int clients) {
    RandomGenerator random = Seeds.generator(5);
    ZipfDistribution zipf = new ZipfDistribution(5_000, 0.8);
    int[] c = new int[N];
    int[] items = new int[N];
    for (int i = 0; i < N; i++) {
      items[i] = zipf.sample(random);
      c[i] = random.nextInt(clients);
    }
    return Trace.sequential(c, items);
  }

  /** A stream over a trace that gives at most 777 requests a read, whatever the caller asks. */
  private static RequestStream ragged(Trace trace) {
    RequestStream inner = RequestStream.of(trace);
    return new RequestStream() {
      @Override
      public long size() {
        return inner.size();
      }

      @Override
      public int read(int[] clients, int[] items) throws IOException {
        int[] c = new int[Math.min(777, clients.length)];
        int[] it = new int[c.length];
        int k = inner.read(c, it);
        System.arraycopy(c, 0, clients, 0, k);
        System.arraycopy(it, 0, items, 0, k);
        return k;
      }

      @Override
      public void close() {}
    };
  }

  private static void assertSame(SimulationResult a, SimulationResult b) {
    assertThat(a.requests()).isEqualTo(b.requests());
    assertThat(a.hits()).isEqualTo(b.hits());
    assertThat(a.served()).containsExactly(b.served());
    assertThat(a.fetched()).containsExactly(b.fetched());
    assertThat(a.stationHits()).containsExactly(b.stationHits());
    assertThat(a.homeRequests()).containsExactly(b.homeRequests());
    assertThat(a.hitSeries()).containsExactly(b.hitSeries());
    assertThat(a.loadSeries()).isDeepEqualTo(b.loadSeries());
    assertThat(a.overloadEvents()).isEqualTo(b.overloadEvents());
    assertThat(a.interventions()).isEqualTo(b.interventions());
  }

  @ParameterizedTest
  @EnumSource(ServingRule.class)
  void everyPolicyReplaysAStreamAsTheTraceInMemory(ServingRule serving) throws IOException {
    Trace network = trace(40);
    Topology ring = Topology.ring(5, 8, 0.4, Seeds.generator(2));
    Trace single = trace(1);
    SimulationOptions options = new SimulationOptions(400, 50, 1.5, serving);
    for (String name : PolicyRegistry.names()) {
      StationCacheFactory caches = StationCacheFactory.of(PolicyRegistry.spec(name), 3);
      SimulationResult inMemory = NetworkSimulator.run(network, ring, 20, caches, options);
      SimulationResult streamed = NetworkSimulator.run(ragged(network), ring, 20, caches, options);
      assertSame(streamed, inMemory);
      SimulationResult shared =
          NetworkSimulator.run(single, Topology.shared(), 20, caches, options);
      assertSame(
          NetworkSimulator.run(RequestStream.of(single), Topology.shared(), 20, caches, options),
          shared);
      assertThat(shared.hits()).as(name).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(ServingRule.class)
  void aStreamedLruCacheHitsAsAnIndependentLru(ServingRule serving) throws IOException {
    // the reference: an access-order LinkedHashMap of 20 entries evicting its eldest
    Trace t = trace(1);
    Map<Integer, Boolean> lru =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > 20;
          }
        };
    long hits = 0;
    for (int item : t.items()) {
      if (lru.get(item) != null) {
        hits++;
      } else {
        lru.put(item, Boolean.TRUE);
      }
    }
    SimulationResult r =
        NetworkSimulator.run(
            ragged(t),
            Topology.shared(),
            20,
            StationCacheFactory.of(PolicyRegistry.spec("lru"), 1),
            new SimulationOptions(400, 50, 1.5, serving));
    assertThat(r.hits()).isEqualTo(hits);
  }
}
