package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import dnt.data.milan.MilanGrid;
import dnt.data.raw.RawRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The radio twin partitioned by region behind its setting ({@link RadioSettings#withRegions}): a
 * live twin runs its radio twin as sharded region entities, a cell's traffic reaches the users of
 * that cell, and the KPIs gathered from the regions agree with the whole twin recomputed from the
 * same demands.
 */
final class RegionRadioLiveTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();

  /**
   * The regions' running interference sums against a recomputation: 1e-9 relative (NetworkTwin's
   * stated bound), so SINR within 10 / ln 10 x 1e-9 = 4.3e-9 dB and rates within 1e-9 relative
   * (log2(1 + x) moves relatively no more than x), doubled for the sums' order.
   */
  private static final double SINR_DB = 1e-8;

  private static final double RATE_REL = 3e-9;

  @TempDir Path tmp;

  @Test
  void aCellsTrafficReachesItsUsersThroughTheRegions() throws InterruptedException {
    RadioSettings radio = RadioSettings.milan(600, 7).withRegions(1500);
    try (LiveTwin twin =
        LiveTwins.start(LiveSettings.defaults(tmp.resolve("s")).withRadio(radio))) {
      NetworkTwin before = twin.radioTwin().toCompletableFuture().join();
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
              .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
              .orElseThrow()
              .getKey();
      double internet = 20_000;
      twin.ingest(List.of(new RawRow(cell, DAY, 39, 0, 0, 0, 0, internet)))
          .toCompletableFuture()
          .join();
      double each = radio.mbpsPerActivity() * internet / byCell.get(cell).size();
      // the cell twin tells the regions after its event is journaled: wait until they have it
      long deadline = System.nanoTime() + 30_000_000_000L;
      NetworkTwin after = twin.radioTwin().toCompletableFuture().join();
      while (after.user(byCell.get(cell).get(0)).demandMbps() != each) {
        assertThat(System.nanoTime()).as("the regions never got the traffic").isLessThan(deadline);
        Thread.sleep(200);
        after = twin.radioTwin().toCompletableFuture().join();
      }
      for (UserId u : byCell.get(cell)) {
        assertThat(after.user(u).demandMbps()).isEqualTo(each);
      }
      TwinKpis e = after.kpis();
      TwinKpis a = twin.radioKpis().toCompletableFuture().join();
      assertThat(a.users()).isEqualTo(e.users());
      assertThat(a.servedUsers()).isEqualTo(e.servedUsers());
      assertThat(a.overloadedStations()).isEqualTo(e.overloadedStations());
      assertThat(a.sinrMeanDb()).isCloseTo(e.sinrMeanDb(), within(SINR_DB));
      assertThat(a.sinrP5Db()).isCloseTo(e.sinrP5Db(), within(SINR_DB));
      assertThat(a.rateMeanMbps()).isCloseTo(e.rateMeanMbps(), within(RATE_REL * e.rateMeanMbps()));
      assertThat(twin.cluster().toCompletableFuture().join().entityTypes())
          .anyMatch(t -> t.name().equals("radio-region"));
    }
  }
}
