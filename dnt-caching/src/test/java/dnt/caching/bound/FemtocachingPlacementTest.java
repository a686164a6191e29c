package dnt.caching.bound;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import org.junit.jupiter.api.Test;

/** The greedy static placement on instances small enough to solve by hand. */
final class FemtocachingPlacementTest {
  @Test
  void aSharedClientsItemIsPlacedOnceAndTheSecondSlotGoesElsewhere() {
    // Client 0 reaches stations 0 and 1; client 1 only 0; client 2 only 1. One slot each.
    Topology topo =
        Topology.builder().attach(0, 0, 0).attach(0, 1, 0).attach(1, 0, 0).attach(2, 1, 0).build();
    // item 1: 5 requests by client 0; item 2: 3 by client 1; item 3: 2 by client 2.
    int[] clients = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
    int[] items = {1, 1, 1, 1, 1, 2, 2, 2, 3, 3};
    FemtocachingPlacement.Result r =
        FemtocachingPlacement.greedy(Trace.sequential(clients, items), topo, 1);
    // greedy: item 1 at station 0 (gain 5, ties to station 0), then station 0 is full; station 1
    // gets item 3 (gain 2) since item 1 there gains nothing. Optimum is 5 + 3 = 8 (1 at station 1,
    // 2 at station 0); greedy finds 7, within its 1/2 guarantee.
    assertThat(r.hits()).isEqualTo(7);
    assertThat(r.placement().get(0)).containsExactly(1);
    assertThat(r.placement().get(1)).containsExactly(3);
    assertThat(r.hitRate()).isEqualTo(0.7);
  }

  @Test
  void aSingleCacheKeepsTheMostRequestedItems() {
    int[] items = {4, 4, 4, 5, 5, 6};
    FemtocachingPlacement.Result r =
        FemtocachingPlacement.greedy(
            Trace.sequential(new int[items.length], items), Topology.shared(), 2);
    assertThat(r.placement().get(0)).containsExactlyInAnyOrder(4, 5);
    assertThat(r.hits()).isEqualTo(5);
  }
}
