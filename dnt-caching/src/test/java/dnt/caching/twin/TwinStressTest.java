package dnt.caching.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.RareEvent;
import dnt.core.util.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The twin's rare regimes, measured from a hand-made history. */
final class TwinStressTest {
  @Test
  void theHistorysExtremesAreExtrapolated() {
    // one station, one client; slots 0-9: one request per slot for items 1 and 2 alternately;
    // slots 10-19: three per slot for items 3 and 4. Windows of 10 slots: counts 10 and 30, mean
    // 20, largest ratio 1.5 -> surge 1 + 2 x 0.5 = 2.
    Topology topo = Topology.builder().attach(0, 0, 0).build();
    int n = 40;
    double[] t = new double[n];
    int[] c = new int[n];
    int[] items = new int[n];
    for (int i = 0; i < 10; i++) {
      t[i] = i;
      items[i] = 1 + i % 2;
    }
    for (int i = 10; i < n; i++) {
      t[i] = 10 + (i - 10) / 3;
      items[i] = 3 + i % 2;
    }
    // first half (requests 0-19): items 1, 2 five times each, 3, 4 five times each: top-2 {1, 2}
    // (ties to the smaller id); second half (20-39): only 3 and 4: top-2 {3, 4}. Churn 1 ->
    // rotation round(2 x 1 x 2) = 4 ranks.
    TwinStress s = TwinStress.fit(new Trace(t, c, items), topo, 10, 2, 2);
    // exact ratios of small integers, rounding only
    assertThat(s.largestRatio()).isCloseTo(1.5, within(1e-12));
    assertThat(s.surgeFactor()).isCloseTo(2.0, within(1e-12));
    assertThat(s.churn()).isEqualTo(1.0);
    assertThat(s.shiftRanks()).isEqualTo(4);
  }

  @Test
  void aSteadyHistoryGivesMildEventsWithinTheEpisode() {
    Topology topo = Topology.builder().attach(0, 0, 0).attach(1, 1, 0).build();
    int n = 200;
    double[] t = new double[n];
    int[] c = new int[n];
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i / 2;
      c[i] = i % 2;
      items[i] = i % 5;
    }
    TwinStress s = TwinStress.fit(new Trace(t, c, items), topo, 10, 3, 2);
    // every window holds 10 requests per station: ratio 1, no surge; identical halves: no churn,
    // the rotation is the floor of one rank
    assertThat(s.surgeFactor()).isEqualTo(1.0);
    assertThat(s.shiftRanks()).isEqualTo(1);
    List<RareEvent> ev = s.events(30, 2, Seeds.generator(1));
    assertThat(ev).hasSize(2);
    RareEvent.RateSurge surge = (RareEvent.RateSurge) ev.get(0);
    assertThat(surge.start() + surge.duration()).isLessThanOrEqualTo(30);
    assertThat(surge.station()).isBetween(0, 1);
    assertThat(s.events(30, 2, Seeds.generator(1))).isEqualTo(ev);
  }
}
