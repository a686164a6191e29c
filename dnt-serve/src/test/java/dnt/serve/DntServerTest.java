package dnt.serve;

import static dnt.serve.Fixtures.ADMIN;
import static dnt.serve.Fixtures.OPERATOR;
import static dnt.serve.Fixtures.SLOT;
import static dnt.serve.Fixtures.T0;
import static dnt.serve.Fixtures.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.InvalidInputException;
import dnt.data.raw.RawRow;
import dnt.live.IngestReceipt;
import dnt.live.TwinStatus;
import dnt.live.memory.InMemoryLiveTwin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every status code of the contract, over real HTTP against a server on a free port. */
final class DntServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRAFFIC = "/api/v1/cells/%d/traffic?from=%s&to=%s";

  @TempDir Path dir;
  private InMemoryLiveTwin twin;
  private DntServer server;
  private Http http;
  private final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    twin = Fixtures.twin();
    server = DntServer.start(twin, Fixtures.settings(dir).withAccessLog(accessLog::add));
    http = Http.of(server);
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ofSeconds(5));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static String raw(int cell, long time, int cc, double internet) {
    return cell + "\t" + time + "\t" + cc + "\t\t\t\t\t" + internet + "\n";
  }

  @Test
  void healthNeedsNoTokenAndIs503WhenTheTwinIsNotReady() throws Exception {
    HttpResponse<String> ok = http.get("/api/v1/health", null);
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode body = json(ok);
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("cells").asInt()).isEqualTo(100);
    assertThat(body.get("replay").isNull()).isTrue();
    twin.close();
    HttpResponse<String> down = http.get("/api/v1/health", null);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(json(down).get("ready").asBoolean()).isFalse();
  }

  /** A twin whose cell twins are still starting in the background after a restart. */
  private static final class StartingTwin extends DelegatingTwin {
    @Override
    public TwinStatus status() {
      return new TwinStatus(true, 100, 40, 70, 30);
    }
  }

  @Test
  void healthShowsTheBackgroundStartOfTheCellTwins() throws Exception {
    server.stop(Duration.ofSeconds(5));
    server = DntServer.start(new StartingTwin(), Fixtures.settings(dir));
    HttpResponse<String> r = Http.of(server).get("/api/v1/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("cellTwinsToStart").asInt()).isEqualTo(70);
    assertThat(body.get("cellTwinsStarted").asInt()).isEqualTo(30);
  }

  @Test
  void telemetryIsAcceptedWith202AndCountsReplacements() throws Exception {
    String body = raw(5, T0, 39, 1.5) + raw(5, T0, 33, 2.5);
    HttpResponse<String> first = http.post("/api/v1/telemetry", OPERATOR, body);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json(first).get("accepted").asInt()).isEqualTo(2);
    HttpResponse<String> again = http.post("/api/v1/telemetry", ADMIN, body);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("replaced").asInt()).isEqualTo(2);
    assertThat(twin.status().rowsAccepted()).isEqualTo(4);
  }

  @Test
  void withoutAValidTokenTelemetryIs401AndForAViewer403() throws Exception {
    String body = raw(5, T0, 39, 1);
    HttpResponse<String> none = http.post("/api/v1/telemetry", null, body);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(none).get("error").asText()).startsWith("Authorization:");
    assertThat(http.post("/api/v1/telemetry", "not-a-token-at-all-xxxx", body).statusCode())
        .isEqualTo(401);
    HttpResponse<String> viewer = http.post("/api/v1/telemetry", VIEWER, body);
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(json(viewer).get("error").asText()).contains("viewer");
    assertThat(twin.status().rowsAccepted()).isZero();
  }

  @Test
  void aMalformedBatchIs400ListingEveryBadLineAndNothingIsApplied() throws Exception {
    String body = raw(5, T0, 39, 1) + "5\t" + T0 + "\t39\tNaN\n" + raw(5, T0, 33, 1) + "5\tx\t39\n";
    HttpResponse<String> r = http.post("/api/v1/telemetry", OPERATOR, body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode j = json(r);
    assertThat(j.get("error").asText()).startsWith("body: 2 malformed rows");
    assertThat(j.get("errors")).hasSize(2);
    assertThat(j.get("errors").get(0).get("line").asInt()).isEqualTo(2);
    assertThat(j.get("errors").get(1).get("line").asInt()).isEqualTo(4);
    assertThat(j.get("errors").get(1).get("message").asText()).contains("time");
    assertThat(twin.status().rowsAccepted()).isZero();
  }

  @Test
  void aBatchTheTwinRefusesIs400WithItsMessageAndNothingIsApplied() throws Exception {
    HttpResponse<String> r =
        http.post("/api/v1/telemetry", OPERATOR, raw(5, T0, 39, 1) + raw(500, T0, 39, 1));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains("unknown cell 500");
    assertThat(twin.status().rowsAccepted()).isZero();
    long farAhead = T0 + Duration.ofDays(30).toMillis();
    HttpResponse<String> future = http.post("/api/v1/telemetry", OPERATOR, raw(5, farAhead, 39, 1));
    assertThat(future.statusCode()).isEqualTo(400);
  }

  @Test
  void anEmptyBatchIs400() throws Exception {
    HttpResponse<String> r = http.post("/api/v1/telemetry", OPERATOR, "\n");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).startsWith("body:");
  }

  @Test
  void aBodyOverTheLimitIs413AndNothingIsApplied() throws Exception {
    server.stop(Duration.ofSeconds(5));
    server = DntServer.start(twin, Fixtures.settings(dir).withMaxBodyBytes(100));
    http = Http.of(server);
    StringBuilder body = new StringBuilder();
    while (body.length() <= 100) {
      body.append(raw(5, T0, 39, 1));
    }
    HttpResponse<String> r = http.post("/api/v1/telemetry", OPERATOR, body.toString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).startsWith("body:").contains("100 bytes");
    assertThat(twin.status().rowsAccepted()).isZero();
    assertThat(http.post("/api/v1/telemetry", OPERATOR, raw(5, T0, 39, 1)).statusCode())
        .isEqualTo(202);
  }

  @Test
  void trafficIsTheExportCsvForAnyRole() throws Exception {
    http.post(
        "/api/v1/telemetry", OPERATOR, raw(7, T0 + SLOT, 39, 2.5) + raw(7, T0 + SLOT, 33, 0.25));
    HttpResponse<String> r =
        http.get(String.format(TRAFFIC, 7, "2013-11-01", "2013-11-01T00:30"), VIEWER);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(r.body())
        .isEqualTo(
            "cell,time,smsin,smsout,callin,callout,internet\n"
                + "7,"
                + T0
                + ",0.0,0.0,0.0,0.0,0.0\n"
                + "7,"
                + (T0 + SLOT)
                + ",0.0,0.0,0.0,0.0,2.75\n"
                + "7,"
                + (T0 + 2 * SLOT)
                + ",0.0,0.0,0.0,0.0,0.0\n");
  }

  @Test
  void trafficWithoutATokenIs401() throws Exception {
    HttpResponse<String> r = http.get(String.format(TRAFFIC, 7, "2013-11-01", "2013-11-02"), null);
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void badTrafficParametersAre400NamingTheField() throws Exception {
    record Case(String path, String field) {}
    List<Case> cases =
        List.of(
            new Case(String.format(TRAFFIC, 7, "2013-13-01", "2013-11-02"), "from: "),
            new Case("/api/v1/cells/7/traffic?from=2013-11-01", "to: "),
            new Case(String.format(TRAFFIC, 7, "2013-11-02", "2013-11-01"), "to: "),
            new Case(String.format(TRAFFIC, 7, "2013-11-01T00:05", "2013-11-02"), "from: "),
            new Case(
                String.format(TRAFFIC, 7, "2013-11-01", "2013-11-01T00:30") + "&resolution=hour",
                "to: "),
            new Case(
                String.format(TRAFFIC, 7, "2013-11-01", "2013-11-02") + "&resolution=day",
                "resolution: "),
            new Case(
                String.format(TRAFFIC, 7, "2013-11-01", "2013-11-02") + "&view=masked", "view: "),
            new Case(String.format(TRAFFIC, 7, "2013-11-01", "2015-11-02"), "to: "),
            new Case("/api/v1/cells/abc/traffic?from=2013-11-01&to=2013-11-02", "id: "),
            new Case("/api/v1/cells/0/traffic?from=2013-11-01&to=2013-11-02", "id: "));
    for (Case c : cases) {
      HttpResponse<String> r = http.get(c.path(), VIEWER);
      assertThat(r.statusCode()).as(c.path()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(c.path()).startsWith(c.field());
    }
  }

  @Test
  void anUnknownCellIs404() throws Exception {
    HttpResponse<String> r =
        http.get(String.format(TRAFFIC, 500, "2013-11-01", "2013-11-02"), VIEWER);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).startsWith("id: ").contains("500");
  }

  @Test
  void anUnknownRouteIs404Json() throws Exception {
    for (String path : List.of("/nope", "/api/v1/nope", "/api/v1/cells/7")) {
      HttpResponse<String> r = http.get(path, ADMIN);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(json(r).get("error").asText()).as(path).isEqualTo("no such route: GET " + path);
    }
    HttpResponse<String> wrongMethod = http.get("/api/v1/telemetry", ADMIN);
    assertThat(wrongMethod.statusCode()).isIn(404, 405);
    assertThat(json(wrongMethod).has("error")).isTrue();
  }

  @Test
  void tokensNeverReachTheLogOrStandardStreams() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      http.post("/api/v1/telemetry", OPERATOR, raw(5, T0, 39, 1));
      http.post("/api/v1/telemetry", VIEWER, raw(5, T0, 39, 1));
      http.post("/api/v1/telemetry", "wrong-token-0123456789abcdef", raw(5, T0, 39, 1));
      http.get(String.format(TRAFFIC, 5, "2013-11-01", "2013-11-02"), ADMIN);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(accessLog).hasSize(4);
    assertThat(accessLog.get(0)).startsWith("POST /api/v1/telemetry 202");
    String everything = String.join("\n", accessLog) + captured.toString(StandardCharsets.UTF_8);
    for (String token : List.of(OPERATOR, VIEWER, ADMIN, "wrong-token-0123456789abcdef")) {
      assertThat(everything).doesNotContain(token);
    }
  }

  @Test
  void aSecondServerOnTheSamePortIsRefusedWithOneSentence() {
    ServerSettings same = Fixtures.settings(dir).withAddress("127.0.0.1", server.port());
    assertThatThrownBy(() -> DntServer.start(twin, same))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(":" + server.port())
        .hasMessageContaining("in use");
  }

  /** A twin whose ingest waits for a latch, to hold a request in flight. */
  private static final class SlowTwin extends DelegatingTwin {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public CompletionStage<IngestReceipt> ingest(List<RawRow> rows) {
      entered.countDown();
      CompletableFuture<IngestReceipt> done = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  release.await();
                  done.complete(inner.ingest(rows).toCompletableFuture().join());
                } catch (InterruptedException e) {
                  done.completeExceptionally(e);
                }
              });
      t.start();
      return done;
    }
  }

  /** A twin whose cell twins answer past their ask timeout (overloaded). */
  private static final class OverloadedTwin extends DelegatingTwin {
    @Override
    public CompletionStage<IngestReceipt> ingest(List<RawRow> rows) {
      return CompletableFuture.failedFuture(
          new java.util.concurrent.TimeoutException("the twin did not answer within 30 s"));
    }
  }

  @Test
  void aTwinThatAnswersPastItsTimeoutIs503SayingThatSendingAgainIsSafe() throws Exception {
    server.stop(Duration.ofSeconds(5));
    server = DntServer.start(new OverloadedTwin(), Fixtures.settings(dir));
    HttpResponse<String> r = Http.of(server).post("/api/v1/telemetry", OPERATOR, raw(5, T0, 39, 1));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(json(r).get("error").asText())
        .isEqualTo(
            "the twin did not answer within 30 s; a batch may or may not have been applied, and"
                + " sending it again is safe");
  }

  /** A cluster node whose view of the alerts and the map misses a member that did not answer. */
  private static final class MemberMissingTwin extends DelegatingTwin {
    static final String NODE = "pekko://dnt-live@127.0.0.1:25521";

    private static <T> CompletionStage<T> missing(String view) {
      return CompletableFuture.failedFuture(
          new dnt.live.cluster.NodesUnavailableException(view, List.of(NODE), 5));
    }

    @Override
    public CompletionStage<List<dnt.core.CellId>> alerts() {
      return missing("the alerts");
    }

    @Override
    public CompletionStage<List<dnt.live.CellLatest>> latest() {
      return missing("the board of newest slots");
    }
  }

  /**
   * A cluster-wide view that a member did not answer is the API's retryable 503 naming the member,
   * never a partial answer: the alerts, and the map layers read from the same views.
   */
  @Test
  void aClusterViewThatAMemberDidNotAnswerIs503NamingIt() throws Exception {
    server.stop(Duration.ofSeconds(5));
    server = DntServer.start(new MemberMissingTwin(), Fixtures.settings(dir));
    Http http = Http.of(server);
    for (String path :
        List.of("/api/v1/alerts", "/api/v1/layers/traffic", "/api/v1/layers/integrity")) {
      HttpResponse<String> r = http.get(path, VIEWER);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(503);
      assertThat(json(r).get("error").asText())
          .as(path)
          .startsWith("the cluster's node " + MemberMissingTwin.NODE + " did not answer for the ")
          .endsWith(" within 5 s, and an answer without it would miss the cells it hosts; retry");
    }
  }

  @Test
  void stopLetsTheRequestInFlightFinish() throws Exception {
    server.stop(Duration.ofSeconds(5));
    SlowTwin slow = new SlowTwin();
    server = DntServer.start(slow, Fixtures.settings(dir));
    Http client = Http.of(server);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<HttpResponse<String>> inFlight =
          threads.submit(() -> client.post("/api/v1/telemetry", OPERATOR, raw(5, T0, 39, 1)));
      assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
      DntServer running = server;
      Future<?> stopped = threads.submit(() -> running.stop(Duration.ofSeconds(10)));
      Thread.sleep(200); // stop() is now waiting for the request in flight
      assertThat(stopped.isDone()).isFalse();
      slow.release.countDown();
      assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
      stopped.get(10, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertThat(slow.inner.status().rowsAccepted()).isEqualTo(1);
    server = DntServer.start(Fixtures.twin(), Fixtures.settings(dir)); // for @AfterEach
  }
}
