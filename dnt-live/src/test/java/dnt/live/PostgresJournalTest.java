package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-node live twin on a real PostgreSQL journal (docs/cluster.md): the tables are created
 * on the first start, every acknowledged row is there after a restart. Skipped, saying why, where
 * no PostgreSQL is configured ({@link TestPostgres}).
 */
final class PostgresJournalTest {
  private static final int[] CELLS = {1, 2, 5000, 10000};

  @TempDir Path tmp;

  /** The flush bound's value before the test (a run of the suite may set it). */
  private Map<String, @Nullable String> before = Map.of();

  /**
   * With the ingest log (the default), a cell twin journals what it applied per flush interval:
   * flushing after every batch gives each cell twin one event per batch, so the snapshot interval
   * below is crossed as on the per-cell path.
   */
  @BeforeEach
  void flushEveryBatch() {
    before = TestProperties.current(List.of(FLUSH_ROWS));
    TestProperties.set(Map.of(FLUSH_ROWS, "1"));
  }

  @AfterEach
  void restore() {
    TestProperties.set(before);
  }

  private static final String FLUSH_ROWS = "dnt-live.ingest-log.flush-rows";

  @Test
  void aNodeOnPostgresKeepsEveryAcknowledgedRowAcrossARestart() throws Exception {
    try (TestPostgres pg = TestPostgres.schemaOrSkip()) {
      LiveSettings settings =
          LiveSettings.defaults(tmp.resolve("s"))
              .withJournal(pg.journal())
              .withClock(
                  Clock.fixed(
                      Instant.ofEpochMilli(TestRows.DAY + 144 * TestRows.SLOT), ZoneOffset.UTC),
                  Duration.ofHours(1))
              .withSnapshotEvery(3)
              .withForecast(ForecastSettings.off());
      List<List<RawRow>> batches = new ArrayList<>();
      try (LiveTwin twin = LiveTwins.start(settings)) {
        // more batches than the snapshot interval (3): recovery reads a snapshot and later events
        for (int i = 0; i < 8; i++) {
          List<RawRow> b = TestRows.random(10 + i, 100, CELLS);
          batches.add(b);
          assertThat(twin.ingest(b).toCompletableFuture().join().accepted()).isEqualTo(100);
        }
      }
      // one event per cell per batch (and the log's), in the schema's own tables
      assertThat(pg.count("event_journal")).isGreaterThanOrEqualTo(8);
      assertThat(pg.count("snapshot")).isPositive();
      try (LiveTwin twin = LiveTwins.start(settings)) {
        assertThat(twin.status().rowsAccepted()).isEqualTo(800);
        for (int cell : CELLS) {
          TestRows.assertSeries(
              twin.traffic(
                      CellId.of(cell),
                      TestRows.DAY,
                      TestRows.DAY + 18 * TestRows.SLOT,
                      Resolution.TEN_MINUTES)
                  .toCompletableFuture()
                  .join(),
              TestRows.expected(batches, cell, 18),
              "cell " + cell);
        }
      }
    }
  }
}
