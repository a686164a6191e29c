package dnt.caching.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each classic policy's eviction and tie rule on small hand-worked request sequences. */
final class TieRulesTest {
  private static int hits(CachePolicy p, int... items) {
    int[] next = NextUse.of(items);
    int h = 0;
    for (int i = 0; i < items.length; i++) {
      h += p.access(items[i], next[i]) ? 1 : 0;
    }
    return h;
  }

  @Test
  void lruEvictsTheLeastRecentlyUsedAndRefreshesOnHit() {
    Lru lru = new Lru(2);
    // 1,2,1 -> order MRU 1,2; 3 evicts 2; 2 evicts 1; 3 hits; 1 evicts 2.
    assertThat(hits(lru, 1, 2, 1, 3, 2, 3, 1)).isEqualTo(2);
    assertThat(lru.contains(3)).isTrue();
    assertThat(lru.contains(1)).isTrue();
    assertThat(lru.contains(2)).isFalse();
  }

  @Test
  void lruAdmitReturnsTheVictim() {
    Lru lru = new Lru(2);
    assertThat(lru.admit(1, CachePolicy.NEVER)).isEqualTo(-1);
    assertThat(lru.admit(2, CachePolicy.NEVER)).isEqualTo(-1);
    lru.recordHit(1, CachePolicy.NEVER);
    assertThat(lru.admit(3, CachePolicy.NEVER)).isEqualTo(2);
  }

  @Test
  void lfuEvictsTheLeastFrequentItem() {
    Lfu lfu = new Lfu(2);
    hits(lfu, 1, 1, 2);
    assertThat(lfu.admit(3, CachePolicy.NEVER)).isEqualTo(2);
  }

  @Test
  void lfuBreaksFrequencyTiesByLeastRecentRequest() {
    Lfu lfu = new Lfu(2);
    hits(lfu, 1, 2, 2, 1);
    // both have frequency 2; item 2 was requested less recently than item 1
    assertThat(lfu.admit(3, CachePolicy.NEVER)).isEqualTo(2);
    // 3 has frequency 1, below 1's frequency 2
    assertThat(lfu.admit(4, CachePolicy.NEVER)).isEqualTo(3);
  }

  @Test
  void fifoEvictsTheOldestAdmissionEvenIfItWasHit() {
    Fifo fifo = new Fifo(2);
    hits(fifo, 1, 2, 1);
    assertThat(fifo.admit(3, CachePolicy.NEVER)).isEqualTo(1);
    assertThat(fifo.admit(4, CachePolicy.NEVER)).isEqualTo(2);
  }

  @Test
  void beladyEvictsTheItemRequestedFarthestInTheFuture() {
    // at request 3 (item 3): next use of 1 is position 3, of 2 is position 4 -> evict 2
    assertThat(hits(new Belady(2), 1, 2, 3, 1, 2)).isEqualTo(1);
    Belady b = new Belady(2);
    b.admit(1, 3);
    b.admit(2, 4);
    assertThat(b.admit(3, CachePolicy.NEVER)).isEqualTo(2);
  }

  @Test
  void beladyTreatsNeverRequestedAgainAsInfinitelyFarAndBreaksTiesBySmallestItem() {
    Belady b = new Belady(3);
    b.admit(7, CachePolicy.NEVER);
    b.admit(4, CachePolicy.NEVER);
    b.admit(9, 10);
    assertThat(b.admit(3, 5)).isEqualTo(4);
    assertThat(b.admit(8, 6)).isEqualTo(7);
    assertThat(b.admit(1, 7)).isEqualTo(9);
  }

  @Test
  void randomEvictionIsReproducibleForASeed() {
    int[] trace = new int[500];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < trace.length; i++) {
      trace[i] = r.nextInt(40);
    }
    int a = hits(PolicyRegistry.spec("random").factory().create(10, 5), trace);
    int b = hits(PolicyRegistry.spec("random").factory().create(10, 5), trace);
    assertThat(a).isEqualTo(b).isPositive();
  }

  @Test
  void arcKeepsFrequentItemsThroughAScanThatFlushesLru() {
    int[] trace = new int[4 + 10 + 2];
    int k = 0;
    for (int item : new int[] {1, 2, 1, 2}) {
      trace[k++] = item;
    }
    for (int i = 10; i < 20; i++) {
      trace[k++] = i;
    }
    trace[k++] = 1;
    trace[k] = 2;
    assertThat(hits(new Lru(4), trace)).isEqualTo(2);
    assertThat(hits(new Arc(4), trace)).isEqualTo(4);
  }

  @Test
  void arcAdaptsItsTargetTowardsRecencyOnAGhostHitInB1() {
    Arc arc = new Arc(2);
    hits(arc, 1, 1, 2, 3); // 1 moves to T2; 3 pushes 2 from T1 into B1
    assertThat(arc.target()).isZero();
    hits(arc, 2);
    assertThat(arc.target()).isEqualTo(1.0);
  }

  @Test
  void wTinyLfuRejectsOneHitWondersInFavourOfFrequentItems() {
    WTinyLfu w = new WTinyLfu(10);
    int[] warm = new int[27];
    for (int i = 0; i < 27; i++) {
      warm[i] = 1 + i % 9;
    }
    hits(w, warm);
    int[] scan = new int[100];
    for (int i = 0; i < 100; i++) {
      scan[i] = 100 + i;
    }
    hits(w, scan);
    assertThat(hits(w, 1, 2, 3, 4, 5, 6, 7, 8, 9)).isEqualTo(9);
    assertThat(hits(new Lru(10), scan)).isZero();
  }

  @Test
  void nextUsePointsAtTheSameItemsNextRequest() {
    assertThat(NextUse.of(new int[] {5, 6, 5, 5, 6}))
        .containsExactly(2, 4, 3, CachePolicy.NEVER, CachePolicy.NEVER);
  }
}
