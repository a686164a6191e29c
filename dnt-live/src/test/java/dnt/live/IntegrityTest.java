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
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronization integrity through the twin's face: two days of a seasonal stream with a fault
 * injected on the second; the faulty slots from the third on are masked by the same slot a day
 * earlier, in the state and after a restart, and the alert clears once the stream is consistent.
 */
final class IntegrityTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 3 * 144 * SLOT), ZoneOffset.UTC);
  private static final int[] CODES = {39, 33, 49};

  @TempDir Path tmp;

  /** One day (144 slots x 3 country codes) of a daily sine with noise; {@code fault} alters it. */
  private static List<RawRow> day(int cell, int dayIndex, long seed, int faultFrom, int faultTo) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<RawRow> rows = new ArrayList<>();
    for (int t = 0; t < 144; t++) {
      double level = 100 + 50 * Math.sin(2 * Math.PI * t / 144);
      double factor = t >= faultFrom && t < faultTo ? 4 : 1;
      for (int c = 0; c < CODES.length; c++) {
        double[] v = new double[5];
        for (int s = 0; s < 5; s++) {
          v[s] = Math.max(0, factor * level * (s + 1) / 15.0 / (c + 1) + rng.nextGaussian() * 0.5);
        }
        rows.add(
            new RawRow(
                cell, DAY + (dayIndex * 144L + t) * SLOT, CODES[c], v[0], v[1], v[2], v[3], v[4]));
      }
    }
    return rows;
  }

  private static double[][] slotTotals(List<RawRow> rows) {
    double[][] out = new double[144][5];
    for (RawRow r : rows) {
      int t = (int) ((r.timeMillis() - DAY) / SLOT % 144);
      for (Service s : Service.values()) {
        out[t][s.ordinal()] += r.value(s);
      }
    }
    return out;
  }

  private static void ingestInBatches(LiveTwin twin, List<RawRow> rows) {
    for (int i = 0; i < rows.size(); i += 100) {
      twin.ingest(rows.subList(i, Math.min(rows.size(), i + 100))).toCompletableFuture().join();
    }
  }

  @Test
  void aFaultyStretchIsMaskedByThePredictionAndTheAlertClears() {
    Path state = tmp.resolve("s");
    LiveSettings settings =
        LiveSettings.defaults(state).withClock(CLOCK, Duration.ZERO).withSnapshotEvery(3);
    int from = 60;
    int to = 70;
    List<RawRow> day1 = day(7, 0, 1, 0, 0);
    List<RawRow> day2 = day(7, 1, 2, from, to);
    // cell 8: a fault until the end of the day, so its alert is still up
    List<RawRow> day1b = day(8, 0, 3, 0, 0);
    List<RawRow> day2b = day(8, 1, 4, 130, 144);
    try (LiveTwin twin = LiveTwins.start(settings)) {
      ingestInBatches(twin, day1);
      ingestInBatches(twin, day1b);
      ingestInBatches(twin, day2);
      ingestInBatches(twin, day2b);
      check(twin, day1, day2, from, to);
      IntegrityReport b = twin.integrity(CellId.of(8)).toCompletableFuture().join();
      assertThat(b.diverging()).isTrue();
      // the day's last slot waits for a later slot before it is judged
      assertThat(b.maskedSlots()).isEqualTo(slots(132, 143));
    }
    try (LiveTwin twin = LiveTwins.start(settings)) {
      check(twin, day1, day2, from, to);
      assertThat(twin.integrity(CellId.of(8)).toCompletableFuture().join().diverging()).isTrue();
    }
  }

  /** Masked: the faulty slots from the third on (three outliers in a row raise the flag). */
  private static List<Long> slots(int from, int to) {
    return LongStream.range(from, to).map(t -> DAY + (144 + t) * SLOT).boxed().toList();
  }

  private static void check(LiveTwin twin, List<RawRow> day1, List<RawRow> day2, int from, int to) {
    IntegrityReport r = twin.integrity(CellId.of(7)).toCompletableFuture().join();
    assertThat(r.diverging()).isFalse();
    // every slot of day 2 has its slot of day 1; the last waits for a later slot
    assertThat(r.checked()).isEqualTo(143);
    assertThat(r.maskedSlots()).isEqualTo(slots(from + 2, to));
    double[][] observed = slotTotals(day2);
    double[][] predicted = slotTotals(day1);
    double[][] want = new double[144][];
    for (int t = 0; t < 144; t++) {
      want[t] = t >= from + 2 && t < to ? predicted[t] : observed[t];
    }
    long start = DAY + 144 * SLOT;
    long end = DAY + 288 * SLOT;
    CellId cell = CellId.of(7);
    // the twin's view shows the prediction in a masked slot, the default view the observation
    assertSeries(
        twin.traffic(cell, start, end, Resolution.TEN_MINUTES, TrafficView.TWIN)
            .toCompletableFuture()
            .join(),
        want);
    assertSeries(
        twin.traffic(cell, start, end, Resolution.TEN_MINUTES).toCompletableFuture().join(),
        observed);
    // the read side shows the same once it has caught up with the journal; it lags by the read
    // journal's 1 s refresh, and by a restart's backoff (at most 5 s) where a loaded machine failed
    // the journal query: the bound is generous, the wait ends as soon as the view matches
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    CellTraffic history;
    do {
      history =
          twin.history(cell, start, end, Resolution.TEN_MINUTES, TrafficView.TWIN)
              .toCompletableFuture()
              .join();
    } while (!matches(history, want) && System.nanoTime() < deadline && pause());
    assertSeries(history, want);
    assertSeries(
        twin.history(cell, start, end, Resolution.TEN_MINUTES).toCompletableFuture().join(),
        observed);
  }

  private static boolean pause() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Doubles summed in another order: at most n * 2^-53 of a slot's n < 50 rows, under 1e-12. */
  private static boolean close(double got, double want) {
    return Math.abs(got - want) <= 1e-12 * Math.max(1, want);
  }

  private static boolean matches(CellTraffic got, double[][] want) {
    for (int t = 0; t < want.length; t++) {
      for (Service s : Service.values()) {
        if (!close(got.value(t, s), want[t][s.ordinal()])) {
          return false;
        }
      }
    }
    return true;
  }

  private static void assertSeries(CellTraffic got, double[][] want) {
    for (int t = 0; t < want.length; t++) {
      for (Service s : Service.values()) {
        // the bound of close(): summation order
        assertThat(got.value(t, s))
            .as("slot %d %s", t, s)
            .isCloseTo(want[t][s.ordinal()], within(1e-12 * Math.max(1, want[t][s.ordinal()])));
      }
    }
  }

  @Test
  void switchedOffNothingIsMasked() {
    LiveSettings settings =
        LiveSettings.defaults(tmp.resolve("s"))
            .withClock(CLOCK, Duration.ZERO)
            .withIntegrity(IntegritySettings.off());
    try (LiveTwin twin = LiveTwins.start(settings)) {
      ingestInBatches(twin, day(7, 0, 1, 0, 0));
      ingestInBatches(twin, day(7, 1, 2, 60, 70));
      IntegrityReport r = twin.integrity(CellId.of(7)).toCompletableFuture().join();
      assertThat(r.checked()).isZero();
      assertThat(r.maskedSlots()).isEmpty();
    }
  }
}
