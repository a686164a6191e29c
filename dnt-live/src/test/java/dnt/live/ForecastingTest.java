package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.Windows;
import dnt.learn.online.CellHistory;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.TwinningFile;
import dnt.live.runtime.ForecastRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forecasting online through the twin's face: the V-twin trains in the background once two complete
 * days are held (the twin answers meanwhile, a forecast is refused with the training progress), the
 * forecast then equals the model's own recursive prediction computed here with {@link Forecaster}
 * on the same window, a new day brings H-twin updates that change the version and the forecast, a
 * restart keeps the model, and masked slots stay out of a client's training.
 */
final class ForecastingTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final int S = 144;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 10L * S * SLOT), ZoneOffset.UTC);
  private static final int[] CELLS = {5000, 5001, 5100, 5101};

  @TempDir Path tmp;

  /** Holds tasks back until released, then runs them (and later ones) on its own thread. */
  private static final class Gate implements Executor {
    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    private volatile boolean open;

    @Override
    public synchronized void execute(Runnable r) {
      if (open) {
        start(r);
      } else {
        held.add(r);
      }
    }

    synchronized int waiting() {
      return held.size();
    }

    synchronized void release() {
      open = true;
      Runnable r;
      while ((r = held.poll()) != null) {
        start(r);
      }
    }

    private static void start(Runnable r) {
      Thread t = new Thread(r, "test-training");
      t.setDaemon(true);
      t.start();
    }
  }

  private static LiveSettings settings(Path state, int minDays) {
    return LiveSettings.defaults(state)
        .withClock(CLOCK, Duration.ZERO)
        .withForecast(ForecastSettings.defaults().withRounds(3, minDays));
  }

  /** Slots [from, to) of every cell: a daily sine per cell with seeded noise, one row a slot. */
  private static List<RawRow> slots(int from, int to, int faultFrom, int faultTo) {
    List<RawRow> rows = new ArrayList<>();
    for (int t = from; t < to; t++) {
      for (int c = 0; c < CELLS.length; c++) {
        Random r = new Random(31L * t + c);
        double level = 200 + 100 * Math.sin(2 * Math.PI * (t + 20 * c) / S) + 3 * r.nextGaussian();
        double internet = t >= faultFrom && t < faultTo ? 4 * level : level;
        rows.add(new RawRow(CELLS[c], DAY + t * SLOT, 39, 1, 1, 1, 1, internet));
      }
    }
    return rows;
  }

  private static void ingest(LiveTwin twin, List<RawRow> rows) {
    for (int i = 0; i < rows.size(); i += 400) {
      twin.ingest(rows.subList(i, Math.min(rows.size(), i + 400))).toCompletableFuture().join();
    }
  }

  private static FederatedStatus await(LiveTwin twin, Predicate<FederatedStatus> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    FederatedStatus s = twin.federated().toCompletableFuture().join();
    while (!done.test(s)) {
      assertThat(System.nanoTime()).as("federation stuck at %s", s).isLessThan(deadline);
      Thread.sleep(100);
      s = twin.federated().toCompletableFuture().join();
    }
    return s;
  }

  /**
   * The model's recursive forecast computed here: the cell's internet series from the twin's
   * traffic query, z-scored with the cell's scaler, windows cut by {@link WindowBuilder}, each step
   * predicted by {@link Forecaster} and fed back.
   */
  private static double[] expected(
      LiveTwin twin, OnlineSettings os, CellModel m, int cell, long origin) {
    long from = origin - 2L * S * SLOT;
    CellTraffic t =
        twin.traffic(CellId.of(cell), from, origin, Resolution.TEN_MINUTES)
            .toCompletableFuture()
            .join();
    int n = t.length();
    float[] z = new float[n + ForecastSettings.STEPS];
    for (int i = 0; i < n; i++) {
      z[i] = (float) ((t.value(i, Service.INTERNET) - m.scaler().mean()) / m.scaler().std());
    }
    Forecaster f = Forecaster.of(os.architecture(), m.parameters());
    WindowBuilder b = new WindowBuilder(os.windows(), 0);
    double[] out = new double[ForecastSettings.STEPS];
    for (int k = 0; k < out.length; k++) {
      Windows w = b.build(z, n + k, n + k + 1, "expected");
      z[n + k] = f.predict(w)[0];
      out[k] = z[n + k] * m.scaler().std() + m.scaler().mean();
    }
    return out;
  }

  private static void assertSame(double[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      // the same float operations in the same order: equal up to the last bit; 1e-9 relative
      // leaves room only for a double rounding of the de-normalisation
      assertThat(actual[i]).isCloseTo(expected[i], within(1e-9 * Math.abs(expected[i]) + 1e-9));
    }
  }

  @Test
  void vTwinInTheBackgroundThenForecastsThenHTwinUpdatesThenARestartKeepsTheModel()
      throws Exception {
    Path state = tmp.resolve("s");
    LiveSettings settings = settings(state, 2);
    OnlineSettings os = settings.forecast().online();
    Path file = state.resolve(LiveTwins.FORECAST_FILE);
    Gate gate = new Gate();
    CellForecast beforeClose;
    long version;
    try (LiveTwin twin = LiveTwins.start(settings, gate)) {
      assertThat(twin.federated().toCompletableFuture().join().phase()).isEqualTo("waiting");
      assertThatThrownBy(() -> twin.forecast(CellId.of(5000)).toCompletableFuture().get())
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ForecastNotReadyException.class)
          .hasMessageContaining("2 complete days");

      // two complete days and the first slot of the third: the V-twin starts, held back by the gate
      ingest(twin, slots(0, 2 * S + 1, -1, -1));
      assertThat(twin.integrity(CellId.of(5001)).toCompletableFuture().join().predictor())
          .as("before a model exists the day before predicts")
          .isEqualTo("seasonal-naive");
      FederatedStatus training = await(twin, s -> s.phase().equals("vertical"));
      assertThat(training.round()).isZero();
      long t0 = System.nanoTime();
      while (gate.waiting() == 0) {
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(60).toNanos());
        Thread.sleep(20);
      }
      // the twin answers while training is pending: traffic, status, and a 409-style refusal
      assertThat(twin.status().ready()).isTrue();
      CellTraffic day =
          twin.traffic(CellId.of(5000), DAY, DAY + S * SLOT, Resolution.HOUR)
              .toCompletableFuture()
              .join();
      assertThat(day.length()).isEqualTo(24);
      assertThatThrownBy(() -> twin.forecast(CellId.of(5000)).toCompletableFuture().get())
          .cause()
          .isInstanceOf(ForecastNotReadyException.class)
          .hasMessageContaining("V-twin is training, round 0 of 3");
      assertThatThrownBy(() -> twin.forecast(CellId.of(42)).toCompletableFuture().get())
          .cause()
          .isInstanceOf(ForecastNotReadyException.class);

      gate.release();
      FederatedStatus trained = await(twin, s -> s.phase().equals("horizontal"));
      assertThat(trained.losses()).hasSize(3).allSatisfy(l -> assertThat(l).isFinite());
      assertThat(trained.round()).isEqualTo(3);
      assertThat(trained.version()).isEqualTo(1);
      assertThat(trained.clients())
          .extracting(FederatedStatus.Client::cell)
          .containsExactly(Arrays.stream(CELLS).boxed().toArray(Integer[]::new));
      assertThat(trained.clusters()).isBetween(1, 3);
      assertThat(trained.model()).isEqualTo("mlp");

      OnlineTwinning v = TwinningFile.read(file, os);
      CellForecast f = twin.forecast(CellId.of(5001)).toCompletableFuture().join();
      long origin = DAY + (2L * S + 1) * SLOT;
      assertThat(f.originMillis()).isEqualTo(origin);
      assertThat(f.stepMillis()).isEqualTo(SLOT);
      assertThat(f.version()).isEqualTo(1);
      assertThat(f.model()).isEqualTo("mlp");
      CellModel vModel = v.model("5001");
      assertThat(vModel).isNotNull();
      assertSame(f.internet(), expected(twin, os, vModel, 5001, origin));

      ForecastLayer layer = twin.forecastLayer().toCompletableFuture().join();
      assertThat(layer.cells()).containsExactly(CELLS);
      int i = Arrays.binarySearch(layer.cells(), 5001);
      // the layer adds the same six doubles in order (a plain loop: DoubleStream.sum compensates
      // its rounding and can differ in the last bit)
      double nextHour = 0;
      for (double slot : f.internet()) {
        nextHour += slot;
      }
      assertThat(layer.nextHour()[i]).isEqualTo(nextHour);
      assertThat(layer.lastError()[i]).isEqualTo(f.lastError()).isFinite();
      // the standardised error: the error divided by the cell's scaler's standard deviation, one
      // double division, as z-MSE is scored (the V-twin's scaler: the model of version 1)
      assertThat(layer.lastZError()[i]).isEqualTo(f.lastError() / vModel.scaler().std());
      assertThat(layer.originMillis()[i]).isEqualTo(origin);

      // a third complete day: every client sends an H-twin update, staleness-weighted
      ingest(twin, slots(2 * S + 1, 3 * S + 1, -1, -1));
      FederatedStatus h = await(twin, s -> s.updatesApplied() == CELLS.length);
      assertThat(twin.integrity(CellId.of(5001)).toCompletableFuture().join().predictor())
          .as("once the cell has a model, its forecaster judges")
          .isEqualTo("forecaster");
      assertThat(h.updatesRejected()).isZero();
      assertThat(h.version()).isGreaterThan(1);
      assertThat(h.clients()).allSatisfy(c -> assertThat(c.staleness()).isNotNull());
      assertThat(h.trainedThroughMillis()).isEqualTo(DAY + 3L * S * SLOT);
      OnlineTwinning hTwin = TwinningFile.read(file, os);
      assertThat(hTwin.version()).isEqualTo(h.version());
      CellForecast g = twin.forecast(CellId.of(5001)).toCompletableFuture().join();
      long origin2 = DAY + (3L * S + 1) * SLOT;
      assertThat(g.version()).isEqualTo(h.version());
      CellModel hModel = hTwin.model("5001");
      assertThat(hModel).isNotNull();
      assertSame(g.internet(), expected(twin, os, hModel, 5001, origin2));
      double[] oldModel = expected(twin, os, vModel, 5001, origin2);
      assertThat(g.internet()).isNotEqualTo(oldModel);
      beforeClose = g;
      version = h.version();
    }

    // a restart on the same state folder reads the trained models back
    try (LiveTwin twin = LiveTwins.start(settings(state, 2))) {
      FederatedStatus s = twin.federated().toCompletableFuture().join();
      assertThat(s.phase()).isEqualTo("horizontal");
      assertThat(s.version()).isEqualTo(version);
      CellForecast again = twin.forecast(CellId.of(5001)).toCompletableFuture().join();
      assertThat(again.version()).isEqualTo(version);
      assertThat(again.originMillis()).isEqualTo(beforeClose.originMillis());
      assertThat(again.internet()).containsExactly(beforeClose.internet());
    }
  }

  @Test
  void aCellFirstSeenAfterTheVTwinGetsAForecastWithoutARestart() throws Exception {
    Path state = tmp.resolve("late");
    LiveSettings settings = settings(state, 2);
    OnlineSettings os = settings.forecast().online();
    int late = 5200;
    try (LiveTwin twin = LiveTwins.start(settings)) {
      ingest(twin, slots(0, 2 * S + 1, -1, -1));
      await(twin, s -> s.phase().equals("horizontal"));
      assertThatThrownBy(() -> twin.forecast(CellId.of(late)).toCompletableFuture().get())
          .cause()
          .isInstanceOf(ForecastNotReadyException.class);

      // the new cell's first day and an hour, in time order: a day of history and 6 targets
      List<RawRow> rows = new ArrayList<>();
      for (int t = 2 * S + 1; t < 3 * S + 8; t++) {
        double level = 300 + 150 * Math.sin(2 * Math.PI * t / S) + new Random(t).nextGaussian();
        rows.add(new RawRow(late, DAY + t * SLOT, 39, 1, 1, 1, 1, level));
      }
      ingest(twin, rows);
      FederatedStatus joined =
          await(twin, s -> s.clients().stream().anyMatch(c -> c.cell() == late));
      // an H-twin update may land between the forecast and the read of the saved twinning (the
      // new day reaches every client): take the two at the same twinning version
      CellForecast f = twin.forecast(CellId.of(late)).toCompletableFuture().join();
      OnlineTwinning saved = TwinningFile.read(state.resolve(LiveTwins.FORECAST_FILE), os);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (saved.version() != f.version()) {
        assertThat(System.nanoTime())
            .as("forecast version %d, saved twinning %d", f.version(), saved.version())
            .isLessThan(deadline);
        Thread.sleep(100);
        f = twin.forecast(CellId.of(late)).toCompletableFuture().join();
        saved = TwinningFile.read(state.resolve(LiveTwins.FORECAST_FILE), os);
      }

      int cluster =
          joined.clients().stream()
              .filter(c -> c.cell() == late)
              .findFirst()
              .orElseThrow()
              .cluster();
      CellModel m = saved.model(Integer.toString(late));
      assertThat(m).isNotNull();
      // the cell forecasts with its cluster twin, the same weights as a V-twin client of it
      int member =
          Arrays.stream(CELLS)
              .filter(c -> clusterOf(joined, c) == cluster)
              .findFirst()
              .orElseThrow();
      assertThat(m.parameters())
          .containsExactly(saved.model(Integer.toString(member)).parameters());
      long origin = DAY + (3L * S + 8) * SLOT;
      assertThat(f.originMillis()).isEqualTo(origin);
      assertSame(f.internet(), expected(twin, os, m, late, origin));
    }
  }

  private static int clusterOf(FederatedStatus s, int cell) {
    return s.clients().stream().filter(c -> c.cell() == cell).findFirst().orElseThrow().cluster();
  }

  @Test
  void aClientsTrainingSeriesLeavesOutTheMaskedSlots() throws Exception {
    Path state = tmp.resolve("m");
    try (LiveTwin twin = LiveTwins.start(settings(state, 30))) {
      // day 1 is judged against day 0; slots 100..109 of day 1 are a fourfold fault
      ingest(twin, slots(0, 2 * S, S + 100, S + 110));
      IntegrityReport r = twin.integrity(CellId.of(5000)).toCompletableFuture().join();
      assertThat(r.maskedSlots()).isNotEmpty();
      ForecastRuntime f = ((PekkoLiveTwin) twin).forecasting();
      assertThat(f).isNotNull();
      long from = DAY / SLOT - S; // a day before the first row: never observed
      CellHistory h =
          f.trainingHistory(5000, from, DAY / SLOT + 2 * S).toCompletableFuture().join();
      assertThat(h).isNotNull();
      BitSet expected = new BitSet();
      expected.set(0, S);
      for (long m : r.maskedSlots()) {
        expected.set((int) (m / SLOT - from));
      }
      assertThat(h.excluded()).isEqualTo(expected);
      // what the client trains on: no window of it reads an excluded slot
      OnlineSettings os = settings(state, 30).forecast().online();
      Windows w = OnlineTwinning.trainingWindows(os, h, dnt.learn.online.SeriesScaler.fit(h), 0);
      int masked = r.maskedSlots().size();
      assertThat(masked).isGreaterThan(0);
      // every target of day 1 except those that read a masked slot (itself, the 6 before, none
      // a day earlier since day 0 is clean)
      int lo = (int) (r.maskedSlots().get(0) / SLOT - DAY / SLOT);
      int hi = (int) (r.maskedSlots().get(masked - 1) / SLOT - DAY / SLOT);
      int touching = Math.min(2 * S, hi + 6 + 1) - lo;
      assertThat(w.count()).isEqualTo(S - touching);
    }
  }

  @Test
  void anUnknownCellIsAMistake() throws Exception {
    try (LiveTwin twin =
        LiveTwins.start(
            settings(tmp.resolve("u"), 2)
                .withKnownCells(LiveSettings.KnownCells.of(List.of(CellId.of(5000)))))) {
      assertThatThrownBy(() -> twin.forecast(CellId.of(5001)).toCompletableFuture().get())
          .cause()
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("5001");
    }
  }
}
