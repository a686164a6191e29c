package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many cell twins at once: a batch that touches thousands of cells is backpressured, not timed out,
 * and after a restart the cell twins of the journal start in the background before traffic.
 */
final class ColdStartTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 144 * SLOT), ZoneOffset.UTC);

  @TempDir Path tmp;

  private LiveSettings settings(Path state) {
    return LiveSettings.defaults(state)
        .withClock(CLOCK, Duration.ofHours(1))
        .withForecast(ForecastSettings.off());
  }

  /** One row for each of cells 1..n in slot {@code t}, internet = cell + t. */
  private static List<RawRow> slot(int n, int t) {
    List<RawRow> rows = new ArrayList<>(n);
    for (int c = 1; c <= n; c++) {
      rows.add(new RawRow(c, DAY + t * SLOT, 39, 0, 0, 0, 0, c + t));
    }
    return rows;
  }

  /**
   * 3,000 cells in one batch, three times the journal's write buffer (1,000 events): before the
   * write gate, the events beyond the buffer were dropped, their cell twins restarted and the batch
   * waited for its ask timeout. With a 10 s ask timeout (a tenth of a cell twin's start and write
   * takes far less) both batches are acknowledged, and every row is there.
   */
  @Test
  void aBatchTouchingThousandsOfCellsIsBackpressuredNotTimedOut() {
    int n = 3000;
    try (LiveTwin twin =
        LiveTwins.start(settings(tmp.resolve("state")), null, Duration.ofSeconds(10))) {
      for (int t = 0; t < 2; t++) {
        IngestReceipt r =
            twin.ingest(slot(n, t)).toCompletableFuture().orTimeout(120, TimeUnit.SECONDS).join();
        assertThat(r.accepted()).isEqualTo(n);
      }
      for (int c : new int[] {1, 1500, n}) {
        CellTraffic got =
            twin.traffic(CellId.of(c), DAY, DAY + 2 * SLOT, Resolution.TEN_MINUTES)
                .toCompletableFuture()
                .join();
        // small integers are exact in double: no tolerance
        assertThat(got.value(0, Service.INTERNET)).isEqualTo(c);
        assertThat(got.value(1, Service.INTERNET)).isEqualTo(c + 1.0);
      }
      assertThat(twin.status().rowsAccepted()).isEqualTo(2L * n);
    }
  }

  /**
   * After a restart, the cell twins that hold events start in the background: without a batch or a
   * query, the status counts them and the map's latest values show every cell (before, a cell
   * showed only from its next batch or query on).
   */
  @Test
  void aRestartStartsTheJournalsCellTwinsInTheBackground() throws Exception {
    Path state = tmp.resolve("state");
    int n = 300;
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      assertThat(twin.status().cellTwinsToStart()).as("a fresh journal lists no cell").isZero();
      twin.ingest(slot(n, 0)).toCompletableFuture().join();
    }
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (twin.status().cellTwinsStarted() < n) {
        assertThat(System.nanoTime()).as("%s", twin.status()).isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(twin.status().cellTwinsToStart()).isEqualTo(n);
      List<CellLatest> latest = twin.latest().toCompletableFuture().join();
      assertThat(latest).hasSize(n);
      assertThat(latest.get(n - 1).cell()).isEqualTo(CellId.of(n));
    }
  }
}
