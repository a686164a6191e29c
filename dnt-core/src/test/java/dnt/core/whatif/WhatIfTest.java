package dnt.core.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.twin.HandoverRule;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinKpis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What-if forks the twin, changes the fork and compares, leaving the original alone. */
final class WhatIfTest {
  private static NetworkTwin city() {
    var b =
        NetworkTwin.builder(
            TwinConfig.defaults(new GeoBounds(0, 0, 1000, 1000))
                .withHandover(new HandoverRule(3, 0)));
    for (int i = 0; i < 4; i++) {
      b.station(
          new StationSpec(
              BaseStationId.of(i),
              new Position(250 + 500 * (i % 2), 250 + 500 * (i / 2)),
              10,
              30,
              0,
              50));
    }
    for (int u = 0; u < 400; u++) {
      b.user(u, 25 + 50 * (u % 20), 25 + 50 * (u / 20), 1.5, 1);
    }
    return b.build();
  }

  @Test
  void switchingAStationOffMovesItsUsersInTheForkOnly() {
    NetworkTwin twin = city();
    TwinKpis before = twin.kpis();
    WhatIfResult r =
        WhatIf.evaluate(twin, List.of(new TwinEvent.StationRemoved(BaseStationId.of(0))));
    assertThat(r.baseline()).isEqualTo(before);
    assertThat(twin.kpis()).isEqualTo(before);
    assertThat(r.scenario().activeStations()).isEqualTo(3);
    assertThat(r.scenario().usersPerStationMax()).isGreaterThan(before.usersPerStationMax());
    assertThat(r.usersAffected()).isGreaterThanOrEqualTo(twin.usersOf(BaseStationId.of(0)).size());
    assertThat(r.stationsAffected()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRejectedChangeIsNumberedAndLeavesTheTwinAlone() {
    NetworkTwin twin = city();
    TwinKpis before = twin.kpis();
    List<TwinEvent> changes =
        List.of(
            new TwinEvent.StationRemoved(BaseStationId.of(0)),
            new TwinEvent.StationRemoved(BaseStationId.of(77)));
    assertThatThrownBy(() -> WhatIf.evaluate(twin, changes))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("change 2: ")
        .hasMessageContaining("77");
    assertThat(twin.kpis()).isEqualTo(before);
  }

  @Test
  void addingAStationTakesLoadOffItsNeighbours() {
    NetworkTwin twin = city();
    WhatIfResult r =
        WhatIf.evaluate(
            twin,
            List.of(
                new TwinEvent.StationAdded(
                    new StationSpec(BaseStationId.of(9), new Position(500, 500), 10, 30, 0, 50))));
    assertThat(r.scenario().activeStations()).isEqualTo(5);
    assertThat(r.scenarioTwin().station(BaseStationId.of(9)).activeUsers()).isPositive();
    assertThat(r.scenario().usersPerStationMean()).isLessThan(r.baseline().usersPerStationMean());
  }
}
