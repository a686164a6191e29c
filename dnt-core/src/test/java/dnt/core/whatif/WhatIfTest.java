package dnt.core.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
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

  @Test
  void typedChangesApplyAsTheirEventsAndListEveryKpiBeforeAndAfter() {
    NetworkTwin twin = city();
    List<Change> changes =
        List.of(
            new Change.SwitchOff(BaseStationId.of(0)),
            new Change.Power(BaseStationId.of(1), 36),
            Change.AddStation.smallCell(BaseStationId.of(9), new Position(500, 500)),
            new Change.MoveUser(UserId.of(5), new Position(900, 900), 0),
            new Change.Traffic(UserId.of(6), 3),
            new Change.Handover(UserId.of(7), BaseStationId.of(3)));
    WhatIfResult typed = WhatIf.evaluateChanges(twin, changes);
    WhatIfResult raw =
        WhatIf.evaluate(
            twin,
            List.of(
                new TwinEvent.StationRemoved(BaseStationId.of(0)),
                new TwinEvent.PowerChanged(BaseStationId.of(1), 36),
                new TwinEvent.StationAdded(
                    new StationSpec(BaseStationId.of(9), new Position(500, 500), 10, 30, 0, 150)),
                new TwinEvent.UserMoved(UserId.of(5), new Position(900, 900), 0),
                new TwinEvent.TrafficObserved(UserId.of(6), 3),
                new TwinEvent.Handover(UserId.of(7), BaseStationId.of(3))));
    assertThat(typed.scenario()).isEqualTo(raw.scenario());
    assertThat(typed.usersAffected()).isEqualTo(raw.usersAffected());
    assertThat(changes.stream().map(Change::kind))
        .containsExactly("switch-off", "power", "add-station", "move-user", "traffic", "handover");

    TwinKpis a = typed.baseline();
    TwinKpis z = typed.scenario();
    assertThat(typed.kpiChanges()).hasSize(11);
    assertThat(typed.kpiChanges().get(1))
        .isEqualTo(new KpiChange("active stations", a.activeStations(), z.activeStations()));
    assertThat(typed.kpiChanges().get(1).change()).isEqualTo(0); // one off, one added
    assertThat(typed.kpiChanges().get(4))
        .isEqualTo(new KpiChange("SINR mean, dB", a.sinrMeanDb(), z.sinrMeanDb()));
  }

  @Test
  void anImpossibleQuantityIsRefusedBeforeAnyTwinIsTouchedNamingItsKey() {
    assertThatThrownBy(() -> new Change.Power(BaseStationId.of(1), 3600))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'dbm': transmit power 3600 dBm is outside the allowed range -30..80 dBm");
    assertThatThrownBy(
            () -> new Change.AddStation(BaseStationId.of(9), new Position(0, 0), 9000, 30, 0, 150))
        .hasMessage("'height': antenna height 9000 m is outside the allowed range 1..300 m");
    assertThatThrownBy(() -> new Change.Traffic(UserId.of(1), -1))
        .hasMessageStartingWith("'mbps': demand -1 Mbit/s is outside");
    assertThatThrownBy(() -> new Change.MoveUser(UserId.of(1), new Position(0, 0), -3))
        .hasMessageStartingWith("'time-ms': measurement time -3 ms is outside");
  }
}
