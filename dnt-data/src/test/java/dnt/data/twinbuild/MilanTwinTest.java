package dnt.data.twinbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinKpis;
import dnt.core.util.Progress;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.RadioLayer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A twin of Milan from the bundled grid and OpenCellID stations. */
final class MilanTwinTest {
  private static MilanTwin uniform;

  @BeforeAll
  static void load() {
    uniform =
        MilanTwin.bundled(
            RadioLayer.LTE, StationProfile.smallCell(), 3000, UserPlacement.UNIFORM, 0, 0.5, 7);
  }

  /** NLOS only keeps the station ranges short, so the tests stay fast. */
  private static TwinConfig config(MilanTwin m) {
    return TwinConfig.defaults(m.area())
        .withLinks(new LinkBudget(new UrbanMicro(3.5), LosMode.NEVER, false, 1));
  }

  @Test
  void everyStationOfTheLayerIsInTheTwinAndUsersInRangeAreServed() {
    NetworkTwin twin = uniform.build(config(uniform), Progress.NONE);
    assertThat(twin.stationCount()).isEqualTo(uniform.stations().size());
    assertThat(twin.userCount()).isEqualTo(3000);
    TwinKpis k = twin.kpis();
    // users farther than every station's range (fringe squares) are unserved coverage holes
    assertThat(k.servedUsers()).isGreaterThan(2800);
    assertThat(k.coverageHoles()).isGreaterThanOrEqualTo(3000 - k.servedUsers());
    assertThat(k.activeStations()).isEqualTo(uniform.stations().size());
    assertThat(k.sinrP5Db()).isLessThan(k.sinrMeanDb());
    assertThat(uniform.area().width()).isGreaterThanOrEqualTo(uniform.grid().bounds().width());
  }

  @Test
  void theTwinSpansTheCityWhateverAreaTheConfigurationNames() {
    MilanTwin empty =
        new MilanTwin(
            uniform.grid(),
            uniform.stations(),
            StationProfile.smallCell(),
            0,
            UserPlacement.UNIFORM,
            0,
            0.5,
            7);
    TwinConfig elsewhere =
        TwinConfig.defaults(new GeoBounds(0, 0, 1, 1))
            .withLinks(new LinkBudget(new UrbanMicro(3.5), LosMode.NEVER, false, 1));
    NetworkTwin twin = empty.build(elsewhere, Progress.NONE);
    assertThat(twin.config().area()).isEqualTo(empty.area());
    assertThat(twin.config().withArea(elsewhere.area())).isEqualTo(elsewhere);
  }

  @Test
  void theSameSeedPlacesTheSameUsers() {
    NetworkTwin a = uniform.build(config(uniform), Progress.NONE);
    NetworkTwin b = uniform.build(config(uniform), Progress.NONE);
    assertThat(a.userSpec(UserId.of(17))).isEqualTo(b.userSpec(UserId.of(17)));
    assertThat(a.kpis()).isEqualTo(b.kpis());
  }

  @Test
  void trafficPlacementPutsUsersOnlyInTheMeasuredSquares() {
    MilanTwin m =
        new MilanTwin(
            uniform.grid(),
            uniform.stations(),
            StationProfile.smallCell(),
            500,
            UserPlacement.TRAFFIC,
            113,
            0.5,
            3);
    NetworkTwin twin = m.build(config(m), Progress.NONE);
    MilanGrid grid = uniform.grid();
    Set<CellId> subset = new HashSet<>(MilanSubset.cells());
    for (UserId u : twin.userIds()) {
      assertThat(subset).contains(grid.nearestCell(twin.userSpec(u).position()));
    }
  }

  @Test
  void usersByCellListsEveryUserOnceUnderTheSquareNearestToIt() {
    MilanTwin m =
        MilanTwin.bundled(
            RadioLayer.LTE, StationProfile.smallCell(), 300, UserPlacement.STATIONS, 0, 0.5, 5);
    NetworkTwin twin = m.build(config(m), Progress.NONE);
    Map<Integer, List<UserId>> byCell = m.usersByCell(twin);
    List<UserId> listed = new ArrayList<>();
    byCell.forEach(
        (cell, users) -> {
          assertThat(users).isNotEmpty();
          for (UserId u : users) {
            assertThat(m.grid().nearestCell(twin.userSpec(u).position()).value()).isEqualTo(cell);
          }
          // each list keeps the twin's user order
          assertThat(users).isSortedAccordingTo(Comparator.comparingInt(twin.userIds()::indexOf));
          listed.addAll(users);
        });
    assertThat(listed).containsExactlyInAnyOrderElementsOf(twin.userIds());
  }

  @Test
  void badRequestsAreRejected() {
    assertThatThrownBy(
            () ->
                new MilanTwin(
                    uniform.grid(),
                    uniform.stations(),
                    StationProfile.smallCell(),
                    -1,
                    UserPlacement.UNIFORM,
                    0,
                    0.5,
                    1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                new MilanTwin(
                    uniform.grid(),
                    uniform.stations(),
                    StationProfile.smallCell(),
                    5,
                    UserPlacement.TRAFFIC,
                    99_999,
                    0.5,
                    1))
        .hasMessageContaining("slot");
    assertThatThrownBy(() -> UserPlacement.parse("random")).hasMessageContaining("random");
  }
}
