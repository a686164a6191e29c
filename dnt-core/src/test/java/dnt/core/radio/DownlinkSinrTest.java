package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two-station layouts worked by hand. With free space and equal heights, received power falls as
 * 1/d^2, so a user at distances dS and dI from two equal stations has S/I = (dI/dS)^2.
 */
final class DownlinkSinrTest {
  private static final double B = 20e6;
  private final LinkBudget fspl = new LinkBudget(new FreeSpace(2.0), LosMode.ALWAYS, false, 0);
  private final DownlinkSinr sinr = new DownlinkSinr(fspl, B, 9, new Shannon());

  private static Transmitter station(int id, double x, double power) {
    return new Transmitter(BaseStationId.of(id), new Position(x, 0), 1.5, power);
  }

  private static Receiver user(int id, double x) {
    return new Receiver(UserId.of(id), new Position(x, 0), 1.5);
  }

  @Test
  void twoEqualStationsGiveTheSquaredDistanceRatio() {
    var r = sinr.compute(List.of(station(1, 0, 46), station(2, 1000, 46)), List.of(user(7, 250)));
    // S = 46 - FSPL(250 m, 2 GHz) = 46 - 86.4272 = -40.4272 dBm
    double fspl250 = 20 * Math.log10(4 * Math.PI * 250 * 2e9 / PropagationModel.SPEED_OF_LIGHT);
    double s = Units.dbmToMw(46 - fspl250);
    double i = s / 9; // (250/750)^2
    double n = Units.dbmToMw(-174 + 10 * Math.log10(B) + 9);
    double expected = s / (i + n); // = 9 / (1 + n/i), n/i = 6.3e-5
    assertThat(r).hasSize(1);
    assertThat(r.get(0).serving()).isEqualTo(BaseStationId.of(1));
    // -40.4272 is printed to 4 decimals: half a unit of the last digit
    assertThat(r.get(0).rsrpDbm()).isCloseTo(-40.4272, within(5e-5));
    // same formula as the twin up to the order of a few roundings of ~10 dB values (~1e-14 dB)
    assertThat(r.get(0).sinrDb()).isCloseTo(Units.toDb(expected), within(1e-12));
    // 10 log10(9) = 9.54243 (4 decimals: 5e-5) less the noise's 10 log10(1 + 6.3e-5) = 2.7e-4 dB
    assertThat(r.get(0).sinrDb()).isCloseTo(9.5424, within(5e-4));
    // the rate (~63 Mbps) inherits the SINR's few-ulp error: ~1e-13 Mbps
    assertThat(r.get(0).rateMbps())
        .isCloseTo(20 * Math.log(1 + expected) / Math.log(2), within(1e-12));
  }

  @Test
  void aStrongerFarStationWinsAndTheNearOneInterferes() {
    // user at 200 m from station 1 (30 dBm) and 600 m from station 2 (46 dBm):
    // station 2 arrives 16 - 20 log10(3) = 6.4576 dB stronger, so S/I = 10^0.64576 = 4.4234
    var r = sinr.compute(List.of(station(1, 0, 30), station(2, 800, 46)), List.of(user(1, 200)));
    assertThat(r.get(0).serving()).isEqualTo(BaseStationId.of(2));
    double n = Units.dbmToMw(ThermalNoise.dbm(B, 9));
    double s = r.get(0).rsrpDbm();
    double i = Units.dbmToMw(s) / Units.fromDb(6.457575);
    // 6.457575 is 16 - 20 log10(3) = 6.4575749 rounded to 6 decimals (error 5e-8 dB), which moves
    // the expected SINR by at most that much
    assertThat(r.get(0).sinrDb()).isCloseTo(Units.toDb(Units.dbmToMw(s) / (i + n)), within(1e-6));
  }

  @Test
  void tiesGoToTheLowestStationId() {
    var r =
        sinr.compute(
            List.of(station(9, 0, 40), station(3, 1000, 40), station(5, 2000, 10)),
            List.of(user(1, 500)));
    assertThat(r.get(0).serving()).isEqualTo(BaseStationId.of(3));
    // S = I from the twin; station 5 (30 dB weaker, 3x as far) and the noise each add ~1.1e-4 S,
    // so SINR = -10 log10(1 + 2.2e-4) = -0.00097 dB: just under 0, above -0.002
    assertThat(r.get(0).sinrDb()).isLessThan(0).isGreaterThan(-0.002);
  }

  @Test
  void resultsFollowTheUsersInputOrder() {
    var r =
        sinr.compute(
            List.of(station(1, 0, 40), station(2, 1000, 40)),
            List.of(user(30, 900), user(10, 100), user(20, 600)));
    assertThat(r).extracting(x -> x.user().value()).containsExactly(30, 10, 20);
    assertThat(r).extracting(x -> x.serving().value()).containsExactly(2, 1, 2);
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(() -> sinr.compute(List.of(station(1, 0, 40), station(1, 5, 40)), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("station id 1");
    assertThatThrownBy(
            () -> sinr.compute(List.of(station(1, 0, 40)), List.of(user(2, 1), user(2, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("user id 2");
  }
}
