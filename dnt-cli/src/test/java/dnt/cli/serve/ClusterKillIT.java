package dnt.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-node cluster of separate {@code dnt serve} processes (the packaged jar, as {@code ./dnt} runs
 * it) on one PostgreSQL journal, one node killed with SIGKILL (docs/cluster.md, "Downing"): the two
 * survivors down it (the split-brain resolver keeps the majority), the killed node's cell twins
 * restart on them from the journal, every row acknowledged before the kill reads back through both
 * survivors, and new telemetry for those cells is accepted. Needs the database of {@code
 * .ci/postgres.sh} (skipped, saying so, without it); each run uses a schema of its own and drops
 * it.
 */
final class ClusterKillIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "admin-token-0123456789abcdef";

  /** 2013-11-01 00:00 Milan time, the first slot of the bundled subset. */
  private static final long T0 = 1_383_260_400_000L;

  private static final long SLOT = 600_000L;

  /** Milan cells spread over many shards (a shard is a hash of the cell id). */
  private static final int[] CELLS =
      java.util.stream.IntStream.range(0, 24).map(i -> 4000 + 37 * i).toArray();

  private static final int SLOTS = 6;

  @TempDir Path dir;

  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String schema = "";
  private String url = "";
  private String user = "";
  private String password = "";

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (!schema.isEmpty()) {
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private Process start(Path state, int port, int nodePort, String seeds, Path tokens, Path pw)
      throws IOException {
    Path jar = Path.of(System.getProperty("dnt.cli.jar", "target/dnt-cli.jar"));
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-jar",
            jar.toString(),
            "serve",
            "--state",
            state.toString(),
            "--port",
            Integer.toString(port),
            "--node-port",
            Integer.toString(nodePort),
            "--seed-nodes",
            seeds,
            "--journal-url",
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
            "--journal-user",
            user,
            "--journal-password-file",
            pw.toString(),
            "--tokens",
            tokens.toString(),
            "--replay",
            "off",
            "--radio",
            "off",
            "--forecast",
            "off");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(state.resolveSibling(state.getFileName() + ".log").toFile())
            .start();
    processes.add(p);
    return p;
  }

  private String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        String text = Files.readString(f);
        sb.append("\n--- ")
            .append(f.getFileName())
            .append('\n')
            .append(text.length() > 3000 ? text.substring(text.length() - 3000) : text);
      }
    }
    return sb.toString();
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/telemetry"))
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The cluster as a node sees it, or null while the node does not answer. */
  private @Nullable JsonNode cluster(int port) throws InterruptedException {
    try {
      HttpResponse<String> r = get(port, "/cluster");
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static long up(JsonNode cluster) {
    long n = 0;
    for (JsonNode m : cluster.get("members")) {
      if (m.get("status").asText().equals("Up")) {
        n++;
      }
    }
    return n;
  }

  /** Cell twins each node hosts, by address. */
  private static java.util.Map<String, Integer> cellsPerNode(JsonNode cluster) {
    java.util.Map<String, Integer> per = new java.util.TreeMap<>();
    for (JsonNode type : cluster.get("entityTypes")) {
      if (type.get("name").asText().equals("cell")) {
        for (JsonNode node : type.get("nodes")) {
          int n = 0;
          for (JsonNode shard : node.get("shards")) {
            n += shard.get("entities").asInt();
          }
          per.put(node.get("address").asText(), n);
        }
      }
    }
    return per;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private void await(String what, Duration limit, Check check) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.holds()) {
      assertThat(System.nanoTime())
          .as("%s within %d s; node logs:%s", what, limit.toSeconds(), logs())
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** One slot of every cell: internet activity cell + slot / 8 (exact in binary). */
  private static String batch(int slot) {
    StringBuilder sb = new StringBuilder();
    for (int cell : CELLS) {
      sb.append(cell)
          .append('\t')
          .append(T0 + slot * SLOT)
          .append("\t39\t\t\t\t\t")
          .append(cell + slot / 8.0)
          .append('\n');
    }
    return sb.toString();
  }

  /** Every cell's first {@code slots} slots read through a node equal what was sent. */
  private void readsBack(int port, int slots, String when) throws Exception {
    for (int cell : CELLS) {
      HttpResponse<String> r =
          get(port, "/cells/" + cell + "/traffic?from=2013-11-01&to=2013-11-02");
      assertThat(r.statusCode()).as("cell %d %s: %s", cell, when, r.body()).isEqualTo(200);
      List<String> lines = r.body().lines().toList();
      assertThat(lines.get(0)).isEqualTo("cell,time,smsin,smsout,callin,callout,internet");
      for (int slot = 0; slot < 144; slot++) {
        String[] f = lines.get(1 + slot).split(",", -1);
        assertThat(Long.parseLong(f[1])).isEqualTo(T0 + slot * SLOT);
        double expected = slot < slots ? cell + slot / 8.0 : 0.0;
        assertThat(Double.parseDouble(f[6]))
            .as("cell %d slot %d %s", cell, slot, when)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aNodeKilledWithSigkillIsDownedAndItsCellsReadBackFromTheSurvivors() throws Exception {
    url = System.getenv().getOrDefault("DNT_TEST_PG_URL", "");
    user = System.getenv().getOrDefault("DNT_TEST_PG_USER", "");
    String file = System.getenv().getOrDefault("DNT_TEST_PG_PASSWORD_FILE", "");
    assumeTrue(
        !url.isEmpty() && !user.isEmpty() && !file.isEmpty(),
        "no PostgreSQL for this test: DNT_TEST_PG_URL, DNT_TEST_PG_USER and"
            + " DNT_TEST_PG_PASSWORD_FILE are unset (.ci/postgres.sh sets them)");
    Path pw = Path.of(file);
    password = Files.readAllLines(pw, StandardCharsets.UTF_8).get(0).strip();
    String fresh = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + fresh);
    }
    schema = fresh;
    Path tokens = Files.writeString(dir.resolve("tokens.txt"), "admin " + TOKEN + "\n");

    int[] http = freePorts(3);
    int[] nodes = freePorts(3);
    String seeds = "127.0.0.1:" + nodes[0] + ",127.0.0.1:" + nodes[1];
    Process[] p = new Process[3];
    for (int i = 0; i < 3; i++) {
      p[i] = start(dir.resolve("node-" + i), http[i], nodes[i], seeds, tokens, pw);
    }
    int a = http[0];
    int b = http[1];
    int c = http[2];
    String addressB = "pekko://dnt-live@127.0.0.1:" + nodes[1];
    await(
        "three members up, seen by C",
        Duration.ofSeconds(180),
        () -> {
          JsonNode s = cluster(c);
          return s != null && up(s) == 3;
        });
    await(
        "A and B answering",
        Duration.ofSeconds(60),
        () -> cluster(a) != null && cluster(b) != null);

    for (int slot = 0; slot < SLOTS; slot++) {
      HttpResponse<String> r = post(a, batch(slot));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
    readsBack(c, SLOTS, "through C before the kill");
    // B must hold cell twins for the kill to mean anything; sharding spreads the shards over the
    // three nodes (a rebalancing round every 10 s moves them if B registered late)
    await(
        "B hosting cell twins",
        Duration.ofSeconds(90),
        () -> {
          JsonNode s = cluster(c);
          return s != null && cellsPerNode(s).getOrDefault(addressB, 0) > 0;
        });

    // telemetry keeps arriving at A while B is killed: each batch is acknowledged (then durable) or
    // refused with 503 (then safe to send again), never lost once acknowledged
    int during = 8;
    var status = new java.util.concurrent.atomic.AtomicIntegerArray(during); // 0 until answered
    Thread sender =
        new Thread(
            () -> {
              for (int k = 0; k < during; k++) {
                try {
                  status.set(k, post(a, batch(SLOTS + k)).statusCode());
                  Thread.sleep(300);
                } catch (IOException e) {
                  status.set(k, -1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "telemetry-during-the-kill");
    sender.start();
    // the kill falls after the first batch is acknowledged, among the next ones
    await("the first batch answered", Duration.ofSeconds(60), () -> status.get(0) != 0);
    assertThat(status.get(0)).as("the batch before the kill").isEqualTo(202);
    p[1].destroyForcibly(); // SIGKILL: no coordinated shutdown, no hand-off of shards
    assertThat(p[1].waitFor(30, TimeUnit.SECONDS)).isTrue();
    // the failure detector marks B unreachable, and once the membership has been stable for 10 s
    // the resolver on the majority side (A and C) downs it
    await(
        "B downed, two members left, seen by C",
        Duration.ofSeconds(120),
        () -> {
          JsonNode s = cluster(c);
          if (s == null) {
            return false;
          }
          for (JsonNode m : s.get("members")) {
            if (m.get("address").asText().equals(addressB)) {
              return false;
            }
          }
          return up(s) == 2;
        });
    sender.join(TimeUnit.MINUTES.toMillis(5));
    assertThat(sender.isAlive()).as("the sender finished").isFalse();
    for (int k = 0; k < during; k++) {
      assertThat(status.get(k)).as("batch %d during the kill: 202 or 503", k).isIn(202, 503);
      if (status.get(k) != 202) {
        HttpResponse<String> again = post(a, batch(SLOTS + k));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
      }
    }
    int sent = SLOTS + during;
    // B's cell twins restart on A and C from the journal when first asked for
    readsBack(c, sent, "through C after the kill");
    readsBack(a, sent, "through A after the kill");
    JsonNode after = cluster(c);
    assertThat(after).isNotNull();
    assertThat(cellsPerNode(after)).doesNotContainKey(addressB);
    assertThat(cellsPerNode(after).values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(CELLS.length);

    // and the survivors take new telemetry for every cell, B's included
    HttpResponse<String> more = post(c, batch(sent));
    assertThat(more.statusCode()).as(more.body()).isEqualTo(202);
    readsBack(a, sent + 1, "through A after a batch sent to C");
  }
}
