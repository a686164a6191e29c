package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.Units;
import dnt.core.radio.UrbanMicro;
import dnt.core.util.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The interference floor: links beyond a station's range are below the floor, and the SINR error of
 * ignoring sub-floor links obeys the documented bound {@code 0 <= SINR_floor - SINR_exact <= 10
 * log10(1 + K f N / (N + I_floor))} dB, where K is the number of ignored links and f N the floor.
 */
final class InterferenceFloorTest {
  @Test
  void everyLinkBeyondAStationsRangeIsUnderTheFloor() {
    // NLOS only: with random LOS a 40 dBm station reaches past this 2 km area (range = infinity)
    TwinConfig config =
        TwinFixtures.umi(InterferenceFloor.defaults(), 4)
            .withLinks(new LinkBudget(new UrbanMicro(3.5), LosMode.NEVER, false, 4));
    NetworkTwin twin = TwinFixtures.random(config, 30, 2000, Seeds.generator(4));
    double floor = config.floor().floorMw(config.noiseMw());
    int beyond = 0;
    for (BaseStationId b : twin.stationIds()) {
      StationSpec s = twin.stationSpec(b);
      double range = twin.rangeM(b);
      assertThat(range).isFinite().isPositive();
      for (UserId u : twin.userIds()) {
        UserSpec us = twin.userSpec(u);
        double d = s.position().distanceTo(us.position());
        if (d > range) {
          beyond++;
          double p =
              Units.dbmToMw(s.eirpDbm())
                  * Units.fromDb(
                      -config.links().lossDb(b.value(), u.value(), d, s.heightM(), us.heightM()));
          assertThat(p).isLessThan(floor);
        }
      }
    }
    assertThat(beyond).isGreaterThan(1000);
  }

  @Test
  void theSinrErrorOfTheFloorStaysWithinItsBound() {
    long seed = 8;
    TwinConfig exact = TwinFixtures.umi(InterferenceFloor.NONE, seed);
    TwinConfig floored = exact.withFloor(InterferenceFloor.defaults());
    NetworkTwin a = TwinFixtures.random(exact, 60, 1500, Seeds.generator(seed));
    NetworkTwin b = TwinFixtures.random(floored, 60, 1500, Seeds.generator(seed));
    double noise = exact.noiseMw();
    double floorMw = floored.floor().floorMw(noise);
    double worst = 0;
    int withError = 0;
    for (UserId u : a.userIds()) {
      UserState x = a.user(u);
      UserState y = b.user(u);
      if (!x.served() || !x.serving().equals(y.serving())) {
        continue;
      }
      double ignored = x.interferenceMw() - y.interferenceMw();
      // both sums are computed from scratch over at most 59 links: rounding <= 59 x 2^-53 = 7e-15
      // of the sum, so the floored sum never exceeds the exact one by more than that
      assertThat(ignored).isGreaterThanOrEqualTo(-1e-12 * x.interferenceMw());
      double error = y.sinrDb() - x.sinrDb();
      int k = a.stationCount() - 1;
      double bound = Units.toDb(1 + k * floorMw / (noise + y.interferenceMw()));
      assertThat(ignored).isLessThanOrEqualTo(k * floorMw);
      // the relative rounding of 7e-15 above is 10 log10(1 + 7e-15) = 3e-14 dB of SINR
      assertThat(error).isGreaterThanOrEqualTo(-1e-12).isLessThanOrEqualTo(bound + 1e-12);
      worst = Math.max(worst, error);
      if (error > 0) {
        withError++;
      }
    }
    assertThat(withError).as("the floor does drop some links").isPositive();
    // not a rounding tolerance: the bound allows up to 10 log10(1 + 59 x 0.01) = 2 dB here, and
    // docs/twin.md states that this layout's worst case is under 1 dB
    assertThat(worst).as("worst SINR overestimate, dB").isLessThan(1.0);
  }
}
