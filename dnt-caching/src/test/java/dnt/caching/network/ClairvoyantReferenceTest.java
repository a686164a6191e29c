package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.policy.CachePolicy;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

/**
 * Per-station MIN is a bound only for one cache that admits every miss: a cache that may refuse
 * admission beats it, which is why the study calls it a clairvoyant reference.
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
  void onlyASingleCacheMakesItABound() {
    assertThat(ClairvoyantReference.isBound(Topology.shared())).isTrue();
    Topology two = Topology.builder().attach(0, 0, 0).attach(1, 1, 0).build();
    assertThat(ClairvoyantReference.isBound(two)).isFalse();
  }
}
