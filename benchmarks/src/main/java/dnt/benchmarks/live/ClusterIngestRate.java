package dnt.benchmarks.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of {@link HttpIngestRate} against {@code dnt serve} processes that are already
 * running (one, or the nodes of a cluster), for issue 14's overhead benchmark ({@code
 * benchmarks/cluster-overhead.sh} starts the servers and runs this once per configuration). The
 * same rows (one day of {@code cells} cells, seed 42, batches of 1,000, {@code time} or {@code
 * file} order), the same closed loop of {@code clients} concurrent senders, the first tenth of the
 * batches a warm-up; batch {@code b} goes to node {@code b mod n}, so every node takes its share of
 * the HTTP work and routes its rows to the cell twins wherever they live.
 *
 * <p>A batch answered 503 (the API's retryable error: the twin did not answer in time) is sent
 * again, up to 3 times, its latency counting from the first attempt; the retries are printed.
 * Besides the rate and the acknowledgement latency it prints, over the whole run (warm-up
 * included): the CPU time the server processes used per row ({@link ProcessHandle}'s total CPU time
 * of the given process ids, before and after), the cell-twin commands per row (one {@code Observe}
 * per distinct cell of a batch, each answered by one {@code Ack}: counted from the rows sent), and
 * the messages and bytes the nodes sent each other per row (the sum over the nodes of {@code
 * remoteSent} in {@code GET /api/v1/cluster}, after minus before: every message through Pekko's
 * Artery transport, gossip and heartbeats included).
 *
 * <p>Arguments: the nodes' base URLs, comma-separated ({@code http://127.0.0.1:8080,...}); a file
 * whose first line is an operator token; cells; clients; order; the server process ids,
 * comma-separated, or {@code -} to skip the CPU count; a label printed with the results.
 */
public final class ClusterIngestRate {
  private static final int BATCH = 1000;
  private static final int RETRIES = 3;
  private static final Pattern REMOTE =
      Pattern.compile("\"remoteSent\":\\{\"messages\":(\\d+),\"bytes\":(\\d+)}");

  private ClusterIngestRate() {}

  /**
   * Runs the measurement.
   *
   * @param args URLs, token file, cells, clients, order, process ids, label
   * @throws Exception if a node refuses a batch or cannot be reached
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      throw new IllegalArgumentException(
          "usage: ClusterIngestRate URLS TOKEN_FILE CELLS CLIENTS time|file PIDS|- LABEL");
    }
    List<URI> nodes = new ArrayList<>();
    for (String u : args[0].split(",", -1)) {
      nodes.add(URI.create(u.strip()));
    }
    String token = Files.readAllLines(Path.of(args[1])).get(0).strip();
    int cells = Integer.parseInt(args[2]);
    int clients = Integer.parseInt(args[3]);
    boolean timeOrder = args[4].equals("time");
    List<ProcessHandle> servers = new ArrayList<>();
    if (!args[5].equals("-")) {
      for (String p : args[5].split(",", -1)) {
        servers.add(
            ProcessHandle.of(Long.parseLong(p.strip()))
                .orElseThrow(() -> new IllegalArgumentException("no process " + p)));
      }
    }
    String label = args[6];

    String[] rows = HttpIngestRate.rows(cells, timeOrder, 42);
    int batches = rows.length / BATCH;
    int warmup = batches / 10;
    long commands = 0;
    for (int b = 0; b < batches; b++) {
      Set<String> distinct = new HashSet<>();
      for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
        distinct.add(rows[i].substring(0, rows[i].indexOf('\t')));
      }
      commands += distinct.size();
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long[] remoteBefore = remote(http, nodes, token);
    long cpuBefore = cpuNanos(servers);
    long[] latencyNanos = new long[batches];
    long[] doneAt = new long[batches];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      Future<?>[] running = new Future<?>[clients];
      for (int c = 0; c < clients; c++) {
        running[c] =
            pool.submit(
                () -> {
                  for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    String body =
                        String.join("\n", Arrays.asList(rows).subList(b * BATCH, (b + 1) * BATCH));
                    HttpRequest request =
                        HttpRequest.newBuilder(
                                nodes.get(b % nodes.size()).resolve("/api/v1/telemetry"))
                            .timeout(Duration.ofMinutes(2))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "text/tab-separated-values")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long sent = System.nanoTime();
                    HttpResponse<String> r =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    // 503 is the API's retryable answer (a row sent again replaces itself): sent
                    // again, the latency counting from the first attempt, the retries reported
                    for (int a = 1; r.statusCode() == 503 && a <= RETRIES; a++) {
                      retries.incrementAndGet();
                      r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    }
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
    long end = System.nanoTime();
    long cpuAfter = cpuNanos(servers);
    long[] remoteAfter = remote(http, nodes, token);
    long[] measured = Arrays.copyOfRange(latencyNanos, warmup, batches);
    Arrays.sort(measured);
    long all = (long) batches * BATCH;
    System.out.printf(
        Locale.ROOT,
        "%s: %d node(s), %d cells, %s order, %d batches of %d rows (%d warm-up), %d clients%n"
            + "  rate %.0f rows/s, ack latency p50 %.1f ms, p99 %.1f ms; all rows in %.1f s;"
            + " %d batch(es) sent again after a 503%n"
            + "  server CPU %s per row (%s s for %d rows, %d process(es))%n"
            + "  cell-twin commands %.4f per row (each answered by one Ack)%n"
            + "  remote messages %.4f per row, %.1f bytes per row (%d messages, %d bytes sent"
            + " between nodes)%n"
            + "  load average %s%n",
        label,
        nodes.size(),
        cells,
        timeOrder ? "time" : "file",
        batches,
        BATCH,
        warmup,
        clients,
        HttpIngestRate.measuredRate(doneAt, warmup, begin, end, BATCH),
        LiveIngestRate.percentile(measured, 0.50) / 1e6,
        LiveIngestRate.percentile(measured, 0.99) / 1e6,
        (end - begin) / 1e9,
        retries.get(),
        servers.isEmpty()
            ? "n/a"
            : String.format(Locale.ROOT, "%.1f us", (cpuAfter - cpuBefore) / 1e3 / all),
        servers.isEmpty()
            ? "n/a"
            : String.format(Locale.ROOT, "%.1f", (cpuAfter - cpuBefore) / 1e9),
        all,
        servers.size(),
        (double) commands / all,
        (double) (remoteAfter[0] - remoteBefore[0]) / all,
        (double) (remoteAfter[1] - remoteBefore[1]) / all,
        remoteAfter[0] - remoteBefore[0],
        remoteAfter[1] - remoteBefore[1],
        Files.readString(Path.of("/proc/loadavg")).strip());
  }

  /** The CPU time the processes used so far, ns. */
  private static long cpuNanos(List<ProcessHandle> servers) {
    long sum = 0;
    for (ProcessHandle p : servers) {
      sum +=
          p.info()
              .totalCpuDuration()
              .orElseThrow(() -> new IllegalStateException("no CPU time for process " + p.pid()))
              .toNanos();
    }
    return sum;
  }

  /** Messages and bytes the nodes have sent each other so far, summed over the nodes. */
  private static long[] remote(HttpClient http, List<URI> nodes, String token)
      throws IOException, InterruptedException {
    long[] sum = new long[2];
    for (URI node : nodes) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(node.resolve("/api/v1/cluster"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = REMOTE.matcher(r.body());
      if (r.statusCode() != 200 || !m.find()) {
        throw new IllegalStateException(
            node + "/api/v1/cluster: HTTP " + r.statusCode() + " without remoteSent: " + r.body());
      }
      sum[0] += Long.parseLong(m.group(1));
      sum[1] += Long.parseLong(m.group(2));
    }
    return sum;
  }
}
