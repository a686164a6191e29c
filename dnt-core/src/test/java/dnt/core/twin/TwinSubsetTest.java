package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.util.Seeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A subset that keeps a region's stations and users, every station reaching those users above the
 * floor and all the users of the stations it keeps holds the whole twin's values for the region bit
 * for bit, also after the same traffic events in the same order (the same terms summed in the same
 * order, so no tolerance).
 */
final class TwinSubsetTest {

  @Test
  void aRegionWithTheStationsThatReachItHoldsTheWholeTwinsValuesBitForBit() {
    for (InterferenceFloor floor : List.of(InterferenceFloor.defaults(), InterferenceFloor.NONE)) {
      NetworkTwin whole =
          TwinFixtures.random(TwinFixtures.umi(floor, 3), 30, 600, Seeds.generator(5));
      // the region: stations west of x = 1000 and the users they serve
      Set<BaseStationId> own = new HashSet<>();
      for (BaseStationId s : whole.stationIds()) {
        if (whole.stationSpec(s).position().x() < 1000) {
          own.add(s);
        }
      }
      Set<UserId> ownUsers = new HashSet<>();
      for (UserId u : whole.userIds()) {
        BaseStationId s = whole.user(u).serving();
        if (s != null && own.contains(s)) {
          ownUsers.add(u);
        }
      }
      // every other station whose range reaches one of them, with all its users
      Set<BaseStationId> stations = new HashSet<>(own);
      for (BaseStationId s : whole.stationIds()) {
        Position p = whole.stationSpec(s).position();
        for (UserId u : ownUsers) {
          Position q = whole.userSpec(u).position();
          if (Math.hypot(p.x() - q.x(), p.y() - q.y()) <= whole.rangeM(s)) {
            stations.add(s);
            break;
          }
        }
      }
      Set<UserId> users = new HashSet<>();
      for (UserId u : whole.userIds()) {
        BaseStationId s = whole.user(u).serving();
        if (ownUsers.contains(u) || (s != null && stations.contains(s))) {
          users.add(u);
        }
      }
      assertThat(stations.size()).isLessThanOrEqualTo(whole.stationCount());
      NetworkTwin region = TwinSubset.of(whole, stations::contains, users::contains);
      assertThat(region.userCount()).isEqualTo(users.size());

      RandomGenerator rng = Seeds.generator(9);
      List<UserId> all = whole.userIds();
      for (int e = 0; e < 400; e++) {
        UserId u = all.get(rng.nextInt(all.size()));
        TwinEvent event = new TwinEvent.TrafficObserved(u, rng.nextDouble(4));
        whole.apply(event);
        if (users.contains(u)) {
          region.apply(event);
        }
      }
      for (BaseStationId s : own) {
        assertThat(region.station(s))
            .as("station %s, floor %s", s, floor)
            .isEqualTo(whole.station(s));
      }
      for (UserId u : ownUsers) {
        assertThat(region.user(u)).as("user %s, floor %s", u, floor).isEqualTo(whole.user(u));
      }
    }
  }

  @Test
  void otherDemandsAreTheWholeTwinAfterThoseEventsRecomputed() {
    NetworkTwin whole =
        TwinFixtures.random(
            TwinFixtures.umi(InterferenceFloor.defaults(), 3), 12, 200, Seeds.generator(6));
    NetworkTwin changed = whole.fork();
    changed.apply(new TwinEvent.TrafficObserved(UserId.of(7), 3.25));
    NetworkTwin subset =
        TwinSubset.of(
            whole,
            s -> true,
            u -> true,
            u -> u.value() == 7 ? 3.25 : whole.userSpec(u).demandMbps());
    NetworkTwin expected = changed.recomputed();
    for (UserId u : whole.userIds()) {
      assertThat(subset.user(u)).isEqualTo(expected.user(u));
    }
    assertThat(whole.user(UserId.of(7)).demandMbps()).isNotEqualTo(3.25);
  }

  @Test
  void aUserWhoseStationIsLeftOutIsRefusedByName() {
    NetworkTwin whole =
        TwinFixtures.random(
            TwinFixtures.umi(InterferenceFloor.defaults(), 3), 12, 200, Seeds.generator(6));
    UserId u = whole.userIds().get(0);
    BaseStationId s = whole.user(u).serving();
    assertThat(s).isNotNull();
    assertThatThrownBy(() -> TwinSubset.of(whole, x -> !x.equals(s), x -> true))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("station " + s + " is not");
  }
}
