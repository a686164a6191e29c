package dnt.benchmarks.live;

import dnt.core.util.Progress;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import dnt.data.raw.RawRow;
import dnt.data.synth.SynthConfig;
import dnt.data.synth.SyntheticMilan;
import dnt.live.CellLatest;
import dnt.live.FederatedStatus;
import dnt.live.ForecastLayer;
import dnt.live.ForecastSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import dnt.live.replay.Replay;
import dnt.live.replay.ReplaySource;
import dnt.live.replay.ReplaySpeed;
import dnt.live.replay.ReplayStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

/**
 * Issue 12's city-scale target: a full day of the city (synthetic at Milan scale: 10,000 cells,
 * about 5.6 million rows, 1 to 6 country codes per cell and slot as in the real daily files,
 * written by {@link SyntheticMilan}, the generator of {@code dnt data synth}) replayed in time
 * order at maximum speed through the live twin as {@code dnt serve --speed max} runs it: {@link
 * Replay#into} a Pekko twin on the embedded H2 journal with the integrity check, the radio twin of
 * Milan (10,000 users) and the forecasters on. Prints a line at every tenth of the day's rows, then
 * the wall time, rows per second, how long after the last acknowledgement the radio twin answered
 * its KPIs (it follows every cell's newest slot through its own mailbox), the KPIs before and
 * after, how many cells show the day's last slot, and the forecasts: cells with a forecast from the
 * day's end, and the federated version and updates before and after.
 *
 * <p>Forecasts need a model, which the V-twin trains once the twin holds two complete days: the
 * {@code history} days before the measured one (default 3; the files are local days starting at
 * 23:00 UTC, so 3 give the 2 complete UTC days the V-twin needs) are replayed first, untimed, and
 * the V-twin's end is awaited (it trains one model update per cell per round on one thread, so at
 * 10,000 cells this takes a while; progress is printed). With {@code history} 0 no forecast is
 * expected. After the measured day, the run waits up to {@code wait} seconds (default 600) for the
 * H-twin updates of that day. A single-shot measurement, not a JMH benchmark:
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Xmx8g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.CityDayReplay /tmp/dnt-city-day 10000 3 600
 * }
 *
 * <p>Arguments: a work folder (must not exist; deleted at the end), the number of cells (those
 * nearest the grid's centre, as {@code dnt data synth --cells} chooses them), the history days and
 * the wait for the H-twin in seconds, and {@code on} (default) or {@code off} for the forecasters
 * ({@code off} with history days separates the forecasters' share from that of the history the twin
 * holds). Between the measured day's first row and its last acknowledgement it reports the CPU
 * seconds of every thread group ({@link ThreadCpu}: JFR does not sample PyTorch's native frames)
 * and the collector's pauses. With {@code -Ddnt.cityDay.gate=FILE} it waits, after the history and
 * the V-twin, until FILE exists before it starts the measured day.
 */
public final class CityDayReplay {
  private CityDayReplay() {}

  /**
   * Runs the measurement.
   *
   * @param args work folder, cells, history days, H-twin wait in seconds
   * @throws Exception if the twin cannot start or the replay fails
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-city-day");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int history = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long waitSeconds = args.length > 3 ? Long.parseLong(args[3]) : 600;
    boolean forecasts = args.length <= 4 || onOff(args[4]);
    if (Files.exists(work)) {
      throw new IllegalArgumentException("the work folder " + work + " exists; give a new one");
    }
    try {
      run(work, cells, history, waitSeconds, forecasts);
    } finally {
      LiveIngestRate.deleteTree(work);
    }
  }

  private static boolean onOff(String arg) {
    return switch (arg) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("forecasts must be on or off, got " + arg);
    };
  }

  private static void run(Path work, int cells, int history, long waitSeconds, boolean forecasts)
      throws Exception {
    long t0 = System.nanoTime();
    List<Path> synthetic =
        SyntheticMilan.bundled()
            .write(
                SynthConfig.of(cells, history + 1, 42), work.resolve("synthetic"), Progress.NONE);
    List<Path> files = new ArrayList<>();
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    for (Path f : synthetic) {
      files.add(densify(f, work.resolve("days").resolve(f.getFileName()), rng));
      Files.delete(f);
    }
    Path day = files.get(files.size() - 1);
    long dayRows = lines(day);
    print(
        "%d synthetic days of %d cells written in %.1f s; the measured day %s has %d rows",
        files.size(), cells, seconds(t0), day.getFileName(), dayRows);
    LiveSettings settings =
        LiveSettings.defaults(work.resolve("twin")).withRadio(RadioSettings.milan(10_000, 1));
    if (!forecasts) {
      settings = settings.withForecast(ForecastSettings.off());
    }
    long startBegin = System.nanoTime();
    try (LiveTwin twin = LiveTwins.start(settings)) {
      print(
          "twin started in %.1f s (radio twin on, forecasting %s)",
          seconds(startBegin), forecasts ? "on" : "off");
      if (history > 0) {
        long h = System.nanoTime();
        Replay pre =
            Replay.into(ReplaySource.rawFiles(files.subList(0, history)), twin, ReplaySpeed.MAX);
        pre.run();
        check(pre.status());
        print(
            "history: %d rows of %d days replayed in %.1f s (not measured)",
            pre.status().rowsSent(), history, seconds(h));
        if (forecasts) {
          awaitVerticalTwin(twin);
        }
      }
      awaitGate();
      FederatedStatus fedBefore = forecasts ? twin.federated().toCompletableFuture().join() : null;
      String kpisBefore = radioKpis(twin);

      Replay replay = Replay.into(ReplaySource.rawFiles(List.of(day)), twin, ReplaySpeed.MAX);
      ThreadCpu cpuBefore = ThreadCpu.now();
      long begin = System.nanoTime();
      replay.start();
      int tenth = 0;
      ReplayStatus s = replay.status();
      while (s.state() == ReplayStatus.State.PENDING || s.state() == ReplayStatus.State.RUNNING) {
        Thread.sleep(100);
        s = replay.status();
        while (tenth < 9 && s.rowsSent() * 10 >= (tenth + 1) * dayRows) {
          tenth++;
          print(
              "%3d%%: %d rows in %.1f s, %.0f rows/s, load average %s",
              tenth * 10,
              s.rowsSent(),
              seconds(begin),
              s.rowsSent() / seconds(begin),
              loadAverage());
        }
      }
      long end = System.nanoTime();
      ThreadCpu cpuAfter = ThreadCpu.now();
      replay.stop();
      check(s);
      long dayEnd = s.clockMillis();
      double wall = (end - begin) / 1e9;
      print(
          "100%%: %d rows, %d slots in %.1f s: %.0f rows/s (target: the day in under 300 s), load"
              + " average %s",
          s.rowsSent(), s.slotsSent(), wall, s.rowsSent() / wall, loadAverage());
      print("CPU during the measured day:");
      for (String line : cpuAfter.since(cpuBefore)) {
        print("%s", line);
      }

      long r = System.nanoTime();
      String kpisAfter = radioKpis(twin);
      print(
          "radio twin answered its KPIs %.1f s after the last acknowledgement (its backlog of"
              + " cell updates)",
          seconds(r));
      print("KPIs before the day: %s", kpisBefore);
      print("KPIs after the day:  %s", kpisAfter);
      long lastSlot = dayEnd - 600_000L;
      List<CellLatest> latest = twin.latest().toCompletableFuture().join();
      print(
          "cells showing the day's last slot: %d of %d",
          latest.stream().filter(c -> c.slotMillis() == lastSlot).count(), cells);

      if (fedBefore == null) {
        print("rows accepted by the twin: %d", twin.status().rowsAccepted());
        return;
      }
      long f = System.nanoTime();
      ForecastLayer layer = twin.forecastLayer().toCompletableFuture().join();
      long fromDayEnd =
          java.util.Arrays.stream(layer.originMillis()).filter(o -> o == dayEnd).count();
      print(
          "forecasts from the day's end: %d cells (layer of %d computed in %.1f s), version %d",
          fromDayEnd, layer.cells().length, seconds(f), layer.version());
      FederatedStatus fedAfter = awaitHorizontalDay(twin, fedBefore, waitSeconds);
      print(
          "federated: phase %s, version %d -> %d, updates applied %d -> %d, rejected %d",
          fedAfter.phase(),
          fedBefore.version(),
          fedAfter.version(),
          fedBefore.updatesApplied(),
          fedAfter.updatesApplied(),
          fedAfter.updatesRejected());
      print("rows accepted by the twin: %d", twin.status().rowsAccepted());
    }
  }

  /**
   * Splits rows so that a (cell, slot) has as many country codes as in the real files: the
   * synthetic generator writes about 2 a slot, the real daily files about 3.9 (560 rows per cell
   * and day). For each (cell, slot) a target of 1 to 6 codes is drawn (weights 5, 10, 20, 30, 20,
   * 15 per cent, mean 3.95); while it has fewer, its largest row gives half its activity to a row
   * under a country code it lacks. Every slot's totals stay those of the generator. Writes the rows
   * in time order, tab-separated as in the Milan files.
   */
  static Path densify(Path in, Path out, RandomGenerator rng) throws IOException {
    List<RawRow> rows = new ArrayList<>();
    RawReader.read(in, BadRows.fail(), rows::add);
    Map<Long, List<RawRow>> bySlotCell = new TreeMap<>();
    for (RawRow r : rows) {
      long key = r.timeMillis() / 600_000L * 100_000L + r.cell();
      bySlotCell.computeIfAbsent(key, k -> new ArrayList<>(6)).add(r);
    }
    Files.createDirectories(out.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      for (List<RawRow> group : bySlotCell.values()) {
        int target = codesOfASlot(rng);
        int c = 0;
        while (group.size() < target) {
          int largest = 0;
          for (int i = 1; i < group.size(); i++) {
            if (group.get(i).internet() > group.get(largest).internet()) {
              largest = i;
            }
          }
          RawRow big = group.get(largest);
          while (hasCode(group, CODES[c])) {
            c++;
          }
          RawRow half =
              new RawRow(
                  big.cell(),
                  big.timeMillis(),
                  big.countryCode(),
                  big.smsIn() / 2,
                  big.smsOut() / 2,
                  big.callIn() / 2,
                  big.callOut() / 2,
                  big.internet() / 2);
          group.set(largest, half);
          group.add(
              new RawRow(
                  big.cell(),
                  big.timeMillis(),
                  CODES[c],
                  big.smsIn() - half.smsIn(),
                  big.smsOut() - half.smsOut(),
                  big.callIn() - half.callIn(),
                  big.callOut() - half.callOut(),
                  big.internet() - half.internet()));
        }
        for (RawRow r : group) {
          w.write(
              r.cell()
                  + "\t"
                  + r.timeMillis()
                  + "\t"
                  + r.countryCode()
                  + "\t"
                  + r.smsIn()
                  + "\t"
                  + r.smsOut()
                  + "\t"
                  + r.callIn()
                  + "\t"
                  + r.callOut()
                  + "\t"
                  + r.internet()
                  + "\n");
        }
      }
    }
    return out;
  }

  /** Country codes of the Milan files, most frequent first. */
  private static final int[] CODES = {39, 0, 33, 49, 44, 86, 1, 7, 34, 41, 40, 355};

  private static boolean hasCode(List<RawRow> group, int code) {
    for (RawRow r : group) {
      if (r.countryCode() == code) {
        return true;
      }
    }
    return false;
  }

  private static int codesOfASlot(RandomGenerator rng) {
    double u = rng.nextDouble();
    double[] cumulative = {0.05, 0.15, 0.35, 0.65, 0.85};
    for (int k = 0; k < cumulative.length; k++) {
      if (u < cumulative[k]) {
        return k + 1;
      }
    }
    return 6;
  }

  /**
   * The radio twin's KPIs once it answers: it handles every cell's update in turn through its own
   * mailbox, and an ask waits behind them (asked again after each 30 s timeout).
   */
  private static String radioKpis(LiveTwin twin) {
    while (true) {
      try {
        return twin.radioKpis().toCompletableFuture().join().toString();
      } catch (java.util.concurrent.CompletionException e) {
        if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
          throw e;
        }
        print("radio twin: still working through its backlog");
      }
    }
  }

  /** Waits for the V-twin to end (phase horizontal or failed), printing its rounds. */
  private static void awaitVerticalTwin(LiveTwin twin) throws InterruptedException {
    long t = System.nanoTime();
    String last = "";
    int idle = 0;
    while (true) {
      FederatedStatus f = twin.federated().toCompletableFuture().join();
      if (f.phase().equals("waiting") && f.daysHeld() < f.minDays() && ++idle > 5) {
        print(
            "forecasting: no V-twin, %d complete UTC days held of %d needed; give more history"
                + " days",
            f.daysHeld(), f.minDays());
        return;
      }
      String now = f.phase() + " round " + f.round() + " of " + f.rounds();
      if (!now.equals(last)) {
        print("forecasting: %s (%.1f s)", now, seconds(t));
        last = now;
      }
      if (f.phase().equals("horizontal") || f.phase().equals("failed")) {
        return;
      }
      Thread.sleep(1000);
    }
  }

  /**
   * With the system property {@value #GATE} naming a file, waits until that file exists before the
   * measured day, so that the untimed history can share the machine with other work and the
   * measured day start once it is quiet.
   */
  private static void awaitGate() throws InterruptedException, IOException {
    String gate = System.getProperty(GATE);
    if (gate == null || gate.isBlank()) {
      return;
    }
    Path file = Path.of(gate);
    long w = System.nanoTime();
    print("waiting for %s before the measured day", file);
    while (!Files.exists(file)) {
      Thread.sleep(1_000);
    }
    print("%s found after %.1f s; load average %s", file, seconds(w), loadAverage());
  }

  /** The system property naming the gate file (see {@link #awaitGate()}). */
  static final String GATE = "dnt.cityDay.gate";

  /**
   * Waits up to a limit for the measured day's H-twin updates: one from each client the day
   * dispatches, every cell or at most {@link ForecastSettings#CLIENTS_PER_ROUND} of them.
   */
  private static FederatedStatus awaitHorizontalDay(
      LiveTwin twin, FederatedStatus before, long waitSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
    long t = System.nanoTime();
    FederatedStatus f = twin.federated().toCompletableFuture().join();
    long reported = before.updatesApplied();
    while (before.phase().equals("horizontal")
        && f.updatesApplied() + f.updatesRejected()
            < before.updatesApplied()
                + before.updatesRejected()
                + Math.min(f.clients().size(), ForecastSettings.CLIENTS_PER_ROUND)
        && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      f = twin.federated().toCompletableFuture().join();
      if (f.updatesApplied() - reported >= Math.max(1, f.clients().size() / 10)) {
        reported = f.updatesApplied();
        print(
            "H-twin: %d updates applied (%.1f s)",
            f.updatesApplied() - before.updatesApplied(), seconds(t));
      }
    }
    return f;
  }

  private static void check(ReplayStatus s) {
    if (s.state() != ReplayStatus.State.FINISHED) {
      throw new IllegalStateException("the replay ended " + s.state() + ": " + s.error());
    }
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> l = Files.lines(file)) {
      return l.filter(x -> !x.isBlank()).count();
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private static void print(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }
}
