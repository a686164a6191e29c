package dnt.core.twin;

import static dnt.core.twin.TwinFixtures.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.radio.DownlinkSinr;
import dnt.core.radio.FreeSpace;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.Receiver;
import dnt.core.radio.Shannon;
import dnt.core.radio.Transmitter;
import dnt.core.whatif.WhatIf;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every physical quantity a layout, a twin or an event sets is range-checked by the domain, so an
 * impossible value (a 3,600 dBm transmitter) is rejected instead of giving an infinite SINR.
 */
final class PhysicalLimitsTest {
  private static NetworkTwin twoStations() {
    return NetworkTwin.builder(TwinFixtures.freeSpace())
        .station(station(1, 500, 1000, 30, 10))
        .station(station(2, 1500, 1000, 30, 10))
        .user(1, 700, 1000, 1.5, 2)
        .user(2, 1300, 1000, 1.5, 4)
        .build();
  }

  @Test
  void anImpossiblePowerChangeIsRejectedAndTheTwinStaysFinite() {
    NetworkTwin twin = twoStations();
    UserState before = twin.user(UserId.of(1));
    assertThatThrownBy(() -> twin.apply(new TwinEvent.PowerChanged(BaseStationId.of(1), 3600)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("station 1: transmit power 3600 dBm is outside the allowed range -30..80 dBm");
    assertThat(twin.user(UserId.of(1))).isEqualTo(before);
    assertThatThrownBy(
            () ->
                WhatIf.evaluate(
                    twin, List.of(new TwinEvent.PowerChanged(BaseStationId.of(2), 3600))))
        .hasMessageStartingWith("change 1: station 2: transmit power 3600 dBm");
    // the ends of the range are allowed and give finite results
    twin.apply(new TwinEvent.PowerChanged(BaseStationId.of(1), 80));
    twin.apply(new TwinEvent.PowerChanged(BaseStationId.of(2), -30));
    assertThat(twin.user(UserId.of(1)).sinrDb()).isFinite();
    assertThat(twin.user(UserId.of(2)).rateMbps()).isFinite();
  }

  @Test
  void demandsAndTimesOfEventsAreRangeChecked() {
    NetworkTwin twin = twoStations();
    assertThatThrownBy(() -> twin.apply(new TwinEvent.TrafficObserved(UserId.of(1), 1e9)))
        .hasMessageContaining("user 1: demand")
        .hasMessageContaining("0..20000 Mbit/s");
    assertThatThrownBy(
            () -> twin.apply(new TwinEvent.UserMoved(UserId.of(1), new Position(800, 1000), -5)))
        .hasMessageContaining("measurement time -5 ms");
  }

  @Test
  void stationsAndUsersOutsideThePhysicalRangesAreRejected() {
    Position p = new Position(10, 10);
    BaseStationId id = BaseStationId.of(7);
    assertThatThrownBy(() -> new StationSpec(id, p, 10, 3600, 0, 150))
        .hasMessageContaining("station 7: transmit power 3600 dBm");
    assertThatThrownBy(() -> new StationSpec(id, p, 5000, 30, 0, 150))
        .hasMessageContaining("antenna height 5000 m is outside the allowed range 1..300 m");
    assertThatThrownBy(() -> new StationSpec(id, p, 10, 30, 90, 150))
        .hasMessageContaining("antenna gain 90 dBi");
    assertThatThrownBy(() -> new StationSpec(id, p, 10, 30, 0, 1e12))
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> new UserSpec(UserId.of(3), p, 1e4, 1))
        .hasMessageContaining("user 3: antenna height");
    assertThatThrownBy(() -> new Transmitter(id, new Position(1e9, 0), 10, 30))
        .hasMessageContaining("coordinate 1000000000 m is outside the allowed range");
    assertThatThrownBy(() -> new Receiver(UserId.of(3), new Position(0, -2e5), 1.5))
        .hasMessageContaining("user 3: coordinate");
    assertThatThrownBy(
            () ->
                new DownlinkSinr(
                    new LinkBudget(new FreeSpace(2), LosMode.ALWAYS, false, 1),
                    1e12,
                    9,
                    new Shannon()))
        .hasMessageContaining("bandwidth 1000000 MHz");
    assertThatThrownBy(() -> new HandoverRule(3, 1_000_000))
        .hasMessageContaining("time-to-trigger 1000000 ms");
    assertThatThrownBy(() -> new FreeSpace(300)).hasMessageContaining("carrier frequency 300 GHz");
  }
}
