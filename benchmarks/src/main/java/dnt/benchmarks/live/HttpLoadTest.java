package dnt.benchmarks.live;

import dnt.data.milan.MilanSubset;
import dnt.data.raw.RawRow;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import dnt.live.replay.ReplaySource;
import dnt.live.replay.SlotRows;
import dnt.serve.DntServer;
import dnt.serve.RateLimits;
import dnt.serve.ServerSettings;
import dnt.serve.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/**
 * The bounded load test of {@code dnt serve} (issue 13): a fixed number of concurrent clients (100
 * by default) on 127.0.0.1, each sending its next request once the last one is answered, against a
 * {@link DntServer} in front of the Pekko runtime as {@code dnt serve} runs it (embedded H2
 * journal, integrity check, forecasting on, the radio twin of Milan with 10,000 users), holding the
 * first day of the bundled 25-cell subset. Three phases of equal length, one per route, all clients
 * on that route:
 *
 * <ol>
 *   <li>{@code layer}: {@code GET /api/v1/layers/traffic}, the map's 10,000 values;
 *   <li>{@code cell}: {@code GET /api/v1/cells/{id}/traffic} of one day at 10 minutes (144 rows),
 *       for a cell of the subset drawn at random;
 *   <li>{@code telemetry}: {@code POST /api/v1/telemetry} of one slot of the 25 cells (25 rows in
 *       the export CSV), a slot of the held day drawn at random, so each batch replaces rows the
 *       twin holds (and never completes a second day, which would start the forecasters' training).
 * </ol>
 *
 * <p>Per phase it prints the requests answered in the measured window (the phase less its first
 * tenth, a warm-up), the requests per second, the median, 99th percentile and largest latency from
 * sending a request to reading its whole answer, and the non-2xx answers (any makes the run fail).
 * The rate limits are off (a single token's 100 clients are far above the default of 200 requests a
 * second), and the clients share the machine with the server. A single-shot measurement, not a JMH
 * benchmark:
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Xmx4g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.HttpLoadTest /tmp/dnt-load 100 60
 * }
 *
 * <p>Arguments: a state folder (must not exist; deleted at the end), the clients, and the whole
 * run's seconds (at most {@value #MAX_SECONDS}, split evenly over the three phases).
 */
public final class HttpLoadTest {
  /** The longest run. */
  static final int MAX_SECONDS = 60;

  private static final String VIEWER = "load-test-viewer-token-0123456789";
  private static final String OPERATOR = "load-test-operator-token-0123456789";
  private static final int SLOTS_PER_DAY = 144;

  private HttpLoadTest() {}

  /**
   * One phase's outcome.
   *
   * @param route the route's name
   * @param requests requests answered in the measured window
   * @param seconds the measured window
   * @param latencyNanos each measured request's latency, sorted
   * @param failures non-2xx answers or failed requests over the whole phase
   * @param firstFailure the first of them, or empty
   */
  record Phase(
      String route,
      long requests,
      double seconds,
      long[] latencyNanos,
      long failures,
      String firstFailure) {
    String line() {
      return String.format(
          Locale.ROOT,
          "%-9s %9d %8.1f %10.1f %9.1f %9.1f %9.1f %8d",
          route,
          requests,
          seconds,
          requests / seconds,
          ms(LiveIngestRate.percentile(latencyNanos, 0.50)),
          ms(LiveIngestRate.percentile(latencyNanos, 0.99)),
          ms((double) latencyNanos[latencyNanos.length - 1]),
          failures);
    }

    private static double ms(double nanos) {
      return nanos / 1e6;
    }
  }

  /**
   * Runs the load test.
   *
   * @param args state folder, clients, seconds
   * @throws Exception if the server cannot start or a request fails
   */
  public static void main(String[] args) throws Exception {
    Path state = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-load");
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : MAX_SECONDS;
    if (clients < 1 || seconds < 3 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "give at least 1 client and 3 to "
              + MAX_SECONDS
              + " seconds; got "
              + clients
              + ", "
              + seconds);
    }
    if (Files.exists(state)) {
      throw new IllegalArgumentException("the state folder " + state + " exists; give a new one");
    }
    Files.createDirectories(state);
    Path tokens =
        Files.writeString(
            state.resolve("tokens"), "viewer " + VIEWER + "\noperator " + OPERATOR + "\n");
    List<SlotRows> day = firstDay();
    LiveSettings settings =
        LiveSettings.defaults(state.resolve("twin")).withRadio(RadioSettings.milan(10_000, 1));
    long begin = System.nanoTime();
    try (LiveTwin twin = LiveTwins.start(settings);
        DntServer server =
            DntServer.start(
                twin,
                ServerSettings.of(TokenStore.read(tokens))
                    .withAddress("127.0.0.1", 0)
                    .withRateLimits(RateLimits.OFF))) {
      for (SlotRows slot : day) {
        twin.ingest(slot.rows()).toCompletableFuture().join();
      }
      System.out.printf(
          Locale.ROOT,
          "twin and server started and the first day of the subset (%d rows) ingested in %.1f"
              + " s%n",
          day.size() * MilanSubset.CELLS,
          (System.nanoTime() - begin) / 1e9);
      URI base = server.url();
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      long phaseNanos = seconds * 1_000_000_000L / 3;
      // the held day, 2013-11-01 in Milan (MilanSubset.START_MILLIS)
      String from = "2013-11-01";
      String to = "2013-11-02";
      List<String> cells = MilanSubset.cells().stream().map(c -> "" + c.value()).toList();
      List<Phase> phases = new ArrayList<>();
      HttpRequest layer = get(base + "/layers/traffic");
      phases.add(phase("layer", http, clients, phaseNanos, c -> () -> layer));
      phases.add(
          phase(
              "cell",
              http,
              clients,
              phaseNanos,
              c -> {
                RandomGenerator rng = rng(c);
                return () ->
                    get(
                        base
                            + "/cells/"
                            + cells.get(rng.nextInt(cells.size()))
                            + "/traffic?from="
                            + from
                            + "&to="
                            + to);
              }));
      List<String> bodies = day.stream().map(HttpLoadTest::body).toList();
      phases.add(
          phase(
              "telemetry",
              http,
              clients,
              phaseNanos,
              c -> {
                RandomGenerator rng = rng(1000 + c);
                return () ->
                    HttpRequest.newBuilder(URI.create(base + "/telemetry"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + OPERATOR)
                        .header("Content-Type", "text/tab-separated-values")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                bodies.get(rng.nextInt(bodies.size()))))
                        .build();
              }));
      System.out.printf(
          Locale.ROOT,
          "%d clients on 127.0.0.1, %d s in all (three phases of %.1f s, the first tenth of each a"
              + " warm-up), rate limits off%n",
          clients,
          seconds,
          phaseNanos / 1e9);
      System.out.println(
          "route      requests  seconds  req/s      p50 ms    p99 ms    max ms   non-2xx");
      long failures = 0;
      for (Phase p : phases) {
        System.out.println(p.line());
        failures += p.failures();
      }
      System.out.println("load average " + Files.readString(Path.of("/proc/loadavg")).strip());
      if (failures > 0) {
        for (Phase p : phases) {
          if (p.failures() > 0) {
            System.out.println(p.route() + ": first failure: " + p.firstFailure());
          }
        }
        throw new IllegalStateException(failures + " requests failed");
      }
    } finally {
      LiveIngestRate.deleteTree(state);
    }
  }

  /** Makes a client's next request. */
  @FunctionalInterface
  private interface Requests {
    HttpRequest next();
  }

  private static HttpRequest get(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + VIEWER)
        .GET()
        .build();
  }

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /**
   * One phase: every client sends its requests back to back until the phase's end; latencies of
   * requests sent after the warm-up (the first tenth) count.
   */
  private static Phase phase(
      String route, HttpClient http, int clients, long phaseNanos, IntFunction<Requests> requests)
      throws Exception {
    long start = System.nanoTime();
    long warm = start + phaseNanos / 10;
    long end = start + phaseNanos;
    AtomicLong failures = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> results = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        Requests next = requests.apply(c);
        results.add(
            pool.submit(
                () -> {
                  long[] lat = new long[1024];
                  int n = 0;
                  while (System.nanoTime() < end) {
                    HttpRequest request = next.next();
                    long sent = System.nanoTime();
                    @Nullable String problem;
                    try {
                      HttpResponse<byte[]> r =
                          http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                      problem =
                          r.statusCode() / 100 == 2
                              ? null
                              : "HTTP "
                                  + r.statusCode()
                                  + " "
                                  + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                      problem = e.toString();
                    }
                    long now = System.nanoTime();
                    if (problem != null) {
                      if (failures.getAndIncrement() == 0) {
                        firstFailure.set(problem);
                      }
                      continue;
                    }
                    if (sent >= warm && now <= end) {
                      if (n == lat.length) {
                        lat = Arrays.copyOf(lat, 2 * n);
                      }
                      lat[n++] = now - sent;
                    }
                  }
                  return Arrays.copyOf(lat, n);
                }));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> f : results) {
        all.add(f.get());
      }
      long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      if (merged.length == 0) {
        throw new IllegalStateException(
            route + ": no request was answered in the measured window; " + firstFailure.get());
      }
      return new Phase(
          route,
          merged.length,
          (end - warm) / 1e9,
          merged,
          failures.get(),
          String.valueOf(firstFailure.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  /** The first day of the bundled subset, slot by slot (25 rows each). */
  private static List<SlotRows> firstDay() {
    List<SlotRows> day = new ArrayList<>();
    Iterator<SlotRows> slots = ReplaySource.bundledSubset().slots();
    while (day.size() < SLOTS_PER_DAY && slots.hasNext()) {
      day.add(slots.next());
    }
    return day;
  }

  /**
   * A slot's rows as a telemetry body: the export CSV ({@code dnt data export}'s layout, which the
   * API takes for rows already summed over country codes, as the subset's are).
   */
  private static String body(SlotRows slot) {
    StringBuilder sb = new StringBuilder("cell,time,smsin,smsout,callin,callout,internet\n");
    for (RawRow r : slot.rows()) {
      sb.append(r.cell()).append(',').append(r.timeMillis());
      for (double v : new double[] {r.smsIn(), r.smsOut(), r.callIn(), r.callOut(), r.internet()}) {
        sb.append(',').append(v);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
