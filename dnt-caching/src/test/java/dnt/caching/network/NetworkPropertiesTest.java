package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.CachePolicy;
import dnt.caching.policy.NextUse;
import dnt.caching.policy.PolicyRegistry;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Conservation laws of a replay, and a shared topology behaving exactly as one cache. */
final class NetworkPropertiesTest {
  @Property(tries = 40)
  void aSharedTopologyReplaysExactlyAsASingleCache(
      @ForAll @Size(min = 1, max = 400) int[] raw,
      @ForAll @IntRange(min = 1, max = 10) int capacity) {
    int[] items = Arrays.stream(raw).map(x -> Math.floorMod(x, 30)).toArray();
    int[] next = NextUse.of(items);
    for (String name : PolicyRegistry.names()) {
      CachePolicy single = PolicyRegistry.spec(name).factory().create(capacity, 9);
      long hits = 0;
      for (int i = 0; i < items.length; i++) {
        hits += single.access(items[i], next[i]) ? 1 : 0;
      }
      SimulationResult r =
          NetworkSimulator.run(
              Trace.sequential(new int[items.length], items),
              Topology.shared(),
              capacity,
              StationCacheFactory.of(
                  new PolicyRegistry.Spec(
                      name,
                      "",
                      PolicyRegistry.spec(name).offline(),
                      (c, s) -> PolicyRegistry.spec(name).factory().create(c, 9)),
                  0),
              SimulationOptions.DEFAULTS);
      assertThat(r.hits()).as(name).isEqualTo(hits);
    }
  }

  @Property(tries = 40)
  void everyRequestIsServedOnceAndHitsNeverExceedRequests(
      @ForAll @Size(min = 1, max = 400) int[] raw,
      @ForAll @IntRange(min = 1, max = 6) int capacity) {
    Topology topo =
        Topology.builder()
            .attach(0, 0, 0)
            .attach(0, 1, 0)
            .attach(1, 1, 0)
            .attach(2, 2, 0)
            .attach(2, 0, 0)
            .build();
    int[] items = Arrays.stream(raw).map(x -> Math.floorMod(x, 20)).toArray();
    int[] clients = Arrays.stream(raw).map(x -> Math.floorMod(x / 7, 3)).toArray();
    for (String name : PolicyRegistry.names()) {
      SimulationResult r =
          NetworkSimulator.run(
              Trace.sequential(clients, items),
              topo,
              capacity,
              StationCacheFactory.of(PolicyRegistry.spec(name), 3),
              new SimulationOptions(10, 7, 1.2));
      assertThat(Arrays.stream(r.served()).sum()).isEqualTo(items.length);
      assertThat(Arrays.stream(r.homeRequests()).sum()).isEqualTo(items.length);
      assertThat(Arrays.stream(r.stationHits()).sum()).isEqualTo(r.hits());
      long bucketed = Arrays.stream(r.loadSeries()).flatMapToLong(Arrays::stream).sum();
      assertThat(bucketed).isEqualTo(items.length);
      for (int s = 0; s < 3; s++) {
        assertThat(r.stationHits()[s]).isLessThanOrEqualTo(r.served()[s]);
      }
      // Jain's index of 3 loads lies in [1/3, 1]; (sum x)^2 / (3 sum x^2) rounds a few times
      // (~1e-16)
      assertThat(r.jain()).isBetween(1.0 / 3 - 1e-12, 1.0 + 1e-12);
    }
  }
}
