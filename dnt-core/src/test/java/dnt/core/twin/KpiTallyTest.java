package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link KpiTally} on hand-worked numbers, and the empty tally. */
final class KpiTallyTest {
  @Test
  void fourUsersAndThreeStationsByHand() {
    KpiTally t = new KpiTally(4);
    t.served(10, 4);
    t.unserved();
    t.served(-2, 1);
    t.served(4, 2);
    t.holes(2); // the unserved user and one received below the threshold
    t.activeStation(2, 0.5, false);
    t.activeStation(1, 0.25, true);
    assertThat(t.kpis())
        .isEqualTo(
            new TwinKpis(
                4, 3, 2, 1.5, // (2 + 1) / 2 users per active station
                2, 4.0, // (10 - 2 + 4) / 3 dB, exact in binary
                -2.0, // nearest rank: ceil(0.05 x 3) = 1st of -2, 4, 10
                1.75, // (4 + 0 + 1 + 2) / 4 Mbit/s, the unserved user counting 0
                0.0, // 1st of 0, 1, 2, 4
                2, 0.375, // (0.5 + 0.25) / 2
                1));
  }

  @Test
  void anEmptyTallyHasNoMeans() {
    TwinKpis k = new KpiTally(0).kpis();
    assertThat(k.users()).isZero();
    assertThat(k.sinrMeanDb()).isNaN();
    assertThat(k.sinrP5Db()).isNaN();
    assertThat(k.rateMeanMbps()).isNaN();
    assertThat(k.usersPerStationMean()).isZero();
    assertThat(k.meanActivity()).isZero();
  }
}
