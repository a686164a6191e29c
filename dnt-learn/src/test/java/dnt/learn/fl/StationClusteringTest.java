package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** k-means++ clustering of stations: deterministic for a seed and separating obvious groups. */
final class StationClusteringTest {
  @Test
  void sameSeedGivesTheSameAssignment() {
    List<FlClient> c = FlFixtures.clients(6);
    StationClustering k = new StationClustering(3, 1);
    assertThat(k.assign(c, 42)).containsExactly(k.assign(c, 42));
    assertThat(k.assign(c, 42)).containsAnyOf(0).doesNotContain(-1, 3);
  }

  @Test
  void farApartGroupsOfStationsEndInDifferentClusters() {
    List<FlClient> base = FlFixtures.clients(6);
    List<FlClient> moved = new java.util.ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      FlClient b = base.get(i);
      double x = i < 3 ? 0 : 50_000;
      moved.add(
          new FlClient(b.id(), x + i, 0, b.train(), b.stream(), new double[] {1, 2, 3}, 1, 1e6));
    }
    int[] a = new StationClustering(2, 1).assign(moved, 7);
    assertThat(a).containsExactly(0, 0, 0, 1, 1, 1);
  }

  @Test
  void oneClusterOrOneStationNeedsNoClustering() {
    assertThat(new StationClustering(1, 1).assign(FlFixtures.clients(3), 1))
        .containsExactly(0, 0, 0);
  }
}
