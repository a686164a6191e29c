package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live twin with the ingest log on (docs/live.md, "The ingest log"), on the embedded H2
 * journal: a query right after a receipt sees its rows, the read side sees the cells' coalesced
 * events, a restart recovers the count from the log, and a clean stop journals every cell's buffer
 * (a restart with the log off, which reads the cells' journals alone, still has every row).
 */
final class IngestLogLiveTest {
  private static final long DAY = TestRows.DAY;
  private static final long SLOT = TestRows.SLOT;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 144 * SLOT), ZoneOffset.UTC);
  private static final int[] CELLS = {1, 2, 5000, 10000};

  private static final Map<String, String> LOG_ON =
      Map.of(
          "dnt-live.ingest-log.partitions", "2",
          "dnt-live.ingest-log.flush-interval", "300ms");

  @TempDir Path tmp;

  /** The properties' values before the test (a run of the suite may set them for every test). */
  private Map<String, @Nullable String> before = Map.of();

  @BeforeEach
  void remember() {
    before = TestProperties.current(LOG_ON.keySet());
  }

  /** Sets the properties given and clears the other ones of {@link #LOG_ON}. */
  private static void set(Map<String, String> properties) {
    Map<String, @Nullable String> values = new java.util.HashMap<>();
    LOG_ON.keySet().forEach(k -> values.put(k, null));
    values.putAll(properties);
    TestProperties.set(values);
  }

  @AfterEach
  void restore() {
    TestProperties.set(before);
  }

  private LiveSettings settings(Path state) {
    return LiveSettings.defaults(state).withClock(CLOCK, Duration.ofHours(1)).withSnapshotEvery(3);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static boolean same(CellTraffic got, double[][] want) {
    for (int t = 0; t < want.length; t++) {
      for (Service s : Service.values()) {
        // doubles summed in another order: at most n * 2^-53 of the sum for the n < 50 rows of a
        // slot, under 1e-12 relative
        if (Math.abs(got.value(t, s) - want[t][s.ordinal()])
            > 1e-12 * Math.max(1, want[t][s.ordinal()])) {
          return false;
        }
      }
    }
    return true;
  }

  private static void assertSeries(CellTraffic got, double[][] want) {
    for (int t = 0; t < want.length; t++) {
      for (Service s : Service.values()) {
        // the bound of same()
        assertThat(got.value(t, s))
            .as("slot %d %s", t, s)
            .isCloseTo(want[t][s.ordinal()], within(1e-12 * Math.max(1, want[t][s.ordinal()])));
      }
    }
  }

  private static CellTraffic traffic(LiveTwin twin, int cell) {
    return await(twin.traffic(CellId.of(cell), DAY, DAY + 18 * SLOT, Resolution.TEN_MINUTES));
  }

  private static void assertEveryCell(LiveTwin twin, List<List<RawRow>> batches) {
    for (int cell : CELLS) {
      assertSeries(traffic(twin, cell), TestRows.expected(batches, cell, 18));
    }
  }

  @Test
  void receiptsReadsTheReadSideRestartsAndACleanStopAllHoldEveryRowOnce() {
    Path state = tmp.resolve("state");
    List<List<RawRow>> batches = new ArrayList<>();
    long rows = 0;
    set(LOG_ON);
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      assertThat(((PekkoLiveTwin) twin).ingestLog()).isTrue();
      for (int b = 0; b < 20; b++) {
        List<RawRow> batch = TestRows.random(b, 40, CELLS);
        batches.add(batch);
        rows += batch.size();
        assertThat(await(twin.ingest(batch)).accepted()).isEqualTo(40);
        // applied by the cells before the receipt: a query right after it sees the batch
        int cell = CELLS[b % CELLS.length];
        assertSeries(traffic(twin, cell), TestRows.expected(batches, cell, 18));
      }
      assertThat(twin.status().rowsAccepted()).isEqualTo(rows);
      // the read side consumes the cells' coalesced events: it catches up within the flush
      // interval and the read journal's refresh
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int cell : CELLS) {
        double[][] want = TestRows.expected(batches, cell, 18);
        CellTraffic got;
        do {
          got = await(twin.history(CellId.of(cell), DAY, DAY + 18 * SLOT, Resolution.TEN_MINUTES));
        } while (!same(got, want) && System.nanoTime() < deadline);
        assertSeries(got, want);
      }
    }
    // a restart with the log: the count comes back from the log partitions
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      assertThat(twin.status().rowsAccepted()).isEqualTo(rows);
      assertEveryCell(twin, batches);
      List<RawRow> more = TestRows.random(99, 40, CELLS);
      batches.add(more);
      await(twin.ingest(more));
      assertEveryCell(twin, batches);
    }
    // the clean stop made every cell journal its buffer: with the log off (the cells' journals
    // alone) every row is there once
    set(Map.of("dnt-live.ingest-log.partitions", "0"));
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      assertThat(((PekkoLiveTwin) twin).ingestLog()).isFalse();
      assertEveryCell(twin, batches);
    }
  }
}
