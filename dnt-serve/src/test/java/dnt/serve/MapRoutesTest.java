package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.data.milan.BundledData;
import dnt.data.raw.RawRow;
import dnt.live.ForecastLayer;
import dnt.live.memory.InMemoryLiveTwin;
import dnt.live.replay.Replay;
import dnt.live.replay.ReplayClock;
import dnt.live.replay.ReplaySource;
import dnt.live.replay.ReplaySpeed;
import dnt.live.replay.ReplayStatus;
import dnt.live.replay.SlotRows;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's routes over HTTP against the in-memory twin: the page and its assets under a
 * strict Content-Security-Policy, the grid, the map layers, the caller's session, the change stream
 * (Server-Sent Events) and the replay's speed.
 */
final class MapRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = Fixtures.T0;
  private static final long SLOT = Fixtures.SLOT;

  @TempDir Path dir;
  private InMemoryLiveTwin twin;
  private DntServer server;
  private Http http;

  @BeforeEach
  void start() {
    twin = Fixtures.twin();
    server = DntServer.start(twin, Fixtures.settings(dir));
    http = Http.of(server);
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ofSeconds(5));
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String error(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body()).get("error").asText();
  }

  @Test
  void thePageAndItsAssetsComeFromTheJarUnderAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = http.get("/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'");
    assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    // no inline script: every script element loads a file of this origin; no inline handlers
    Matcher scripts =
        Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group(1)).containsPattern("src=\"/(web|vendor)/");
      assertThat(scripts.group(2)).isBlank();
    }
    assertThat(count).isEqualTo(2);
    assertThat(page.body())
        .doesNotContainPattern("\\son[a-z]+=")
        .doesNotContain("//cdn", "http://", "https://");
    for (String asset :
        List.of(
            "/web/app.js",
            "/web/app.css",
            "/vendor/uplot/uPlot.iife.min.js",
            "/vendor/uplot/uPlot.min.css")) {
      HttpResponse<String> r = http.get(asset, null);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      assertThat(r.body()).as(asset).isNotBlank();
      assertThat(r.headers().firstValue("Content-Security-Policy")).contains(csp);
    }
    // the API's answers carry the policy too, errors included
    HttpResponse<String> denied = http.get("/api/v1/grid", null);
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.headers().firstValue("Content-Security-Policy")).contains(csp);
    // no way out of the asset folders
    assertThat(error(http.get("/web/..%2Fopenapi.json", null), 404)).contains("no such file");
    assertThat(error(http.get("/web/missing.js", null), 404)).contains("no such file");
  }

  @Test
  void theGridHoldsTheTenThousandCellsWithTheirCornersFromTheBundledGeoJson() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/grid", Fixtures.VIEWER);
    JsonNode grid = ok(r);
    assertThat(grid.get("count").asInt()).isEqualTo(10_000);
    assertThat(grid.get("cells")).hasSize(10_000);
    assertThat(grid.get("rings")).hasSize(10_000 * 4 * 2);
    // the GeoJSON, read here independently: cell 1's ring, corner by corner
    JsonNode geo;
    try (InputStream in = java.nio.file.Files.newInputStream(BundledData.file(BundledData.GRID))) {
      geo = JSON.readTree(in);
    }
    JsonNode first = geo.get("features").get(0);
    assertThat(first.get("properties").get("cellId").asInt()).isEqualTo(1);
    assertThat(grid.get("cells").get(0).asInt()).isEqualTo(1);
    JsonNode ring = first.get("geometry").get("coordinates").get(0);
    for (int k = 0; k < 4; k++) {
      // printed with 6 decimals: half a unit of the 6th decimal, plus the plane round trip's
      // error (far below 1e-9 degrees)
      double bound = 5e-7 + 1e-9;
      assertThat(grid.get("rings").get(2 * k).asDouble())
          .isCloseTo(ring.get(k).get(0).asDouble(), org.assertj.core.data.Offset.offset(bound));
      assertThat(grid.get("rings").get(2 * k + 1).asDouble())
          .isCloseTo(ring.get(k).get(1).asDouble(), org.assertj.core.data.Offset.offset(bound));
    }
    JsonNode b = grid.get("bounds");
    assertThat(b.get("west").asDouble()).isLessThan(b.get("east").asDouble());
    assertThat(b.get("south").asDouble()).isLessThan(b.get("north").asDouble());
  }

  @Test
  void theTrafficLayerIsEachCellsNewestSlotAlignedWithTheGrid() throws Exception {
    String rows =
        "3\t"
            + T0
            + "\t39\t1\t1\t1\t1\t100\n"
            + "3\t"
            + (T0 + SLOT)
            + "\t39\t0.5\t0\t0\t0\t40\n"
            + "3\t"
            + (T0 + SLOT)
            + "\t33\t0\t0\t2\t0\t10.25\n"
            + "7\t"
            + T0
            + "\t39\t0\t0\t0\t0\t7\n";
    assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, rows).statusCode()).isEqualTo(202);
    JsonNode layer = ok(http.get("/api/v1/layers/traffic", Fixtures.VIEWER));
    assertThat(layer.get("layer").asText()).isEqualTo("traffic");
    assertThat(layer.get("service").asText()).isEqualTo("total");
    assertThat(layer.get("time").asLong()).isEqualTo(T0 + SLOT);
    JsonNode values = layer.get("values");
    assertThat(values).hasSize(10_000);
    // cell 3's newest slot: 0.5 + 40 + 2 + 10.25; cell 7's: its only slot
    assertThat(values.get(2).asDouble()).isEqualTo(0.5 + 40 + 2 + 10.25);
    assertThat(values.get(6).asDouble()).isEqualTo(7.0);
    int nulls = 0;
    for (JsonNode v : values) {
      nulls += v.isNull() ? 1 : 0;
    }
    assertThat(nulls).isEqualTo(10_000 - 2);
    JsonNode internet = ok(http.get("/api/v1/layers/traffic?service=internet", Fixtures.VIEWER));
    assertThat(internet.get("values").get(2).asDouble()).isEqualTo(40 + 10.25);
    assertThat(error(http.get("/api/v1/layers/traffic?service=mms", Fixtures.VIEWER), 400))
        .startsWith("service: unknown service 'mms'; known: total, smsin");
  }

  /** A twin whose forecasters have models for cells 3 and 7 (the error of 7 is not known yet). */
  private static final class ForecastingTwin extends DelegatingTwin {
    @Override
    public CompletionStage<ForecastLayer> forecastLayer() {
      return CompletableFuture.completedFuture(
          new ForecastLayer(
              new int[] {3, 7},
              new long[] {T0, T0 + SLOT},
              new double[] {12.5, 40},
              new double[] {-2.5, Double.NaN},
              new double[] {-0.5, Double.NaN},
              4,
              "mlp"));
    }
  }

  @Test
  void theForecastLayersShowTheForecastersNextHourAndAbsoluteErrorAlignedWithTheGrid()
      throws Exception {
    try (DntServer other = DntServer.start(new ForecastingTwin(), Fixtures.settings(dir))) {
      Http h = Http.of(other);
      JsonNode forecast = ok(h.get("/api/v1/layers/forecast", Fixtures.VIEWER));
      JsonNode error = ok(h.get("/api/v1/layers/error", Fixtures.VIEWER));
      assertThat(forecast.get("time").asLong()).isEqualTo(T0 + SLOT);
      // the grid lists cells 1..10,000 ascending, so cell c is entry c - 1
      for (JsonNode layer : List.of(forecast, error)) {
        assertThat(layer.get("values")).hasSize(10_000);
        int nulls = 0;
        for (JsonNode v : layer.get("values")) {
          nulls += v.isNull() ? 1 : 0;
        }
        assertThat(nulls)
            .as(layer.get("layer").asText())
            .isEqualTo(layer == forecast ? 9_998 : 9_999);
      }
      assertThat(forecast.get("values").get(2).asDouble()).isEqualTo(12.5);
      assertThat(forecast.get("values").get(6).asDouble()).isEqualTo(40);
      assertThat(error.get("values").get(2).asDouble()).isEqualTo(2.5);
      assertThat(error.get("values").get(6).isNull()).isTrue();
    }
  }

  @Test
  void anUnknownLayerIs404AndTheForecastLayersNeedAForecaster() throws Exception {
    assertThat(error(http.get("/api/v1/layers/rain", Fixtures.VIEWER), 404))
        .isEqualTo("layer: unknown layer 'rain'; known: traffic, forecast, error, integrity");
    // the in-memory twin makes no forecasts
    assertThat(error(http.get("/api/v1/layers/forecast", Fixtures.VIEWER), 409))
        .isEqualTo("this live twin makes no forecasts");
    assertThat(error(http.get("/api/v1/layers/error", Fixtures.VIEWER), 409))
        .isEqualTo("this live twin makes no forecasts");
    // the in-memory twin checks no integrity
    assertThat(error(http.get("/api/v1/layers/integrity", Fixtures.VIEWER), 409))
        .contains("checks no integrity");
    assertThat(error(http.get("/api/v1/layers/traffic", null), 401)).startsWith("Authorization");
  }

  @Test
  void theSessionSaysTheRoleAndWhetherItMayOperate() throws Exception {
    JsonNode viewer = ok(http.get("/api/v1/session", Fixtures.VIEWER));
    assertThat(viewer.get("role").asText()).isEqualTo("viewer");
    assertThat(viewer.get("canOperate").asBoolean()).isFalse();
    JsonNode operator = ok(http.get("/api/v1/session", Fixtures.OPERATOR));
    assertThat(operator.get("role").asText()).isEqualTo("operator");
    assertThat(operator.get("canOperate").asBoolean()).isTrue();
    assertThat(ok(http.get("/api/v1/session", Fixtures.ADMIN)).get("canOperate").asBoolean())
        .isTrue();
    assertThat(error(http.get("/api/v1/session", "nope"), 401)).startsWith("Authorization");
  }

  /** An open change stream: its events, parsed, in a queue. */
  private static final class Stream implements AutoCloseable {
    record Event(String name, JsonNode data) {}

    final BlockingQueue<Event> events = new ArrayBlockingQueue<>(100);
    final InputStream body;

    Stream(HttpResponse<InputStream> r) {
      this.body = r.body();
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                  String name = "message";
                  StringBuilder data = new StringBuilder();
                  for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                      name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && data.length() > 0) {
                      events.add(new Event(name, JSON.readTree(data.toString())));
                      name = "message";
                      data.setLength(0);
                    }
                  }
                } catch (java.io.IOException e) {
                  // closed
                }
              });
      t.setDaemon(true);
      t.start();
    }

    Event next() throws InterruptedException {
      Event e = events.poll(10, TimeUnit.SECONDS);
      assertThat(e).as("an event within 10 s").isNotNull();
      return e;
    }

    @Override
    public void close() throws java.io.IOException {
      body.close();
    }
  }

  private Stream open(String query) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/events" + query))
            .header("Authorization", "Bearer " + Fixtures.VIEWER)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<InputStream> r =
        http.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    return new Stream(r);
  }

  @Test
  void theChangeStreamTellsEachAcknowledgedBatchFilteredByCell() throws Exception {
    try (Stream all = open("?topics=telemetry");
        Stream nine = open("?topics=telemetry&cells=9,11")) {
      assertThat(all.next().name()).isEqualTo("hello");
      assertThat(nine.next().name()).isEqualTo("hello");
      String batch =
          "9\t" + T0 + "\t39\t0\t0\t0\t0\t1\n" + "5\t" + (T0 + 2 * SLOT) + "\t39\t0\t0\t0\t0\t2\n";
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      Stream.Event e = all.next();
      assertThat(e.name()).isEqualTo("telemetry");
      assertThat(e.data().get("cells").toString()).isEqualTo("[5,9]");
      assertThat(e.data().get("slot").asLong()).isEqualTo(T0 + 2 * SLOT);
      assertThat(e.data().get("rows").asInt()).isEqualTo(2);
      Stream.Event f = nine.next();
      assertThat(f.data().get("cells").toString()).isEqualTo("[9]");
      // a batch of none of its cells is not told to the filtered client; the next one is
      String only5 = "5\t" + T0 + "\t39\t0\t0\t0\t0\t3\n";
      String only11 = "11\t" + (T0 + SLOT) + "\t39\t0\t0\t0\t0\t4\n";
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, only5).statusCode())
          .isEqualTo(202);
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, only11).statusCode())
          .isEqualTo(202);
      assertThat(nine.next().data().get("cells").toString()).isEqualTo("[11]");
      assertThat(all.next().data().get("cells").toString()).isEqualTo("[5]");
      assertThat(all.next().data().get("cells").toString()).isEqualTo("[11]");
    }
  }

  /** The in-memory twin with integrity alerts the test sets. */
  private static final class AlertingTwin extends DelegatingTwin {
    volatile List<dnt.core.CellId> flagged = List.of();

    @Override
    public java.util.concurrent.CompletionStage<List<dnt.core.CellId>> alerts() {
      return java.util.concurrent.CompletableFuture.completedFuture(flagged);
    }
  }

  /**
   * A twin on a cluster: its alerts are gathered from every node, so they answer later, on another
   * thread, and fail naming a member that did not answer.
   */
  private static final class ClusterAlertingTwin extends DelegatingTwin {
    volatile List<dnt.core.CellId> flagged = List.of();
    volatile boolean memberMissing;

    @Override
    public java.util.concurrent.CompletionStage<List<dnt.core.CellId>> alerts() {
      List<dnt.core.CellId> now = flagged;
      boolean missing = memberMissing;
      return java.util.concurrent.CompletableFuture.supplyAsync(
          () -> {
            if (missing) {
              throw new dnt.live.cluster.NodesUnavailableException(
                  "the alerts", List.of("pekko://dnt-live@127.0.0.1:25521"), 5);
            }
            return now;
          },
          java.util.concurrent.CompletableFuture.delayedExecutor(
              100, java.util.concurrent.TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void alertsThatAnswerLaterAreStreamedWhenTheyComeAndAFailedAnswerTellsNothing() throws Exception {
    server.stop(Duration.ofSeconds(5));
    ClusterAlertingTwin alerting = new ClusterAlertingTwin();
    server = DntServer.start(alerting, Fixtures.settings(dir));
    http = Http.of(server);
    String batch = "7\t" + T0 + "\t39\t0\t0\t0\t0\t1\n";
    try (Stream alerts = open("?topics=alerts")) {
      assertThat(alerts.next().name()).isEqualTo("hello");
      assertThat(alerts.next().data().get("count").asInt()).isZero();
      alerting.flagged = List.of(dnt.core.CellId.of(7), dnt.core.CellId.of(42));
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      assertThat(alerts.next().data().get("cells").toString()).isEqualTo("[7,42]");
      // a member does not answer: nothing is told (not [99], not an empty list)
      alerting.flagged = List.of(dnt.core.CellId.of(99));
      alerting.memberMissing = true;
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      Thread.sleep(300); // the failed answer has come and gone
      alerting.memberMissing = false;
      alerting.flagged = List.of(dnt.core.CellId.of(42));
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      assertThat(alerts.next().data().get("cells").toString()).isEqualTo("[42]");
    }
  }

  @Test
  void alertsAreStreamedWhenTheyChangeAndDrawnAsTheIntegrityLayer() throws Exception {
    server.stop(Duration.ofSeconds(5));
    AlertingTwin alerting = new AlertingTwin();
    server = DntServer.start(alerting, Fixtures.settings(dir));
    http = Http.of(server);
    try (Stream alerts = open("?topics=alerts")) {
      Stream.Event hello = alerts.next();
      assertThat(hello.name()).isEqualTo("hello");
      assertThat(hello.data().get("topics").toString()).isEqualTo("[\"alerts\"]");
      Stream.Event first = alerts.next();
      assertThat(first.name()).isEqualTo("alerts");
      assertThat(first.data().get("count").asInt()).isZero();
      alerting.flagged = List.of(dnt.core.CellId.of(7), dnt.core.CellId.of(42));
      String batch = "7\t" + T0 + "\t39\t0\t0\t0\t0\t1\n";
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      Stream.Event changed = alerts.next();
      assertThat(changed.name()).isEqualTo("alerts");
      assertThat(changed.data().get("cells").toString()).isEqualTo("[7,42]");
      // the same flags again: no event; the next change is told
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      alerting.flagged = List.of(dnt.core.CellId.of(42));
      assertThat(http.post("/api/v1/telemetry", Fixtures.OPERATOR, batch).statusCode())
          .isEqualTo(202);
      assertThat(alerts.next().data().get("cells").toString()).isEqualTo("[42]");
    }
    JsonNode layer = ok(http.get("/api/v1/layers/integrity", Fixtures.VIEWER));
    JsonNode values = layer.get("values");
    assertThat(values).hasSize(10_000);
    for (int i = 0; i < values.size(); i++) {
      assertThat(values.get(i).asDouble()).as("cell %d", i + 1).isEqualTo(i + 1 == 42 ? 1.0 : 0.0);
    }
  }

  @Test
  void aBadChangeStreamRequestIsRefusedWithJson() throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/events?topics=telemetry,rain"))
            .header("Authorization", "Bearer " + Fixtures.VIEWER)
            .header("Accept", "text/event-stream");
    assertThat(error(http.send(b.build()), 400))
        .isEqualTo("topics: unknown topic 'rain'; known: telemetry, alerts");
    HttpRequest badCell =
        HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/events?cells=0"))
            .header("Authorization", "Bearer " + Fixtures.VIEWER)
            .header("Accept", "text/event-stream")
            .build();
    assertThat(error(http.send(badCell), 400)).startsWith("cells: '0' is not a cell id");
    assertThat(error(http.get("/api/v1/events", Fixtures.VIEWER), 406)).startsWith("Accept:");
    assertThat(error(http.get("/api/v1/events", null), 401)).startsWith("Authorization");
  }

  @Test
  void theReplaySpeedIsReadByAnyoneAndSetByOperators() throws Exception {
    assertThat(error(http.get("/api/v1/replay", Fixtures.VIEWER), 409))
        .startsWith("replay: this twin is not fed by a replay");
    server.stop(Duration.ofSeconds(5));
    // two slots at real time: the second is due ten minutes after the first
    ReplaySource source =
        () ->
            List.of(
                    new SlotRows(T0, List.of(new RawRow(1, T0, 39, 0, 0, 0, 0, 5))),
                    new SlotRows(T0 + SLOT, List.of(new RawRow(1, T0 + SLOT, 39, 0, 0, 0, 0, 6))))
                .iterator();
    Replay replay = new Replay(source, twin::ingest, new ReplaySpeed(1), ReplayClock.SYSTEM, 100);
    server = DntServer.start(twin, Fixtures.settings(dir), replay);
    http = Http.of(server);
    replay.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (replay.status().slotsSent() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      JsonNode running = ok(http.get("/api/v1/replay", Fixtures.VIEWER));
      assertThat(running.get("state").asText()).isEqualTo("running");
      assertThat(running.get("speed").asText()).isEqualTo("1");
      assertThat(running.get("slotsSent").asInt()).isEqualTo(1);
      assertThat(error(put("{\"speed\": 600}", Fixtures.VIEWER), 403)).contains("viewer");
      assertThat(error(put("{\"speed\": \"fast\"}", Fixtures.OPERATOR), 400))
          .startsWith("speed: speed 'fast' is not a positive factor");
      assertThat(error(put("{\"pace\": 2}", Fixtures.OPERATOR), 400)).startsWith("body:");
      assertThat(error(put("not json", Fixtures.OPERATOR), 400)).startsWith("body: not valid JSON");
      JsonNode max = ok(put("{\"speed\": \"max\"}", Fixtures.OPERATOR));
      assertThat(max.get("speed").asText()).isEqualTo("max");
      // the waiting replay is woken and sends the second slot at once, not ten minutes later
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (replay.status().state() != ReplayStatus.State.FINISHED
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(replay.status().state()).isEqualTo(ReplayStatus.State.FINISHED);
      assertThat(replay.status().slotsSent()).isEqualTo(2);
    } finally {
      replay.stop();
    }
  }

  private HttpResponse<String> put(String body, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/replay"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
