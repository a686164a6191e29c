package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.runtime.CellRetention;
import dnt.live.runtime.FlAggregator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cell twins' retention window through the plain-Java face (docs/live.md, "The retention
 * window"): two twins fed the same four days, one holding every slot ({@code off}) and one a window
 * of two days. Queries within the window answer alike at once; queries reaching before it are
 * answered from the read side and equal the other twin's (and the sums of the rows sent, computed
 * without a twin); the integrity report lists the masked slots before the window too; a row re-sent
 * after its slot left the window replaces (the read side holds each key once, the totals do not
 * double); a restart answers as before; bad settings are refused naming the setting.
 */
final class RetentionLiveTest {
  private static final long DAY = TestRows.DAY;
  private static final long SLOT = TestRows.SLOT;
  private static final int S = 144;
  private static final int DAYS = 4;
  private static final int[] CELLS = {1, 2};
  private static final int[] CODES = {0, 39};

  @TempDir Path tmp;

  private static LiveTwin start(Path state, String retention) {
    Map<String, @Nullable String> saved = TestProperties.current(List.of(CellRetention.PATH));
    Map<String, @Nullable String> set = new HashMap<>();
    set.put(CellRetention.PATH, retention);
    TestProperties.set(set);
    try {
      // snapshots every 20 events, so a restart recovers from a snapshot and later events
      return LiveTwins.start(
          LiveSettings.defaults(state).withForecast(ForecastSettings.off()).withSnapshotEvery(20));
    } finally {
      TestProperties.set(saved);
    }
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /**
   * Hourly batches of four days, cells 1 and 2, country codes 0 and 39 (two rows a slot, whose sum
   * is the same double in either order), with a stretch four times as high from the second day on
   * that the integrity check masks.
   */
  private static List<List<RawRow>> batches() {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(12);
    List<List<RawRow>> batches = new ArrayList<>();
    for (int h = 0; h < DAYS * 24; h++) {
      List<RawRow> batch = new ArrayList<>();
      for (int t = 6 * h; t < 6 * h + 6; t++) {
        double level = 150 + 60 * Math.sin(2 * Math.PI * t / S) + r.nextGaussian();
        double factor = t % S >= 40 && t % S < 52 && t >= S ? 4 : 1;
        for (int cell : CELLS) {
          for (int code : CODES) {
            batch.add(
                new RawRow(
                    cell,
                    DAY + t * SLOT,
                    code,
                    r.nextDouble(),
                    r.nextDouble(),
                    r.nextDouble(),
                    r.nextDouble(),
                    factor * level / 2));
          }
        }
      }
      batches.add(batch);
    }
    return batches;
  }

  @Test
  void queriesBeforeTheWindowComeFromTheReadSideAndEqualTheTwinThatHoldsEverything()
      throws Exception {
    List<List<RawRow>> batches = batches();
    long end = DAY + DAYS * S * SLOT;
    // the window of two days before the newest slot (slot 575) starts at slot 288
    long windowStart = DAY + 2 * S * SLOT;
    Path stateB = tmp.resolve("b");
    List<Long> maskedBefore;
    double[][] inWindow;
    try (LiveTwin all = start(tmp.resolve("a"), "off");
        LiveTwin windowed = start(stateB, "2d")) {
      for (List<RawRow> batch : batches) {
        await(all.ingest(batch));
        await(windowed.ingest(batch));
      }
      for (int c : CELLS) {
        CellId cell = CellId.of(c);
        for (TrafficView view : TrafficView.values()) {
          // within the window: the twin's memory, at once (read-your-writes)
          assertThat(
                  await(windowed.traffic(cell, windowStart, end, Resolution.TEN_MINUTES, view))
                      .values())
              .isDeepEqualTo(
                  await(all.traffic(cell, windowStart, end, Resolution.TEN_MINUTES, view))
                      .values());
          // the whole four days: the first two from the read side, once it has read them
          double[][] want =
              await(all.traffic(cell, DAY, end, Resolution.TEN_MINUTES, view)).values();
          eventually(
              () -> await(windowed.traffic(cell, DAY, end, Resolution.TEN_MINUTES, view)).values(),
              want);
          assertThat(await(windowed.history(cell, DAY, end, Resolution.TEN_MINUTES, view)).values())
              .isDeepEqualTo(want);
        }
        // and the observations are the rows' sums, computed without a twin
        TestRows.assertSeries(
            await(windowed.traffic(cell, DAY, end, Resolution.TEN_MINUTES)),
            TestRows.expected(batches, c, DAYS * S),
            "cell " + c);
        List<Long> masked = await(all.integrity(cell)).maskedSlots();
        eventually(() -> await(windowed.integrity(cell)).maskedSlots(), masked);
      }
      maskedBefore =
          await(windowed.integrity(CellId.of(1))).maskedSlots().stream()
              .filter(m -> m < windowStart)
              .toList();
      // the check masked slots before the window (else this test would show nothing of them)
      assertThat(maskedBefore).isNotEmpty();

      // a row of the first day sent again after its slot left the window: the new values
      // replace the old ones in the read side, they are not added
      RawRow first = batches.get(0).get(0);
      RawRow again =
          new RawRow(first.cell(), first.timeMillis(), first.countryCode(), 7, 7, 7, 7, 700);
      long rowsBefore = windowed.status().rowsAccepted();
      assertThat(await(all.ingest(List.of(again))).replaced()).isOne();
      // the windowed twin no longer holds the key, so it cannot tell a replacement (documented)
      assertThat(await(windowed.ingest(List.of(again)))).isEqualTo(new IngestReceipt(1, 0));
      await(windowed.ingest(List.of(again)));
      // counted as every acknowledged row is, as before the window
      assertThat(windowed.status().rowsAccepted()).isEqualTo(rowsBefore + 2);
      CellId one = CellId.of(first.cell());
      long t0 = first.timeMillis();
      double[][] replaced = await(all.traffic(one, t0, t0 + SLOT, Resolution.TEN_MINUTES)).values();
      assertThat(replaced[0][4]).isGreaterThan(700);
      eventually(
          () -> await(windowed.traffic(one, t0, t0 + SLOT, Resolution.TEN_MINUTES)).values(),
          replaced);
      inWindow =
          await(windowed.traffic(CellId.of(2), windowStart, end, Resolution.TEN_MINUTES)).values();
    }
    // the read side holds each (cell, slot, country code) once: the re-sent row replaced
    assertThat(readSideRows(stateB.resolve("read-side.duckdb"), 1)).isEqualTo(DAYS * S * 2);

    // a restart recovers the window from the snapshot and the later events
    try (LiveTwin windowed = start(stateB, "2d")) {
      assertThat(
              await(windowed.traffic(CellId.of(2), windowStart, end, Resolution.TEN_MINUTES))
                  .values())
          .isDeepEqualTo(inWindow);
      assertThat(await(windowed.integrity(CellId.of(1))).maskedSlots()).containsAll(maskedBefore);
    }
  }

  /** Polls until the answer equals {@code want} (the read side lags), then asserts it. */
  private static <T> void eventually(Supplier<T> answer, T want) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    T got = answer.get();
    while (!Objects.deepEquals(got, want) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      got = answer.get();
    }
    assertThat(got).isEqualTo(want);
  }

  private static long readSideRows(Path file, int cell) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM telemetry WHERE cell = " + cell)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aBadWindowIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> start(tmp.resolve("bad"), "two weeks"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("dnt-live.cell.retention: 'two weeks' is not a duration");
    // the default forecasters read four days before a cell's newest slot
    assertThatThrownBy(
            () -> {
              Map<String, @Nullable String> saved =
                  TestProperties.current(List.of(CellRetention.PATH));
              Map<String, @Nullable String> set = new HashMap<>();
              set.put(CellRetention.PATH, "3d");
              TestProperties.set(set);
              try {
                LiveTwins.start(LiveSettings.defaults(tmp.resolve("short"))).close();
              } finally {
                TestProperties.set(saved);
              }
            })
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dnt-live.cell.retention: 3d is shorter than the 4d the forecasters");
    // refused before the state folder is touched (BadNodeSettingsTest)
    assertThat(tmp.resolve("bad")).doesNotExist();
    assertThat(tmp.resolve("short")).doesNotExist();
  }

  @Test
  void theForecastersNeedsAreCountedAsTheyRead() {
    ForecastSettings f = ForecastSettings.defaults();
    FlAggregator.Params p =
        new FlAggregator.Params(
            f.online(), f.minDays(), Path.of("x"), Duration.ofSeconds(1), Duration.ofSeconds(1));
    // history 144 slots: an H-twin day (2 + 1 + 1) days, a forecast's inputs 144 + 144 slots;
    // the more is 4 days; the V-twin starts in a window of (2 + 1) days
    assertThat(CellRetention.forecastSlots(p)).isEqualTo(4 * 144);
    assertThat(CellRetention.vtwinSlots(p)).isEqualTo(3 * 144);
    CellRetention.parse("4d").requireFor(p);
    assertThat(CellRetention.parse("4d").vtwinNeverStarts(p)).isNull();
    CellRetention.OFF.requireFor(p);
    assertThat(CellRetention.OFF.vtwinNeverStarts(p)).isNull();
    assertThatThrownBy(() -> CellRetention.parse("3d").requireFor(p))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "dnt-live.cell.retention: 3d is shorter than the 4d the forecasters read before a"
                + " cell's newest slot (historyDays 2, inputs of 144 slots); use a longer window"
                + " or off");
    FlAggregator.Params late =
        new FlAggregator.Params(
            f.online(), 9, Path.of("x"), Duration.ofSeconds(1), Duration.ofSeconds(1));
    // minDays 9: the V-twin starts once a window of 10 days holds 9 complete ones; a shorter
    // window is not refused (minDays beyond the data keeps a V-twin from starting), but told
    assertThat(CellRetention.vtwinSlots(late)).isEqualTo(10 * 144);
    CellRetention.parse("9d").requireFor(late);
    assertThat(CellRetention.parse("9d").vtwinNeverStarts(late))
        .isEqualTo(
            "dnt-live.cell.retention 9d never holds the 9 complete days the V-twin waits for"
                + " (minDays): it will not start; use a window of at least 10d or off");
    assertThat(CellRetention.parse("10d").vtwinNeverStarts(late)).isNull();
  }
}
