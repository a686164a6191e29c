package dnt.benchmarks.live;

import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import dnt.serve.DntServer;
import dnt.serve.ServerSettings;
import dnt.serve.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Durable ingest through HTTP, as issue 12 states its target: {@code POST /api/v1/telemetry} of
 * batches of 1,000 raw Milan rows to a {@link DntServer} on loopback in front of the Pekko runtime
 * with the embedded H2 journal and the integrity check (the defaults of {@code dnt serve}), from a
 * fixed number of concurrent clients, each sending its next batch once the last one got its 202.
 * Prints rows per second over the measured batches, the median and 99th percentile of the time from
 * sending a request to its 202 (the batch is durable by then), the wall time of the whole run, and
 * the load average, and a {@link #timeline} that splits each batch's acknowledgement time into its
 * wait for a free client (an open loop's backlog) and its time in the server, by when it was due.
 * The clients, which format the bodies, share the machine with the server.
 *
 * <p>The rows are one day of {@code cells} cells with 1 to 6 country codes per slot (about 560 rows
 * per cell and day, as in the real Milan files: 10,000 cells give about 5.6 million rows, the
 * city's day). {@code time} order sends them as a replay does, slot by slot, every cell of a slot
 * before the next slot, so a batch touches about 290 cells; {@code file} order sends them as a
 * Milan daily file lists them, cell by cell, so a batch touches one or two. With {@code radio on}
 * the twin also runs the radio twin of Milan ({@code dnt serve --radio on}: 10,000 users), whose
 * station loads and KPIs follow every batch. A single-shot measurement, so not a JMH benchmark:
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Xmx4g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.HttpIngestRate /tmp/dnt-http-bench 10000 4 time on
 * }
 *
 * <p>Arguments: a state folder (must not exist; deleted at the end), the number of cells, the
 * concurrent clients, the order ({@code time} or {@code file}), the radio twin ({@code on} or
 * {@code off}) and, optionally, an offered rate in rows per second and {@code warm}. The first
 * tenth of the batches is a warm-up and not measured; with {@code warm} an open loop sends the
 * warm-up batches as fast as they are answered and starts its schedule at the first measured batch,
 * so that the backlog of a cold start (the first batches take seconds: the timeline shows it) is
 * not carried into the measured batches, as it is without. An eighth argument, a settling time in
 * seconds (with a rate and {@code warm}), sends the batches of that time at the offered rate after
 * the closed-loop warm-up, unmeasured: the closed loop acknowledges batches faster than the cell
 * twins, the read side and the radio twin work them off, and without it their backlog shows in the
 * first measured seconds (the timeline's first windows).
 *
 * <p>{@code -Ddnt.benchmarks.journalSchema=legacy} runs the twin on the embedded journal's layout
 * of before 5 December 2026 (four B-trees in {@code event_journal} per event instead of two,
 * snapshots as {@code BLOB}s; {@link JournalLayouts}), for an A/B against the default, {@code new}.
 *
 * <p><b>Closed or open loop.</b> Without a rate (or 0) the clients send as fast as they are
 * answered (closed loop), which measures the most rows per second; but then {@code clients} batches
 * are always in flight, so by Little's law the mean acknowledgement time is {@code clients x 1,000
 * / rate}, about 190 ms for 4 clients at 21,000 rows/s, whatever the server does: a closed loop at
 * saturation cannot show a p99 below that. Issue 12's latency target is at 20,000 rows/s sustained,
 * so with a rate the batches are offered on a fixed schedule (batch {@code b} at {@code b x 1,000 /
 * rate} seconds, open loop, at most {@code clients} in flight) and each latency counts from the
 * batch's scheduled time, so a batch delayed because every client was busy counts its wait (no
 * coordinated omission).
 */
public final class HttpIngestRate {
  private static final int BATCH = 1000;
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final int[] CODES = {39, 33, 49, 44, 86, 1, 7};
  private static final String TOKEN = "benchmark-operator-token-0123456789";

  private HttpIngestRate() {}

  /**
   * Runs the measurement.
   *
   * @param args state folder, cells, clients, order, radio, and optionally the offered rows/s
   * @throws Exception if the server cannot start or a batch is refused
   */
  public static void main(String[] args) throws Exception {
    Path state = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-http-bench");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    boolean timeOrder = args.length <= 3 || args[3].equals("time");
    boolean radio = args.length > 4 && args[4].equals("on");
    double rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
    boolean closedWarmup = args.length > 6 && args[6].equals("warm");
    double settleSeconds = args.length > 7 ? Double.parseDouble(args[7]) : 0;
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("the rate must be finite and >= 0, got " + args[5]);
    }
    if (!(settleSeconds >= 0) || (settleSeconds > 0 && !(closedWarmup && rate > 0))) {
      throw new IllegalArgumentException(
          "the settling time must be >= 0 seconds, and needs a rate and warm; got "
              + String.join(" ", args));
    }
    if (Files.exists(state)) {
      throw new IllegalArgumentException("the state folder " + state + " exists; give a new one");
    }
    Files.createDirectories(state);
    Path tokens = Files.writeString(state.resolve("tokens"), "operator " + TOKEN + "\n");
    long t0 = System.nanoTime();
    String[] rows = rows(cells, timeOrder, 42);
    int batches = rows.length / BATCH;
    // the warm-up, unmeasured: the first tenth (closed loop with warm), plus with a settling time
    // the batches the open loop offers in it
    int settle = (int) Math.round(settleSeconds * rate / BATCH);
    int warmup = batches / 10 + settle;
    if (warmup >= batches) {
      throw new IllegalArgumentException(
          "the settling time leaves no batch to measure: " + batches + " batches in all");
    }
    System.out.printf(
        Locale.ROOT,
        "%d rows of %d cells in %s order made in %.1f s%n",
        rows.length,
        cells,
        timeOrder ? "time" : "file",
        (System.nanoTime() - t0) / 1e9);
    String layout = JournalLayouts.prepare(state.resolve("twin"));
    System.out.println("journal layout " + layout);
    LiveSettings settings = LiveSettings.defaults(state.resolve("twin"));
    if (radio) {
      settings = settings.withRadio(RadioSettings.milan(10_000, 1));
    }
    long startBegin = System.nanoTime();
    try (LiveTwin twin = LiveTwins.start(settings);
        DntServer server =
            DntServer.start(
                twin, ServerSettings.of(TokenStore.read(tokens)).withAddress("127.0.0.1", 0))) {
      System.out.printf(
          Locale.ROOT,
          "twin and server started in %.1f s%n",
          (System.nanoTime() - startBegin) / 1e9);
      URI uri = server.url().resolve("/api/v1/telemetry");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long[] latencyNanos = new long[batches];
      long[] doneAt = new long[batches];
      long[] sentAt = new long[batches];
      Sender sender = new Sender(uri, http, rows, latencyNanos, doneAt, sentAt);
      long begin;
      if (closedWarmup) {
        // the warm-up batches as fast as they are answered, then the schedule from the first
        // measured batch: a backlog of the cold start does not carry into the measured batches
        int closed = warmup - settle;
        sender.send(0, closed, clients, System.nanoTime(), 0);
        if (settle > 0) {
          // then the offered rate for the settling time, unmeasured: what the closed loop left
          // behind (cells' flushes, the read side, the radio twin) is worked off at the rate
          sender.send(closed, warmup, clients, System.nanoTime(), rate);
        }
        begin = System.nanoTime();
        sender.send(warmup, batches, clients, begin, rate);
      } else {
        begin = System.nanoTime();
        sender.send(0, batches, clients, begin, rate);
      }
      long end = System.nanoTime();
      // with a closed-loop warm-up, the schedule (and the timeline) starts at the first measured
      int from = closedWarmup ? warmup : 0;
      long[] measured = Arrays.copyOfRange(latencyNanos, warmup, batches);
      Arrays.sort(measured);
      System.out.printf(
          Locale.ROOT,
          "cells %d, %s order, radio %s, %d batches of %d rows (%d warm-up), %d clients, %s%n"
              + "rate %.0f rows/s, ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
              + "all %d rows %sacknowledged in %.1f s%n"
              + "load average %s%n",
          cells,
          timeOrder ? "time" : "file",
          radio ? "on" : "off",
          batches,
          BATCH,
          warmup,
          clients,
          rate > 0
              ? String.format(
                  Locale.ROOT,
                  "open loop at %.0f rows/s offered%s",
                  rate,
                  !closedWarmup
                      ? ""
                      : settle > 0
                          ? String.format(
                              Locale.ROOT,
                              " after a closed-loop warm-up and %.0f s (%d batches) at the rate",
                              settleSeconds,
                              settle)
                          : " after a closed-loop warm-up")
              : "closed loop",
          measuredRate(doneAt, warmup, begin, end, BATCH),
          LiveIngestRate.percentile(measured, 0.50) / 1e6,
          LiveIngestRate.percentile(measured, 0.99) / 1e6,
          measured[measured.length - 1] / 1e6,
          (long) (batches - from) * BATCH,
          closedWarmup ? "after the warm-up " : "",
          (end - begin) / 1e9,
          Files.readString(Path.of("/proc/loadavg")).strip());
      System.out.print(
          timeline(
              Arrays.copyOfRange(sentAt, from, batches),
              Arrays.copyOfRange(latencyNanos, from, batches),
              Arrays.copyOfRange(doneAt, from, batches),
              begin,
              rate,
              BATCH));
      if (radio) {
        System.out.println(
            "network KPIs after the run: " + twin.radioKpis().toCompletableFuture().join());
      }
    } finally {
      LiveIngestRate.deleteTree(state);
    }
  }

  /** Sends batches of the rows from concurrent clients and records each batch's times. */
  private static final class Sender {
    private final URI uri;
    private final HttpClient http;
    private final String[] rows;
    private final long[] latencyNanos;
    private final long[] doneAt;
    private final long[] sentAt;

    Sender(
        URI uri,
        HttpClient http,
        String[] rows,
        long[] latencyNanos,
        long[] doneAt,
        long[] sentAt) {
      this.uri = uri;
      this.http = http;
      this.rows = rows;
      this.latencyNanos = latencyNanos;
      this.doneAt = doneAt;
      this.sentAt = sentAt;
    }

    /**
     * Sends batches {@code from} to {@code to - 1} from {@code clients} clients; with a rate, batch
     * {@code b} is due at {@code begin + (b - from) x 1,000 / rate} seconds (open loop) and its
     * latency counts from then, else each client sends its next batch once the last is answered.
     */
    void send(int from, int to, int clients, long begin, double rate) throws Exception {
      AtomicInteger next = new AtomicInteger(from);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        Future<?>[] running = new Future<?>[clients];
        for (int c = 0; c < clients; c++) {
          running[c] =
              pool.submit(
                  () -> {
                    for (int b = next.getAndIncrement(); b < to; b = next.getAndIncrement()) {
                      String body =
                          String.join(
                              "\n", Arrays.asList(rows).subList(b * BATCH, (b + 1) * BATCH));
                      HttpRequest request =
                          HttpRequest.newBuilder(uri)
                              .timeout(Duration.ofSeconds(60))
                              .header("Authorization", "Bearer " + TOKEN)
                              .header("Content-Type", "text/tab-separated-values")
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build();
                      long sent = System.nanoTime();
                      if (rate > 0) {
                        // open loop: wait for the batch's slot in the schedule, and count the
                        // latency from it
                        long due = begin + (long) ((b - from) * (BATCH * 1e9 / rate));
                        long wait = due - sent;
                        if (wait > 0) {
                          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        sent = due;
                      }
                      sentAt[b] = System.nanoTime();
                      HttpResponse<String> r =
                          http.send(request, HttpResponse.BodyHandlers.ofString());
                      long now = System.nanoTime();
                      if (r.statusCode() != 202) {
                        throw new IllegalStateException(
                            "batch " + b + ": HTTP " + r.statusCode() + " " + r.body());
                      }
                      latencyNanos[b] = now - sent;
                      doneAt[b] = now;
                    }
                    return null;
                  });
        }
        for (Future<?> f : running) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  /** Seconds of the run per line of the {@link #timeline}. */
  static final double TIMELINE_SECONDS = 5;

  /**
   * Where the acknowledgement time of the batches went, by when they were due: one line per {@link
   * #TIMELINE_SECONDS} of the schedule (in a closed loop, of sending), with the batches due in it,
   * the mean and largest time a batch waited for a free client after it was due (the backlog on the
   * client side: every client had a batch in flight), the mean and largest time from sending to the
   * 202 (the server: HTTP, the asks to the cell twins, the journal write), and the rows per second
   * acknowledged in the window.
   *
   * @param sentAt when each batch was sent (nanoTime)
   * @param latency each batch's time from due to acknowledged, nanoseconds
   * @param doneAt when each batch was acknowledged (nanoTime)
   * @param begin when sending began (nanoTime)
   * @param rate the offered rows per second, 0 for a closed loop
   * @param batchRows rows per batch
   * @return the table, one line per window, with a header
   */
  static String timeline(
      long[] sentAt, long[] latency, long[] doneAt, long begin, double rate, int batchRows) {
    long window = (long) (TIMELINE_SECONDS * 1e9);
    int windows = 0;
    for (int b = 0; b < sentAt.length; b++) {
      windows = Math.max(windows, (int) ((doneAt[b] - begin) / window) + 1);
    }
    int[] count = new int[windows];
    double[] waitSum = new double[windows];
    double[] waitMax = new double[windows];
    double[] serverSum = new double[windows];
    double[] serverMax = new double[windows];
    int[] acked = new int[windows];
    for (int b = 0; b < sentAt.length; b++) {
      long due = doneAt[b] - latency[b];
      int w = (int) ((due - begin) / window);
      double wait = Math.max(0, sentAt[b] - due) / 1e6;
      double server = (doneAt[b] - sentAt[b]) / 1e6;
      count[w]++;
      waitSum[w] += wait;
      waitMax[w] = Math.max(waitMax[w], wait);
      serverSum[w] += server;
      serverMax[w] = Math.max(serverMax[w], server);
      acked[(int) ((doneAt[b] - begin) / window)]++;
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "timeline (%s, %.0f s windows): from_s batches client_wait_mean_ms client_wait_max_ms"
                + " server_mean_ms server_max_ms acked_rows_per_s%n",
            rate > 0 ? "by due time" : "by sending time",
            TIMELINE_SECONDS));
    for (int w = 0; w < windows; w++) {
      out.append(
          String.format(
              Locale.ROOT,
              "%.0f %d %.1f %.1f %.1f %.1f %.0f%n",
              w * TIMELINE_SECONDS,
              count[w],
              count[w] == 0 ? 0 : waitSum[w] / count[w],
              waitMax[w],
              count[w] == 0 ? 0 : serverSum[w] / count[w],
              serverMax[w],
              acked[w] * (double) batchRows / TIMELINE_SECONDS));
    }
    return out.toString();
  }

  /**
   * The rows per second acknowledged in the measured window: from the last warm-up batch's
   * acknowledgement to the end, counting the batches acknowledged inside it.
   *
   * @param doneAt each batch's acknowledgement time (nanoTime)
   * @param warmup the number of warm-up batches (the first ones)
   * @param begin when sending began (nanoTime)
   * @param end when the last batch was acknowledged (nanoTime)
   * @param batchRows rows per batch
   * @return rows per second
   */
  static double measuredRate(long[] doneAt, int warmup, long begin, long end, int batchRows) {
    long warmEnd = begin;
    for (int b = 0; b < warmup; b++) {
      warmEnd = Math.max(warmEnd, doneAt[b]);
    }
    long measuredRows = 0;
    for (long done : doneAt) {
      if (done > warmEnd) {
        measuredRows += batchRows;
      }
    }
    return measuredRows / ((end - warmEnd) / 1e9);
  }

  /**
   * One day of raw rows for cells 1..n, tab-separated as in the Milan files (cell, time, country
   * code, sms in, sms out, call in, call out, internet), in time or file order; cut to whole
   * batches.
   */
  static String[] rows(int n, boolean timeOrder, long seed) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    // codes per (cell, slot): 1 to 6, about 3.9 on average as in the real files
    byte[][] codes = new byte[n][144];
    int total = 0;
    for (int cell = 0; cell < n; cell++) {
      for (int t = 0; t < 144; t++) {
        codes[cell][t] = (byte) (1 + rng.nextInt(6));
        total += codes[cell][t];
      }
    }
    String[] out = new String[total / BATCH * BATCH];
    int i = 0;
    int outer = timeOrder ? 144 : n;
    int inner = timeOrder ? n : 144;
    for (int a = 0; a < outer && i < out.length; a++) {
      for (int b = 0; b < inner && i < out.length; b++) {
        int cell = timeOrder ? b : a;
        int t = timeOrder ? a : b;
        for (int k = 0; k < codes[cell][t] && i < out.length; k++) {
          out[i++] =
              (cell + 1)
                  + "\t"
                  + (DAY + t * SLOT)
                  + "\t"
                  + CODES[k]
                  + "\t"
                  + rng.nextDouble()
                  + "\t"
                  + rng.nextDouble()
                  + "\t"
                  + rng.nextDouble()
                  + "\t"
                  + rng.nextDouble()
                  + "\t"
                  + rng.nextDouble() * 50;
        }
      }
    }
    return out;
  }
}
