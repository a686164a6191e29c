package dnt.caching.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Seeds;
import org.junit.jupiter.api.Test;

/** Coverage read from a twin, against hand-computed UMi link budgets, and the study's cluster. */
final class TwinCoverageTest {
  /**
   * Two stations 100 m apart (10 m high, 24 dBm, 0 dBi), always LOS, users 1.5 m high: user 0 at 10
   * m from station 0, user 1 at 40 m from station 1 and 60 m from station 0.
   */
  private static NetworkTwin twoCells() {
    TwinConfig config =
        TwinConfig.defaults(new GeoBounds(-50, -50, 150, 50))
            .withLinks(new LinkBudget(new UrbanMicro(3.5), LosMode.ALWAYS, false, 1));
    return NetworkTwin.builder(config)
        .station(new StationSpec(BaseStationId.of(0), new Position(0, 0), 10, 24, 0, 100))
        .station(new StationSpec(BaseStationId.of(1), new Position(100, 0), 10, 24, 0, 100))
        .user(0, 10, 0, 1.5, 1)
        .user(1, 60, 0, 1.5, 1)
        .build();
  }

  @Test
  void coverageFollowsTheReceivedPowerAgainstTheThreshold() {
    // UMi LOS below the 210 m breakpoint: PL = 32.4 + 21 log10(d3D) + 20 log10(3.5), d3D =
    // hypot(d2D, 8.5). By hand: user 0 receives -42.761 (10 m) and -60.361 dBm (90 m); user 1
    // -56.713 (60 m) and -53.126 dBm (40 m). Tolerance 1e-3 dB: the hand values' rounding.
    TwinCoverage cov = TwinCoverage.of(twoCells(), -58);
    assertThat(cov.rsrpDbm()[0][0]).isCloseTo(-42.761, within(1e-3));
    assertThat(cov.rsrpDbm()[0][1]).isCloseTo(-60.361, within(1e-3));
    assertThat(cov.rsrpDbm()[1][0]).isCloseTo(-56.713, within(1e-3));
    assertThat(cov.rsrpDbm()[1][1]).isCloseTo(-53.126, within(1e-3));
    assertThat(cov.topology().stationsOf(0)).containsExactly(0);
    assertThat(cov.topology().stationsOf(1)).containsExactly(1, 0);
    assertThat(cov.dualShare()).isEqualTo(0.5);
    // a lower threshold covers user 0 by both
    assertThat(TwinCoverage.of(twoCells(), -61).topology().stationsOf(0)).containsExactly(0, 1);
  }

  @Test
  void aClientBelowTheThresholdIsACoverageHole() {
    assertThatThrownBy(() -> TwinCoverage.of(twoCells(), -50))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("client 1 is in a coverage hole");
  }

  @Test
  void theStudyClusterHasEightHomeClientsPerStationAndAtMostTwoStations() {
    SmallCellCluster layout = new SmallCellCluster(5, 8, 150, 90, -80, 24);
    NetworkTwin twin = layout.twin(Seeds.generator(3));
    TwinCoverage cov = TwinCoverage.of(twin, -80);
    int[] home = new int[5];
    for (int u = 0; u < 40; u++) {
      int[] st = cov.topology().stationsOf(u);
      assertThat(st.length).isBetween(1, 2);
      assertThat(st[0]).isEqualTo(u / 8);
      home[st[0]]++;
      for (int s : st) {
        assertThat(cov.rsrpDbm()[u][s]).isGreaterThanOrEqualTo(-80);
      }
      // the twin's own received power from its serving station is the one read here; tolerance
      // 1e-9 dB: the twin goes through milliwatts and back (double rounding)
      assertThat(twin.user(UserId.of(u)).rsrpDbm())
          .isCloseTo(cov.rsrpDbm()[u][st[0]], within(1e-9));
    }
    assertThat(home).containsOnly(8);
    assertThat(cov.dualShare()).isBetween(0.05, 0.95);
    // the same generator state gives the same network
    TwinCoverage again = TwinCoverage.of(layout.twin(Seeds.generator(3)), -80);
    assertThat(again.rsrpDbm()).isDeepEqualTo(cov.rsrpDbm());
  }
}
