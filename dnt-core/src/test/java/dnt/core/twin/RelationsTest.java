package dnt.core.twin;

import static dnt.core.twin.TwinFixtures.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.Position;
import org.junit.jupiter.api.Test;

/**
 * Relations between station twins on the two-station free-space layout of {@link NetworkTwinTest}:
 * u1 at 200/800 m (12.0 dB apart), u3 at 400/600 m (3.5 dB), u2 at 800/200 m.
 */
final class RelationsTest {
  private static final BaseStationId A = BaseStationId.of(1);
  private static final BaseStationId B = BaseStationId.of(2);

  private static NetworkTwin twin(double hysteresisDb) {
    return NetworkTwin.builder(
            TwinFixtures.freeSpace().withHandover(new HandoverRule(hysteresisDb, 0)))
        .station(station(1, 500, 1000, 30, 10))
        .station(station(2, 1500, 1000, 30, 10))
        .station(station(3, 500, 1900, 30, 10))
        .user(new UserSpec(UserId.of(1), new Position(700, 1000), 10, 2))
        .user(new UserSpec(UserId.of(2), new Position(1300, 1000), 10, 4))
        .user(new UserSpec(UserId.of(3), new Position(900, 1000), 10, 2))
        .build();
  }

  // every tolerance here: a ratio of small counts or a sum of a few histogram terms, a few ulps
  // (~1e-16); 1e-12 leaves room for the summation order.
  @Test
  void coverageOverlapCountsUsersWithinTheHysteresisOfTheOtherStation() {
    assertThat(twin(4).relation(A, B).coverageOverlap()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(twin(3).relation(A, B).coverageOverlap()).isZero();
    assertThat(twin(13).relation(A, B).coverageOverlap()).isEqualTo(1.0);
    assertThat(twin(4).relation(A, B).distanceM()).isEqualTo(1000);
  }

  @Test
  void trafficSimilarityComparesDemandHistograms() {
    NetworkTwin t = twin(4);
    // A's users offer 2 and 2, B's user 4: disjoint histograms
    assertThat(t.relation(A, B).trafficSimilarity()).isCloseTo(0, within(1e-12));
    t.apply(new TwinEvent.TrafficObserved(UserId.of(2), 2));
    assertThat(t.relation(A, B).trafficSimilarity()).isCloseTo(1, within(1e-12));
    assertThat(t.relation(A, BaseStationId.of(3)).trafficSimilarity()).isNaN();
  }

  @Test
  void neighboursAndTheRelationGraphFollowDistance() {
    NetworkTwin t = twin(4);
    assertThat(t.neighbours(A, 2)).containsExactly(BaseStationId.of(3), B);
    var g = t.relationGraph(1);
    assertThat(g.vertexSet()).hasSize(3);
    assertThat(g.containsEdge(A, BaseStationId.of(3))).isTrue();
    assertThat(g.getEdgeWeight(g.getEdge(A, B))).isCloseTo(1.0 / 3, within(1e-12));
  }
}
