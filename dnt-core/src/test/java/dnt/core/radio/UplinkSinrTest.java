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
 * Uplink with open-loop power control on hand-worked layouts: free space at 2 GHz with equal
 * heights, so a loss over d metres is {@code 20 log10(4 pi d f / c)} and full compensation (alpha =
 * 1) makes every user arrive at exactly P0.
 */
final class UplinkSinrTest {
  private final LinkBudget fspl = new LinkBudget(new FreeSpace(2.0), LosMode.ALWAYS, false, 0);

  private static double loss(double d) {
    return 20 * Math.log10(4 * Math.PI * d * 2e9 / PropagationModel.SPEED_OF_LIGHT);
  }

  private static List<Transmitter> twoStations() {
    return List.of(
        new Transmitter(BaseStationId.of(1), new Position(0, 0), 1.5, 30),
        new Transmitter(BaseStationId.of(2), new Position(1000, 0), 1.5, 30));
  }

  private static Receiver user(int id, double x) {
    return new Receiver(UserId.of(id), new Position(x, 0), 1.5);
  }

  @Test
  void fullCompensationMakesEveryUserArriveAtP0() {
    var calc = new UplinkSinr(fspl, 20e6, 5, new Shannon(), new OpenLoopPowerControl(-80, 1, 23));
    var r = calc.compute(twoStations(), List.of(user(1, 100), user(2, 900)));
    // every tolerance below: the same formulas as the twin evaluated in another order, a few
    // roundings of values below 100 dB (ulp(100) = 1.4e-14), so ~1e-13
    // user 1 transmits P0 + PL(100 m) = -80 + 78.46 = -1.54 dBm and arrives at -80 dBm
    assertThat(r.get(0).txPowerDbm()).isCloseTo(-80 + loss(100), within(1e-12));
    // station 1 hears user 2 at -80 - 20 log10(900/100)^... : I/S = (100/900)^2
    double s = Units.dbmToMw(-80);
    double i = s * Math.pow(100.0 / 900, 2);
    double n = ThermalNoise.mw(20e6, 5);
    assertThat(r.get(0).sinrDb()).isCloseTo(Units.toDb(s / (n + i)), within(1e-12));
    assertThat(r.get(1).sinrDb()).isCloseTo(r.get(0).sinrDb(), within(1e-12));
    assertThat(r.get(0).rateMbps())
        .isCloseTo(20 * Math.log(1 + s / (n + i)) / Math.log(2), within(1e-12));
  }

  @Test
  void theMaximumPowerCapsTransmitPower() {
    var capped = new UplinkSinr(fspl, 20e6, 5, new Shannon(), new OpenLoopPowerControl(-40, 1, 23));
    var r = capped.compute(twoStations(), List.of(user(1, 100)));
    assertThat(r.get(0).txPowerDbm()).isEqualTo(23); // -40 + 78.46 > 23
  }

  @Test
  void fractionalControlMatchesAHandComputation() {
    var frac = new UplinkSinr(fspl, 20e6, 5, new Shannon(), new OpenLoopPowerControl(-80, 0.7, 23));
    // user 1 at 100 m from station 1; user 2 at 600 m from station 1, 400 m from station 2
    var r = frac.compute(twoStations(), List.of(user(1, 100), user(2, 600)));
    double p1 = -80 + 0.7 * loss(100);
    double p2 = -80 + 0.7 * loss(400);
    // as above: a few roundings of values below 100 dB, ~1e-13
    assertThat(r.get(1).serving()).isEqualTo(BaseStationId.of(2));
    assertThat(r.get(1).txPowerDbm()).isCloseTo(p2, within(1e-12));
    double s = Units.dbmToMw(p1 - loss(100));
    double i = Units.dbmToMw(p2 - loss(600));
    double n = ThermalNoise.mw(20e6, 5);
    assertThat(r.get(0).sinrDb()).isCloseTo(Units.toDb(s / (n + i)), within(1e-12));
  }

  @Test
  void aUserHalfwayAttachesToTheLowerIdWhateverTheOrder() {
    UplinkSinr up = new UplinkSinr(fspl, 20e6, 5, new Shannon(), OpenLoopPowerControl.defaults());
    List<Transmitter> reversed = List.of(twoStations().get(1), twoStations().get(0));
    assertThat(up.compute(reversed, List.of(user(7, 500))).get(0).serving())
        .isEqualTo(BaseStationId.of(1));
  }

  @Test
  void repeatedIdsAreRejected() {
    UplinkSinr up = new UplinkSinr(fspl, 20e6, 5, new Shannon(), OpenLoopPowerControl.defaults());
    Transmitter one = twoStations().get(0);
    assertThatThrownBy(() -> up.compute(List.of(one, one), List.of(user(7, 100))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("station id");
    assertThatThrownBy(() -> up.compute(twoStations(), List.of(user(7, 100), user(7, 900))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("user id");
  }

  @Test
  void badParametersAreRejected() {
    assertThatThrownBy(() -> new OpenLoopPowerControl(-80, 1.5, 23))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("alpha");
  }
}
