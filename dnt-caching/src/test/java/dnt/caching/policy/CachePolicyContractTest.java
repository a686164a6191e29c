package dnt.caching.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered cache policy keeps (JGraphT-style contract tests, parameterised
 * over {@link PolicyRegistry#POLICIES}, so that a new entry is covered without a new case): its
 * capacity is never exceeded and an eviction returns an item that was cached; an online policy
 * holds an item right after admitting it; the same seed replays the same decisions; and the
 * registry name round-trips through the created policy and through any letter case.
 */
final class CachePolicyContractTest {
  private static final int[] CAPACITIES = {1, 3, 8};

  static Stream<String> policies() {
    return PolicyRegistry.POLICIES.names().stream();
  }

  /** A skewed random trace over 40 items (item i drawn with weight 1/(i+1)). */
  private static int[] trace(long seed, int length) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] t = new int[length];
    for (int i = 0; i < length; i++) {
      t[i] = (int) Math.floor(Math.exp(r.nextDouble() * Math.log(41))) - 1;
    }
    return t;
  }

  private static CachePolicy create(String name, int capacity, long seed) {
    return PolicyRegistry.spec(name).factory().create(capacity, seed);
  }

  @ParameterizedTest
  @MethodSource("policies")
  void theCapacityIsNeverExceededAndEvictionsNameCachedItems(String name) {
    int[] t = trace(1, 600);
    int[] next = NextUse.of(t);
    for (int capacity : CAPACITIES) {
      CachePolicy p = create(name, capacity, 3);
      assertThat(p.capacity()).isEqualTo(capacity);
      for (int i = 0; i < t.length; i++) {
        if (p.contains(t[i])) {
          p.recordHit(t[i], next[i]);
        } else {
          int before = p.size();
          int evicted = p.admit(t[i], next[i]);
          if (evicted >= 0 && evicted != t[i]) {
            assertThat(p.contains(evicted)).as(name + " evicted %d", evicted).isFalse();
            assertThat(before).as(name + " evicts only when full").isEqualTo(capacity);
          }
        }
        assertThat(p.size()).as(name).isBetween(0, capacity);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  void anOnlinePolicyHoldsAnItemRightAfterAdmittingIt(String name) {
    // an offline policy (MIN) may rightly bypass an item it knows is not needed again soon
    if (PolicyRegistry.spec(name).offline()) {
      assertThat(PolicyRegistry.spec(name).factory().create(2, 0).name()).isEqualTo(name);
      return;
    }
    int[] t = trace(2, 400);
    for (int capacity : CAPACITIES) {
      CachePolicy p = create(name, capacity, 5);
      for (int item : t) {
        if (!p.access(item, CachePolicy.NEVER)) {
          assertThat(p.contains(item)).as(name + " after admitting %d", item).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  void theSameSeedReplaysTheSameDecisions(String name) {
    int[] t = trace(3, 500);
    int[] next = NextUse.of(t);
    assertThat(decisions(create(name, 5, 11), t, next))
        .as(name)
        .isEqualTo(decisions(create(name, 5, 11), t, next));
  }

  /** Per request: -2 for a hit, else the item admit evicted (-1 for none). */
  private static List<Integer> decisions(CachePolicy p, int[] t, int[] next) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      if (p.contains(t[i])) {
        p.recordHit(t[i], next[i]);
        out.add(-2);
      } else {
        out.add(p.admit(t[i], next[i]));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("policies")
  void theRegistryNameRoundTrips(String name) {
    assertThat(create(name, 4, 1).name()).isEqualTo(name);
    assertThat(PolicyRegistry.spec(name.toUpperCase(Locale.ROOT)).name()).isEqualTo(name);
    assertThat(PolicyRegistry.POLICIES.descriptions().get(name)).isNotBlank();
  }

  @Test
  void theAliasAndAnUnknownNameBehaveAsDocumented() {
    assertThat(PolicyRegistry.spec("W-TinyLFU").name()).isEqualTo("wtinylfu");
    assertThat(PolicyRegistry.POLICIES.family()).isEqualTo("cache policy");
    assertThatThrownBy(() -> PolicyRegistry.spec("mru"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "unknown cache policy 'mru'; known: lru, lfu, fifo, random, arc, wtinylfu, belady");
  }
}
