package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.data.Service;
import dnt.data.network.OwnNetwork;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live twin of a user's own network (docs/examples/own-network): its cells are the known cells,
 * its radio twin is built from its stations and grid, a cell's traffic drives the stations serving
 * the users in that cell (equal to a from-scratch recomputation), and the state folder remembers
 * which network it holds.
 */
final class OwnNetworkLiveTest {
  private static final long SLOT = Instant.parse("2025-11-03T08:00:00Z").toEpochMilli();

  /** As RadioCouplingTest: incremental propagation against recomputation (docs/twin.md). */
  private static final double DRIFT = 1e-9;

  @TempDir Path tmp;

  static Path example() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("docs/examples/own-network"))) {
      d = d.getParent();
    }
    assertThat(d).as("docs/examples/own-network above the working directory").isNotNull();
    return d.resolve("docs/examples/own-network");
  }

  static OwnNetwork network() {
    return OwnNetwork.read(example().resolve("stations.csv"), example().resolve("grid.geojson"));
  }

  private static LiveSettings settings(Path state, OwnNetwork n) {
    return LiveSettings.defaults(state)
        .withForecast(ForecastSettings.off())
        .withNetwork(n)
        .withRadio(RadioSettings.milan(500, 7));
  }

  @Test
  void aCellsTrafficDrivesItsUsersAndTheirStationsAsAFromScratchTwinWould() {
    OwnNetwork n = network();
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("s"), n))) {
      assertThat(twin.grid().ids()).isEqualTo(n.grid().ids());
      assertThat(twin.status().cells()).isEqualTo(16);
      NetworkTwin before = twin.radioTwin().toCompletableFuture().join();
      assertThat(before.stationIds())
          .extracting(BaseStationId::value)
          .containsExactlyInAnyOrder(101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112);
      // the users of cell 6, found here by point-in-polygon on the grid
      int cell = 6;
      List<UserId> users = new ArrayList<>();
      for (UserId u : before.userIds()) {
        CellId in = n.grid().containing(before.userSpec(u).position());
        if (in != null && in.value() == cell) {
          users.add(u);
        }
      }
      assertThat(users).isNotEmpty();
      double internet = 20_000;
      twin.ingest(List.of(new RawRow(cell, SLOT, 39, 0, 0, 0, 0, internet)))
          .toCompletableFuture()
          .join();
      assertThat(
              twin.traffic(CellId.of(cell), SLOT, SLOT + 600_000, Resolution.TEN_MINUTES)
                  .toCompletableFuture()
                  .join()
                  .value(0, Service.INTERNET))
          .isEqualTo(internet);
      NetworkTwin after = twin.radioTwin().toCompletableFuture().join();
      double each = 0.01 * internet / users.size();
      Set<BaseStationId> serving = new HashSet<>();
      for (UserId u : users) {
        // the demand is set, not computed: only the division's rounding (1 ulp)
        assertThat(after.user(u).demandMbps()).isCloseTo(each, within(1e-12 * each));
        BaseStationId s = after.user(u).serving();
        if (s != null) {
          serving.add(s);
        }
      }
      assertThat(serving).isNotEmpty();
      for (BaseStationId s : serving) {
        assertThat(after.station(s).loadMbps()).isGreaterThan(before.station(s).loadMbps());
      }
      assertThat(after.maxRelativeDifference(after.recomputed())).isLessThanOrEqualTo(DRIFT);

      // a cell outside the grid (but a Milan id) is refused, naming the row
      assertThatThrownBy(
              () ->
                  twin.ingest(List.of(new RawRow(17, SLOT, 39, 0, 0, 0, 0, 1)))
                      .toCompletableFuture()
                      .join())
          .hasRootCauseInstanceOf(InvalidInputException.class)
          .rootCause()
          .hasMessageContaining("telemetry row 1 (cell 17): cell 17 is not a cell of this twin");
    }
  }

  @Test
  void aStateFolderRemembersItsNetworkAndRefusesAnother() throws IOException {
    OwnNetwork n = network();
    Path state = tmp.resolve("s");
    try (LiveTwin twin = LiveTwins.start(settings(state, n))) {
      twin.ingest(List.of(new RawRow(3, SLOT, 39, 0, 0, 0, 0, 5))).toCompletableFuture().join();
    }
    // the same network resumes
    try (LiveTwin twin = LiveTwins.start(settings(state, n))) {
      assertThat(twin.status().rowsAccepted()).isEqualTo(1);
    }
    // Milan on it: refused, naming both networks
    assertThatThrownBy(() -> LiveTwins.start(LiveSettings.defaults(state)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the state folder " + state)
        .hasMessageContaining("holds the twin of another network (stations ")
        .hasMessageContaining(n.fingerprint().substring(0, 12))
        .hasMessageContaining("not of Milan");
    // another station list on it: refused too
    Path other = tmp.resolve("other.csv");
    Files.writeString(other, "id,x,y,height,tx_power_dbm\n1,500,500,20,40\n");
    OwnNetwork o = OwnNetwork.read(other, example().resolve("grid.geojson"));
    assertThatThrownBy(() -> LiveTwins.start(settings(state, o)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not of the network of " + other);
    // and the own network on a Milan folder
    Path milan = tmp.resolve("milan");
    LiveTwins.start(LiveSettings.defaults(milan).withForecast(ForecastSettings.off())).close();
    assertThatThrownBy(() -> LiveTwins.start(settings(milan, n)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("holds the twin of Milan, not of the network of ");
  }
}
