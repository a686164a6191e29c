package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.data.milan.MilanGrid;
import dnt.data.raw.RawRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observed traffic drives the radio twin: a cell's traffic rising raises the load of the stations
 * serving its users and lowers other users' SINR, and the incrementally propagated twin equals a
 * from-scratch recomputation.
 */
final class RadioCouplingTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();

  /**
   * Incremental propagation against a recomputation: the bound NetworkTwin's javadoc and
   * docs/twin.md state (dnt-core's IncrementalConsistencyTest derives it: at most ~7e-11 relative
   * drift over 50 events on 12 stations, 1e-9 with margin).
   */
  private static final double DRIFT = 1e-9;

  @TempDir Path tmp;

  @Test
  void aCellsTrafficRaisesItsStationsLoadAndLowersOtherUsersSinr() {
    RadioSettings radio = RadioSettings.milan(2000, 7);
    try (LiveTwin twin =
        LiveTwins.start(LiveSettings.defaults(tmp.resolve("s")).withRadio(radio))) {
      NetworkTwin before = twin.radioTwin().toCompletableFuture().join();
      // the users of each square, found independently of the runtime
      MilanGrid grid = MilanGrid.load();
      Map<Integer, List<UserId>> byCell = new HashMap<>();
      for (UserId u : before.userIds()) {
        byCell
            .computeIfAbsent(
                grid.nearestCell(before.userSpec(u).position()).value(), c -> new ArrayList<>())
            .add(u);
      }
      int cell =
          byCell.entrySet().stream()
              .max(
                  (a, b) ->
                      a.getValue().size() != b.getValue().size()
                          ? Integer.compare(a.getValue().size(), b.getValue().size())
                          : Integer.compare(b.getKey(), a.getKey()))
              .orElseThrow()
              .getKey();
      List<UserId> users = byCell.get(cell);
      double internet = 20_000;
      twin.ingest(List.of(new RawRow(cell, DAY, 39, 0, 0, 0, 0, internet)))
          .toCompletableFuture()
          .join();
      NetworkTwin after = twin.radioTwin().toCompletableFuture().join();

      double each = radio.mbpsPerActivity() * internet / users.size();
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
      int lower = 0;
      for (UserId u : after.userIds()) {
        double s0 = before.user(u).sinrDb();
        double s1 = after.user(u).sinrDb();
        if (before.user(u).serving() == null) {
          continue;
        }
        // interference only grows when activity factors grow; 1e-6 dB covers the DRIFT bound
        assertThat(s1).as("SINR of %s", u).isLessThanOrEqualTo(s0 + 1e-6);
        if (s1 < s0 - 1e-6) {
          lower++;
        }
      }
      assertThat(lower).isPositive();
      assertThat(after.maxRelativeDifference(after.recomputed())).isLessThanOrEqualTo(DRIFT);
      assertThat(twin.radioKpis().toCompletableFuture().join()).isEqualTo(after.kpis());
    }
  }

  @Test
  void withoutARadioTwinItsQueriesFailClearly() {
    try (LiveTwin twin = LiveTwins.start(LiveSettings.defaults(tmp.resolve("s")))) {
      assertThatThrownBy(() -> twin.radioKpis().toCompletableFuture().join())
          .hasCauseInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("no radio twin");
    }
  }
}
