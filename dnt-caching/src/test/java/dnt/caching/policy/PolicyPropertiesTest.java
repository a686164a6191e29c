package dnt.caching.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants every policy keeps, and Belady's optimality, on random request sequences. */
final class PolicyPropertiesTest {
  @Property(tries = 60)
  void beladyHitsAtLeastAsOftenAsEveryOnlinePolicy(
      @ForAll @Size(min = 1, max = 300) int[] raw,
      @ForAll @IntRange(min = 1, max = 12) int capacity) {
    int[] trace = items(raw);
    int[] next = NextUse.of(trace);
    int best = replay(new Belady(capacity), trace, next);
    for (String name : PolicyRegistry.names()) {
      int h = replay(PolicyRegistry.spec(name).factory().create(capacity, 1), trace, next);
      assertThat(best).as(name).isGreaterThanOrEqualTo(h);
    }
  }

  @Property(tries = 60)
  void everyPolicyAgreesWithAReferenceSetAndNeverExceedsItsCapacity(
      @ForAll @Size(min = 1, max = 300) int[] raw,
      @ForAll @IntRange(min = 1, max = 12) int capacity) {
    int[] trace = items(raw);
    int[] next = NextUse.of(trace);
    for (String name : PolicyRegistry.names()) {
      CachePolicy p = PolicyRegistry.spec(name).factory().create(capacity, 1);
      Set<Integer> cached = new HashSet<>();
      for (int i = 0; i < trace.length; i++) {
        boolean hit = p.contains(trace[i]);
        assertThat(hit).as(name).isEqualTo(cached.contains(trace[i]));
        if (hit) {
          p.recordHit(trace[i], next[i]);
        } else {
          int evicted = p.admit(trace[i], next[i]);
          if (evicted >= 0) {
            assertThat(cached.remove(evicted)).as(name + " evicts a cached item").isTrue();
          }
          if (evicted != trace[i]) {
            cached.add(trace[i]);
          }
        }
        assertThat(p.size()).as(name).isEqualTo(cached.size()).isLessThanOrEqualTo(capacity);
      }
    }
  }

  private static int[] items(int[] raw) {
    int[] t = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      t[i] = Math.floorMod(raw[i], 25);
    }
    return t;
  }

  private static int replay(CachePolicy p, int[] trace, int[] next) {
    int h = 0;
    for (int i = 0; i < trace.length; i++) {
      h += p.access(trace[i], next[i]) ? 1 : 0;
    }
    return h;
  }
}
