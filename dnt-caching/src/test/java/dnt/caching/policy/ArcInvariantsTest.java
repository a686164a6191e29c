package dnt.caching.policy;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.ints.IntSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * ARC's directory invariants from Megiddo and Modha (FAST 2003, Sec. III): |T1| + |B1| ≤ c, |T1| +
 * |T2| + |B1| + |B2| ≤ 2c, 0 ≤ p ≤ c, and the four lists are disjoint.
 */
final class ArcInvariantsTest {
  @Property(tries = 60)
  void theDirectoryInvariantsHoldAfterEveryRequest(
      @ForAll @Size(min = 1, max = 400) int[] raw, @ForAll @IntRange(min = 1, max = 8) int c) {
    Arc arc = new Arc(c);
    for (int x : raw) {
      arc.access(Math.floorMod(x, 3 * c + 2), CachePolicy.NEVER);
      List<IntSet> lists = arc.lists();
      IntSet t1 = lists.get(0);
      IntSet t2 = lists.get(1);
      IntSet b1 = lists.get(2);
      IntSet b2 = lists.get(3);
      assertThat(t1.size() + b1.size()).isLessThanOrEqualTo(c);
      assertThat(t1.size() + t2.size() + b1.size() + b2.size()).isLessThanOrEqualTo(2 * c);
      assertThat(t1.size() + t2.size()).isLessThanOrEqualTo(c);
      assertThat(arc.target()).isBetween(0.0, (double) c);
      for (int k : t1) {
        assertThat(t2.contains(k) || b1.contains(k) || b2.contains(k)).isFalse();
      }
      for (int k : b1) {
        assertThat(t2.contains(k) || b2.contains(k)).isFalse();
      }
    }
  }
}
