package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live twin's journal writes a round of many cell twins' events as one batch ({@code
 * BatchedJournalDao}): time-ordered batches touching hundreds of cells come back after a restart,
 * to the cell twins (recovery) and to the read side (by tag), and each event has its tag.
 */
final class BatchedJournalTest {
  private static final long DAY = TestRows.DAY;
  private static final long SLOT = TestRows.SLOT;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 144 * SLOT), ZoneOffset.UTC);
  private static final int CELLS = 300;

  @TempDir Path tmp;

  /** One slot's rows for every cell, two country codes each: a replay's time-ordered batch. */
  private static List<RawRow> slot(int t, RandomGenerator rng) {
    List<RawRow> rows = new ArrayList<>();
    for (int cell = 1; cell <= CELLS; cell++) {
      for (int code : new int[] {0, 39}) {
        rows.add(
            new RawRow(
                cell,
                DAY + t * SLOT,
                code,
                rng.nextDouble() * 10,
                rng.nextDouble() * 10,
                rng.nextDouble(),
                rng.nextDouble(),
                rng.nextDouble() * 100));
      }
    }
    return rows;
  }

  @Test
  void batchesOfHundredsOfCellTwinsComeBackTaggedAfterARestart() throws SQLException {
    Path state = tmp.resolve("s");
    LiveSettings settings =
        LiveSettings.defaults(state).withClock(CLOCK, Duration.ofHours(1)).withSnapshotEvery(3);
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(12);
    List<List<RawRow>> batches = new ArrayList<>();
    try (LiveTwin twin = LiveTwins.start(settings)) {
      for (int t = 0; t < 5; t++) {
        List<RawRow> b = slot(t, rng);
        batches.add(b);
        twin.ingest(b).toCompletableFuture().join();
      }
    }
    // the journal: one event per cell and batch, each tagged for the read side exactly once
    try (Connection c =
            DriverManager.getConnection(JournalSettings.embedded(state, null).url(), "sa", "");
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT COUNT(*), COUNT(t.\"event_id\") FROM \"event_journal\" j LEFT JOIN"
                  + " \"event_tag\" t ON t.\"event_id\" = j.\"ordering\" AND t.\"tag\" = 'cell'"
                  + " WHERE j.\"persistence_id\" LIKE 'cell|%'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(5L * CELLS);
        assertThat(rs.getLong(2)).isEqualTo(5L * CELLS);
      }
      // a cell's events in sequence order have increasing orderings (the read side's order)
      try (ResultSet rs =
          st.executeQuery(
              "SELECT COUNT(*) FROM \"event_journal\" a JOIN \"event_journal\" b ON"
                  + " a.\"persistence_id\" = b.\"persistence_id\" AND a.\"sequence_number\" <"
                  + " b.\"sequence_number\" AND a.\"ordering\" > b.\"ordering\"")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isZero();
      }
    }
    try (LiveTwin twin = LiveTwins.start(settings)) {
      assertThat(twin.status().rowsAccepted()).isEqualTo(5L * CELLS * 2);
      for (int cell : new int[] {1, 150, CELLS}) {
        double[][] want = TestRows.expected(batches, cell, 5);
        TestRows.assertSeries(
            twin.traffic(CellId.of(cell), DAY, DAY + 5 * SLOT, Resolution.TEN_MINUTES)
                .toCompletableFuture()
                .join(),
            want,
            "cell " + cell + " recovered");
        assertReadSideCatchesUp(twin, cell, want);
      }
    }
  }

  /** The read side (the journal's events by tag, in DuckDB) reaches the cell's series. */
  private static void assertReadSideCatchesUp(LiveTwin twin, int cell, double[][] want) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      CellTraffic got =
          twin.history(CellId.of(cell), DAY, DAY + want.length * SLOT, Resolution.TEN_MINUTES)
              .toCompletableFuture()
              .join();
      boolean equal = true;
      for (int t = 0; t < want.length && equal; t++) {
        for (Service s : Service.values()) {
          // the bound of TestRows.assertSeries: at most 4 rows a slot summed in another order
          if (Math.abs(got.value(t, s) - want[t][s.ordinal()])
              > 1e-12 * Math.max(1, want[t][s.ordinal()])) {
            equal = false;
          }
        }
      }
      if (equal || System.nanoTime() > deadline) {
        TestRows.assertSeries(got, want, "cell " + cell + " on the read side");
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
