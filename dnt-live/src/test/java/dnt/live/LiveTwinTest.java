package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.runtime.JournalSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live twin's behaviour through its plain-Java face, on the embedded H2 journal. */
final class LiveTwinTest {
  /** 2013-11-04T00:00Z, a Monday of the Milan data. */
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();

  private static final long SLOT = 600_000L;

  /** The clock the tests run at: the end of that day. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 144 * SLOT), ZoneOffset.UTC);

  @TempDir Path tmp;

  private LiveSettings settings(Path state) {
    return LiveSettings.defaults(state).withClock(CLOCK, Duration.ofHours(1)).withSnapshotEvery(3);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /**
   * Pekko's Java asks answer with Scala's stage adapter, which runs even a plain {@code thenApply}
   * on the default executor: the common pool, or a thread started for every stage where the pool
   * has parallelism 1 (two cores). The twin's stages complete on its own dispatcher instead, so a
   * caller's dependent stage runs there (or on the caller's thread when already complete).
   */
  @Test
  void dependentStagesRunOnTheTwinsDispatcherNotOnTheCommonPoolOrThreadsOfTheirOwn() {
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("state")))) {
      List<String> threads = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        threads.add(
            await(twin.ingest(randomRows(i, 40)).thenApply(r -> Thread.currentThread().getName())));
        threads.add(
            await(
                twin.traffic(CellId.of(1), DAY, DAY + SLOT, Resolution.TEN_MINUTES)
                    .thenApply(r -> Thread.currentThread().getName())));
      }
      assertThat(threads)
          .allSatisfy(
              name ->
                  assertThat(name)
                      .doesNotStartWith("ForkJoinPool.commonPool")
                      .doesNotMatch("Thread-\\d+"));
    }
  }

  /**
   * The forecasters' asks (the aggregator's status and models, a client's series from its cell
   * twin) go through the same helper as the cell twins' ({@code Asks}): a dependent stage runs on
   * the twin's dispatcher, or on the caller's thread where the answer is already there.
   */
  @Test
  void forecastingAsksCompleteOnTheTwinsDispatcherToo() {
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("state")))) {
      await(twin.ingest(randomRows(1, 40)));
      String caller = Thread.currentThread().getName();
      dnt.live.runtime.ForecastRuntime forecasting =
          java.util.Objects.requireNonNull(((PekkoLiveTwin) twin).forecasting());
      List<String> threads = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        threads.add(await(twin.federated().thenApply(f -> Thread.currentThread().getName())));
        threads.add(
            await(twin.forecast(CellId.of(1)).handle((f, e) -> Thread.currentThread().getName())));
        threads.add(
            await(
                forecasting
                    .trainingHistory(1, DAY / SLOT, DAY / SLOT + 18)
                    .thenApply(h -> Thread.currentThread().getName())));
      }
      assertThat(threads)
          .allSatisfy(
              name ->
                  assertThat(name.startsWith("dnt-live-pekko.actor") || name.equals(caller))
                      .as("stage ran on %s", name)
                      .isTrue());
    }
  }

  /** Random rows over a few cells, slots and country codes, with repeated keys. */
  private static List<RawRow> randomRows(long seed, int n) {
    return TestRows.random(seed, n, new int[] {1, 2, 5000, 10000});
  }

  /**
   * The expected per-slot totals of one cell over {@code slots} slots from {@link #DAY}, computed
   * independently of the twin (the last row of each key wins, then sum).
   */
  private static double[][] expected(List<List<RawRow>> batches, int cell, int slots) {
    return TestRows.expected(batches, cell, slots);
  }

  private static void assertSeries(CellTraffic got, double[][] want) {
    assertThat(got.length()).isEqualTo(want.length);
    for (int t = 0; t < want.length; t++) {
      for (Service s : Service.values()) {
        // doubles summed in another order: at most n * 2^-53 of the sum for the n < 50 rows of a
        // slot, under 1e-12 relative
        assertThat(got.value(t, s))
            .as("slot %d %s", t, s)
            .isCloseTo(want[t][s.ordinal()], within(1e-12 * Math.max(1, want[t][s.ordinal()])));
      }
    }
  }

  @Test
  void trafficEqualsAnIndependentSumOverCountryCodesWithZerosWhereNothingWasObserved() {
    List<RawRow> a = randomRows(1, 400);
    List<RawRow> b = randomRows(2, 300);
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("s")))) {
      await(twin.ingest(a));
      await(twin.ingest(b));
      for (int cell : new int[] {1, 2, 5000, 10000, 77}) {
        // 24 slots: the 18 with rows and 6 empty ones after them
        CellTraffic got =
            await(twin.traffic(CellId.of(cell), DAY, DAY + 24 * SLOT, Resolution.TEN_MINUTES));
        assertThat(got.startMillis()).isEqualTo(DAY);
        assertThat(got.resolution().step()).isEqualTo(Duration.ofMinutes(10));
        assertSeries(got, expected(List.of(a, b), cell, 24));
      }
    }
  }

  /**
   * {@link LiveTwin#latest} gives each cell's newest slot and its totals, as an independent sum of
   * the rows sent computes them; every acknowledged batch is told to the listeners with its cells
   * and newest slot; a closed subscription hears nothing more. Both twins, Pekko and in-memory.
   */
  @Test
  void latestIsEachCellsNewestSlotAndListenersHearEveryAcknowledgedBatch() {
    List<RawRow> a = randomRows(3, 300);
    List<RawRow> b = randomRows(4, 200);
    try (LiveTwin pekko = LiveTwins.start(settings(tmp.resolve("latest")));
        LiveTwin memory =
            new dnt.live.memory.InMemoryLiveTwin(
                List.of(CellId.of(1), CellId.of(2), CellId.of(5000), CellId.of(10000)),
                () -> DAY + 144 * SLOT,
                Duration.ofHours(1))) {
      for (LiveTwin twin : List.of(pekko, memory)) {
        List<BatchApplied> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        Subscription sub = twin.subscribe(heard::add);
        await(twin.ingest(a));
        await(twin.ingest(b));
        sub.close();
        await(twin.ingest(randomRows(5, 10)));
        assertThat(heard).hasSize(2);
        for (int i = 0; i < 2; i++) {
          List<RawRow> batch = i == 0 ? a : b;
          assertThat(heard.get(i).rows()).isEqualTo(batch.size());
          assertThat(heard.get(i).newestSlotMillis())
              .isEqualTo(batch.stream().mapToLong(RawRow::timeMillis).max().orElseThrow());
          assertThat(heard.get(i).cells())
              .containsExactlyElementsOf(
                  batch.stream().map(r -> CellId.of(r.cell())).distinct().sorted().toList());
        }
      }
      List<List<RawRow>> all = List.of(a, b, randomRows(5, 10));
      for (LiveTwin twin : List.of(pekko, memory)) {
        List<CellLatest> latest = await(twin.latest());
        assertThat(latest)
            .extracting(CellLatest::cell)
            .containsExactly(CellId.of(1), CellId.of(2), CellId.of(5000), CellId.of(10000));
        for (CellLatest l : latest) {
          int cell = l.cell().value();
          long newest =
              all.stream()
                  .flatMap(List::stream)
                  .filter(r -> r.cell() == cell)
                  .mapToLong(RawRow::timeMillis)
                  .max()
                  .orElseThrow();
          assertThat(l.slotMillis()).isEqualTo(newest);
          double[] want = expected(all, cell, 18)[(int) ((newest - DAY) / SLOT)];
          for (Service s : Service.values()) {
            // the bound of assertSeries: the same rows summed in another order
            assertThat(l.services()[s.ordinal()])
                .isCloseTo(want[s.ordinal()], within(1e-12 * Math.max(1, want[s.ordinal()])));
          }
        }
      }
    }
  }

  /**
   * The read side catches up with the journal within a deadline (it lags by about the read
   * journal's refresh interval): polls until it matches, then asserts for a clear message.
   */
  private static void assertHistoryCatchesUp(LiveTwin twin, int cell, double[][] want) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      CellTraffic got =
          await(
              twin.history(CellId.of(cell), DAY, DAY + want.length * SLOT, Resolution.TEN_MINUTES));
      boolean equal = true;
      for (int t = 0; t < want.length && equal; t++) {
        for (Service s : Service.values()) {
          if (Math.abs(got.value(t, s) - want[t][s.ordinal()])
              > 1e-12 * Math.max(1, want[t][s.ordinal()])) { // the bound of assertSeries
            equal = false;
          }
        }
      }
      if (equal || System.nanoTime() > deadline) {
        assertSeries(got, want);
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

  @Test
  void theReadSideFollowsTheJournalAndIsRebuiltWhenLost() throws Exception {
    Path state = tmp.resolve("s");
    List<List<RawRow>> batches = new ArrayList<>();
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      for (int i = 0; i < 4; i++) {
        List<RawRow> b = randomRows(20 + i, 200);
        batches.add(b);
        await(twin.ingest(b));
      }
      for (int cell : new int[] {1, 5000}) {
        assertHistoryCatchesUp(twin, cell, expected(batches, cell, 24));
      }
    }
    try (var files = Files.list(state)) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().startsWith("read-side")).toList()) {
        Files.delete(p);
      }
    }
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      for (int cell : new int[] {1, 2, 5000, 10000}) {
        assertHistoryCatchesUp(twin, cell, expected(batches, cell, 24));
      }
    }
  }

  /**
   * Both the cell twin and the read side add a slot's rows in the string order of the country codes
   * (the order of the original Milan files), so {@code traffic} and {@code history} give the very
   * doubles of a file listing them so, whatever order the rows arrive in.
   */
  @Test
  void trafficAndHistoryAddTheCodesInTheOrderOfTheMilanFiles() {
    // arrival order; the files' order is 0, 33, 355, 39, 7 (the reverse), numeric 0, 7, 33, 39, 355
    int[] codes = {7, 39, 355, 33, 0};
    double[] values = {
      0.013436424411240122,
      25.50690257394217,
      76.09624449125756,
      0.651592972722763,
      0.00938595867742349
    };
    double fileOrder = 0;
    for (int i = codes.length - 1; i >= 0; i--) {
      fileOrder += values[i];
    }
    double arrival = 0;
    for (double v : values) {
      arrival += v;
    }
    double numeric = values[4] + values[0] + values[3] + values[1] + values[2];
    // the premise: the orders give different doubles, so a sum in another order would show
    assertThat(arrival).isNotEqualTo(fileOrder);
    assertThat(numeric).isNotEqualTo(fileOrder);
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("s")))) {
      for (int i = 0; i < codes.length; i++) {
        await(twin.ingest(List.of(new RawRow(7, DAY, codes[i], values[i], 0, 0, 0, values[i]))));
      }
      CellTraffic now = await(twin.traffic(CellId.of(7), DAY, DAY + SLOT, Resolution.TEN_MINUTES));
      assertThat(now.value(0, Service.SMS_IN)).isEqualTo(fileOrder);
      // wait until the read side holds all five rows, not just the first of them: under load the
      // projection's 200 ms groups may split the five events; generous, it ends once they match
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      CellTraffic history;
      do {
        history = await(twin.history(CellId.of(7), DAY, DAY + SLOT, Resolution.TEN_MINUTES));
      } while (!java.util.Arrays.deepEquals(history.values(), now.values())
          && System.nanoTime() < deadline);
      assertThat(history.values()).isDeepEqualTo(now.values());
      assertThat(history).isEqualTo(now);
    }
  }

  @Test
  void hourlyResolutionSumsSixSlots() {
    List<RawRow> a = randomRows(3, 500);
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("s")))) {
      await(twin.ingest(a));
      CellTraffic got =
          await(twin.traffic(CellId.of(5000), DAY, DAY + 4 * 6 * SLOT, Resolution.HOUR));
      double[][] slots = expected(List.of(a), 5000, 24);
      double[][] hours = new double[4][Service.values().length];
      for (int t = 0; t < 24; t++) {
        for (int s = 0; s < hours[0].length; s++) {
          hours[t / 6][s] += slots[t][s];
        }
      }
      assertThat(got.resolution().step()).isEqualTo(Duration.ofHours(1));
      assertSeries(got, hours);
    }
  }

  @Test
  void theSameBatchTwiceGivesTheSameSeriesAndAReceiptThatCountsReplacements() {
    List<RawRow> batch =
        List.of(
            new RawRow(7, DAY, 39, 1, 2, 3, 4, 5),
            new RawRow(7, DAY, 33, 1, 1, 1, 1, 1),
            new RawRow(8, DAY + SLOT, 39, 2, 2, 2, 2, 2));
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("s")))) {
      IngestReceipt first = await(twin.ingest(batch));
      CellTraffic once =
          await(twin.traffic(CellId.of(7), DAY, DAY + 2 * SLOT, Resolution.TEN_MINUTES));
      IngestReceipt second = await(twin.ingest(batch));
      CellTraffic twice =
          await(twin.traffic(CellId.of(7), DAY, DAY + 2 * SLOT, Resolution.TEN_MINUTES));
      assertThat(first).isEqualTo(new IngestReceipt(3, 0));
      assertThat(second).isEqualTo(new IngestReceipt(3, 3));
      assertThat(twice.value(0, Service.INTERNET)).isEqualTo(6.0);
      assertThat(twice.value(0, Service.SMS_IN)).isEqualTo(2.0);
      for (int t = 0; t < 2; t++) {
        for (Service s : Service.values()) {
          assertThat(twice.value(t, s)).isEqualTo(once.value(t, s));
        }
      }
      assertThat(twin.status().rowsAccepted()).isEqualTo(6);
    }
  }

  @Test
  void aRowRepeatedWithinABatchReplacesTheEarlierOne() {
    List<RawRow> batch =
        List.of(new RawRow(7, DAY, 39, 1, 1, 1, 1, 1), new RawRow(7, DAY, 39, 9, 9, 9, 9, 9));
    try (LiveTwin twin = LiveTwins.start(settings(tmp.resolve("s")))) {
      assertThat(await(twin.ingest(batch))).isEqualTo(new IngestReceipt(2, 1));
      CellTraffic got = await(twin.traffic(CellId.of(7), DAY, DAY + SLOT, Resolution.TEN_MINUTES));
      assertThat(got.value(0, Service.CALL_IN)).isEqualTo(9.0);
    }
  }

  @Test
  void aBatchWithOneBadRowIsRefusedWholeAndChangesNothing() {
    RawRow good = new RawRow(7, DAY, 39, 1, 1, 1, 1, 1);
    try (LiveTwin twin =
        LiveTwins.start(
            settings(tmp.resolve("s"))
                .withKnownCells(LiveSettings.KnownCells.of(List.of(CellId.of(7)))))) {
      assertRefused(twin, List.of(good, new RawRow(8, DAY, 39, 1, 1, 1, 1, 1)), "row 2", "cell 8");
      assertRefused(
          twin,
          List.of(good, good, new RawRow(7, DAY, 39, 1, Double.NaN, 1, 1, 1)),
          "row 3",
          "smsout");
      assertRefused(twin, List.of(new RawRow(7, DAY, 39, 1, 1, -1, 1, 1)), "row 1", "callin");
      assertRefused(
          twin,
          List.of(good, new RawRow(7, DAY + 151 * SLOT, 39, 1, 1, 1, 1, 1)),
          "row 2",
          "future");
      assertRefused(twin, List.of(new RawRow(7, DAY + 1, 39, 1, 1, 1, 1, 1)), "row 1", "10-minute");
      assertRefused(twin, List.of(new RawRow(7, DAY, -3, 1, 1, 1, 1, 1)), "row 1", "country code");
      CellTraffic got = await(twin.traffic(CellId.of(7), DAY, DAY + SLOT, Resolution.TEN_MINUTES));
      assertThat(got.value(0, Service.SMS_IN)).isZero();
      assertThat(twin.status().rowsAccepted()).isZero();
      assertThat(twin.status().cells()).isEqualTo(1);
    }
  }

  private static void assertRefused(LiveTwin twin, List<RawRow> batch, String... named) {
    CompletableFuture<IngestReceipt> f = twin.ingest(batch).toCompletableFuture();
    assertThatThrownBy(f::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll(named);
  }

  @Test
  void aRestartOnTheSameFolderKeepsEveryAcknowledgedRow() {
    Path state = tmp.resolve("s");
    List<List<RawRow>> batches = new ArrayList<>();
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      // more batches than the snapshot interval (3): recovery reads a snapshot and later events
      for (int i = 0; i < 8; i++) {
        List<RawRow> b = randomRows(10 + i, 100);
        batches.add(b);
        await(twin.ingest(b));
      }
    }
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      assertThat(twin.status().rowsAccepted()).isEqualTo(800);
      for (int cell : new int[] {1, 2, 5000, 10000}) {
        assertSeries(
            await(twin.traffic(CellId.of(cell), DAY, DAY + 18 * SLOT, Resolution.TEN_MINUTES)),
            expected(batches, cell, 18));
      }
    }
  }

  /**
   * A state folder created before the journal's layout changed (issue 12: {@code ordering} as the
   * row key, no foreign key on {@code event_tag}) keeps its tables as they are, and the twin
   * writes, recovers from and rebuilds its read side from them.
   */
  @Test
  void aJournalWithTheEarlierLayoutIsKeptAndServesWritesRecoveryAndTheReadSide() throws Exception {
    Path state = tmp.resolve("s");
    String url = JournalSettings.embedded(state).url();
    JournalSchema.run(url, "sa", "", "dnt/live/h2-journal-schema-legacy.sql");
    List<List<RawRow>> batches = new ArrayList<>();
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      // more batches than the snapshot interval (3): recovery reads a snapshot and later events
      for (int i = 0; i < 8; i++) {
        List<RawRow> b = randomRows(30 + i, 100);
        batches.add(b);
        await(twin.ingest(b));
      }
    }
    try (var files = Files.list(state)) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().startsWith("read-side")).toList()) {
        Files.delete(p);
      }
    }
    try (LiveTwin twin = LiveTwins.start(settings(state))) {
      List<RawRow> ninth = randomRows(38, 100);
      batches.add(ninth);
      await(twin.ingest(ninth));
      assertThat(twin.status().rowsAccepted()).isEqualTo(900);
      for (int cell : new int[] {1, 2, 5000, 10000}) {
        assertSeries(
            await(twin.traffic(CellId.of(cell), DAY, DAY + 18 * SLOT, Resolution.TEN_MINUTES)),
            expected(batches, cell, 18));
        assertHistoryCatchesUp(twin, cell, expected(batches, cell, 18));
      }
    }
    // the tables were not altered: the earlier layout's second unique index on ordering is there
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE INDEX_NAME = 'event_journal_ordering_idx'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void closeFinishesTheBatchesInFlight() {
    Path state = tmp.resolve("s");
    List<RawRow> batch = randomRows(4, 1000);
    CompletableFuture<IngestReceipt> inFlight;
    LiveTwin twin = LiveTwins.start(settings(state));
    inFlight = twin.ingest(batch).toCompletableFuture();
    twin.close();
    assertThat(inFlight).isCompletedWithValueMatching(r -> r.accepted() == 1000);
    assertThat(twin.status().ready()).isFalse();
    assertThatThrownBy(() -> twin.ingest(batch).toCompletableFuture().join())
        .hasCauseInstanceOf(IllegalStateException.class);
    try (LiveTwin again = LiveTwins.start(settings(state))) {
      assertSeries(
          await(again.traffic(CellId.of(5000), DAY, DAY + 18 * SLOT, Resolution.TEN_MINUTES)),
          expected(List.of(batch), 5000, 18));
    }
  }

  @Test
  void aStateFolderOfAnotherVersionIsRefusedNamingTheFolder() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(state.resolve("dnt-live.version"), "dnt-live state 0\n");
    assertThatThrownBy(() -> LiveTwins.start(settings(state)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(state.toString())
        .hasMessageContaining("incompatible version");
  }

  @Test
  void aStateFolderThatCannotBeWrittenIsRefusedNamingTheFolder() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "not a folder");
    Path state = file.resolve("state");
    assertThatThrownBy(() -> LiveTwins.start(settings(state)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(state.toString())
        .hasMessageContaining("cannot be written");
  }

  @Test
  void aStateFolderInUseIsRefusedNamingTheFolder() {
    Path state = tmp.resolve("s");
    try (LiveTwin first = LiveTwins.start(settings(state))) {
      assertThatThrownBy(() -> LiveTwins.start(settings(state)).close())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(state.toString())
          .hasMessageContaining("in use");
      List<RawRow> batch = List.of(new RawRow(7, DAY, 39, 1, 1, 1, 1, 1));
      assertThat(await(first.ingest(batch))).isEqualTo(new IngestReceipt(1, 0));
    }
  }

  @Test
  void trafficRefusesAnUnknownCellAndUnalignedBounds() {
    try (LiveTwin twin =
        LiveTwins.start(
            settings(tmp.resolve("s"))
                .withKnownCells(LiveSettings.KnownCells.of(List.of(CellId.of(7)))))) {
      assertThatThrownBy(
              () -> await(twin.traffic(CellId.of(8), DAY, DAY + SLOT, Resolution.TEN_MINUTES)))
          .hasCauseInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cell 8");
      assertThatThrownBy(
              () -> await(twin.traffic(CellId.of(7), DAY + SLOT, DAY + 7 * SLOT, Resolution.HOUR)))
          .hasCauseInstanceOf(InvalidInputException.class)
          .hasMessageContaining("hour");
    }
  }
}
