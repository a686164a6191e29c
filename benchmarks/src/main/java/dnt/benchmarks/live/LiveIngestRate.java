package dnt.benchmarks.live;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.CellTraffic;
import dnt.live.IngestReceipt;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

/**
 * Durable ingest rate through {@link LiveTwin#ingest} on the embedded H2 journal: batches of 1,000
 * rows laid out like a Milan raw file (consecutive rows share a cell; each cell has every slot of
 * the day and a few country codes per slot, about 560 rows per cell and day as in the real data),
 * with a fixed number of batches in flight, as concurrent HTTP requests would have. Prints the rows
 * per second over the measured batches, the median and 99th percentile acknowledgement latency, and
 * the load average. The target (issue 12) is at least 20,000 rows/s with p99 under 100 ms through
 * HTTP; this measures the runtime alone. A single-shot measurement, so not a JMH benchmark:
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.LiveIngestRate /tmp/dnt-live-bench 1000 4
 * }
 *
 * <p>Arguments: a state folder (must not exist; deleted at the end), the number of cells (one day
 * each; the first fifth of the batches is a warm-up and not measured), and the batches in flight.
 */
public final class LiveIngestRate {
  private static final int BATCH = 1000;
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();

  private LiveIngestRate() {}

  /**
   * Runs the measurement.
   *
   * @param args state folder, cells, batches in flight
   * @throws IOException if the state folder cannot be deleted afterwards
   * @throws InterruptedException if interrupted while waiting for acknowledgements
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path state = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-live-bench");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    if (Files.exists(state)) {
      throw new IllegalArgumentException("the state folder " + state + " exists; give a new one");
    }
    List<List<RawRow>> batches = batches(milanLikeRows(cells, 42));
    int warmup = batches.size() / 5;
    long[] latencyNanos = new long[batches.size() - warmup];
    try (LiveTwin twin = LiveTwins.start(LiveSettings.defaults(state))) {
      Semaphore slots = new Semaphore(inFlight);
      List<CompletableFuture<IngestReceipt>> pending = new ArrayList<>();
      long start = 0;
      for (int i = 0; i < batches.size(); i++) {
        if (i == warmup) {
          slots.acquire(inFlight); // drain the warm-up
          slots.release(inFlight);
          start = System.nanoTime();
        }
        slots.acquire();
        long sent = System.nanoTime();
        int index = i - warmup;
        pending.add(
            twin.ingest(batches.get(i))
                .toCompletableFuture()
                .whenComplete(
                    (r, e) -> {
                      if (index >= 0) {
                        latencyNanos[index] = System.nanoTime() - sent;
                      }
                      slots.release();
                    }));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      long elapsed = System.nanoTime() - start;
      double lagSeconds = readSideLag(twin, batches.get(batches.size() - 1));
      long rows = (long) (batches.size() - warmup) * BATCH;
      Arrays.sort(latencyNanos);
      System.out.printf(
          Locale.ROOT,
          "cells %d, batches %d of %d rows (%d warm-up), %d in flight%n"
              + "rate %.0f rows/s, ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
              + "read side caught up %.2f s after the last acknowledgement%n"
              + "load average %s%n",
          cells,
          batches.size(),
          BATCH,
          warmup,
          inFlight,
          rows / (elapsed / 1e9),
          percentile(latencyNanos, 0.50) / 1e6,
          percentile(latencyNanos, 0.99) / 1e6,
          latencyNanos[latencyNanos.length - 1] / 1e6,
          lagSeconds,
          Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      deleteTree(state);
    }
  }

  /**
   * Seconds until the read side shows the last batch's last cell as the cell twin does (its day's
   * internet total), polling every 10 ms.
   */
  private static double readSideLag(LiveTwin twin, List<RawRow> lastBatch) {
    long t0 = System.nanoTime();
    CellId cell = CellId.of(lastBatch.get(lastBatch.size() - 1).cell());
    long to = DAY + 144 * 600_000L;
    double want = internet(twin.traffic(cell, DAY, to, Resolution.TEN_MINUTES));
    while (internet(twin.history(cell, DAY, to, Resolution.TEN_MINUTES)) != want) {
      if (System.nanoTime() - t0 > 120_000_000_000L) {
        return Double.POSITIVE_INFINITY;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Double.NaN;
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double internet(CompletionStage<CellTraffic> stage) {
    CellTraffic d = stage.toCompletableFuture().join();
    double sum = 0;
    for (int t = 0; t < d.length(); t++) {
      sum += d.value(t, Service.INTERNET);
    }
    return sum;
  }

  /** Rows of one day for cells 1..n in file order: cell, then slot, then country code. */
  static List<RawRow> milanLikeRows(int n, long seed) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int[] codes = {39, 33, 49, 44, 86, 1, 7};
    List<RawRow> rows = new ArrayList<>();
    for (int cell = 1; cell <= n; cell++) {
      for (int t = 0; t < 144; t++) {
        int k = 1 + rng.nextInt(6); // about 3.9 codes a slot on average: ~560 rows a cell-day
        for (int c = 0; c < k; c++) {
          rows.add(
              new RawRow(
                  cell,
                  DAY + t * 600_000L,
                  codes[c],
                  rng.nextDouble(),
                  rng.nextDouble(),
                  rng.nextDouble(),
                  rng.nextDouble(),
                  rng.nextDouble() * 50));
        }
      }
    }
    return rows;
  }

  private static List<List<RawRow>> batches(List<RawRow> rows) {
    List<List<RawRow>> out = new ArrayList<>();
    for (int i = 0; i + BATCH <= rows.size(); i += BATCH) {
      out.add(List.copyOf(rows.subList(i, i + BATCH)));
    }
    return out;
  }

  /** The {@code q} quantile of sorted values (nearest rank). */
  static double percentile(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** Deletes a folder and what it holds, if it exists. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
