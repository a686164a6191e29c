package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.CachePolicy;
import dnt.caching.policy.PolicyRegistry;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

/**
 * Per-station MIN is a bound only for one cache that admits every miss: a cache that may refuse
 * admission beats it, and on a network with dual-covered clients so can an online policy that
 * admits every miss, which is why the study calls it a clairvoyant reference.
 */
final class ClairvoyantReferenceTest {
  /** Keeps the first items it sees and refuses every later miss (an admission-control policy). */
  private static final class KeepFirst implements CachePolicy {
    private final int capacity;
    private final IntOpenHashSet items = new IntOpenHashSet();

    KeepFirst(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public String name() {
      return "keep-first";
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
      }
      return -1;
    }
  }

  @Test
  void aCacheThatMayRefuseAdmissionBeatsMinWhichIsThereforeNoBoundForIt() {
    // one slot, A B A B A: MIN must admit B and so evicts A (no hit at all); keeping A gets the
    // two later A requests
    Trace t = Trace.sequential(new int[5], new int[] {1, 2, 1, 2, 1});
    SimulationOptions o = new SimulationOptions(5, 1, 1.5);
    SimulationResult min = ClairvoyantReference.replay(t, Topology.shared(), 1, o);
    SimulationResult keep =
        NetworkSimulator.run(t, Topology.shared(), 1, (s, c, v) -> new KeepFirst(c), o);
    assertThat(min.hits()).isZero();
    assertThat(keep.hits()).isEqualTo(2);
  }

  @Test
  void onANetworkEvenLruCanBeatPerStationMinWhichIsThereforeNoBoundForPoliciesThatAdmitEveryMiss() {
    // Client 0 is covered by stations 0 (home) and 1, client 1 only by 0, client 2 only by 1; two
    // slots each; the first study's rule (two holders: the one that has served fewer serves).
    // 0: c2 X: miss at 1, admitted. 1: c1 X, 2: c1 Y: misses at 0, admitted (0 holds X, Y).
    // 3: c1 Z: miss at 0, full. MIN: X's next use among station 0's clients is request 4 (client
    // 0),
    //    Y's is 5: it evicts Y. LRU evicts X, the less recent.
    // 4: c0 X: a hit for both (station 1 holds X, and serves it under both policies: it has served
    //    one request, station 0 three). 5: c1 Y: LRU's station 0 still holds Y (hit); MIN's does
    //    not. MIN kept X for a request that the neighbour served anyway.
    Topology t =
        Topology.builder().attach(0, 0, 0).attach(0, 1, 0).attach(1, 0, 0).attach(2, 1, 0).build();
    Trace trace =
        Trace.sequential(new int[] {2, 1, 1, 1, 0, 1}, new int[] {10, 10, 11, 12, 10, 11});
    SimulationOptions o = new SimulationOptions(6, 1, 1.5);
    SimulationResult min = ClairvoyantReference.replay(trace, t, 2, o);
    SimulationResult lru =
        NetworkSimulator.run(trace, t, 2, StationCacheFactory.of(PolicyRegistry.spec("lru"), 0), o);
    assertThat(min.hits()).isEqualTo(1);
    assertThat(lru.hits()).isEqualTo(2);
    // the same under the least-loaded rule: station 1 is the lighter holder at request 4
    SimulationOptions ll = o.withServing(ServingRule.LEAST_LOADED);
    assertThat(ClairvoyantReference.replay(trace, t, 2, ll).hits()).isEqualTo(1);
    assertThat(
            NetworkSimulator.run(
                    trace, t, 2, StationCacheFactory.of(PolicyRegistry.spec("lru"), 0), ll)
                .hits())
        .isEqualTo(2);
  }

  @Test
  void onlyASingleCacheMakesItABound() {
    assertThat(ClairvoyantReference.isBound(Topology.shared())).isTrue();
    Topology two = Topology.builder().attach(0, 0, 0).attach(1, 1, 0).build();
    assertThat(ClairvoyantReference.isBound(two)).isFalse();
  }
}
