package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.quality.QualityScore;
import dnt.core.quality.TwinQuality;
import dnt.live.ForecastLayer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/quality} over HTTP: the twin's utility from what the server measures (the
 * forecasters' standardised errors, the age of the newest acknowledged batch), what the caller
 * gives, and the worst level for the rest; every number against {@link TwinQuality#defaults()}
 * scoring the same levels, the measured levels against sums done here.
 */
final class QualityRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = Fixtures.T0;
  private static final long SLOT = Fixtures.SLOT;

  @TempDir Path dir;

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode attribute(JsonNode q, String name) {
    for (JsonNode a : q.get("attributes")) {
      if (a.get("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no attribute " + name + " in " + q);
  }

  /** The answer's numbers equal the domain model's score of the answer's own levels. */
  private static void assertScoredByTheModel(JsonNode q) {
    Map<String, Double> levels = new LinkedHashMap<>();
    for (JsonNode a : q.get("attributes")) {
      levels.put(a.get("name").asText(), a.get("level").asDouble());
    }
    TwinQuality model = TwinQuality.defaults();
    assertThat(levels.keySet()).containsExactlyElementsOf(model.names());
    QualityScore expected = model.score(levels);
    // JSON carries doubles exactly (Jackson writes the shortest repr that reads back the same)
    assertThat(q.get("utility").asDouble()).isEqualTo(expected.joint());
    assertThat(q.get("weightedSum").asDouble()).isEqualTo(expected.weightedSum());
    assertThat(q.get("masterConstant").asDouble()).isEqualTo(model.joint().master());
    for (JsonNode a : q.get("attributes")) {
      assertThat(a.get("utility").asDouble())
          .isEqualTo(expected.utilities().get(a.get("name").asText()));
    }
  }

  @Test
  void withNothingMeasuredOrGivenEveryAttributeCountsAtItsWorstAndTheUtilityIsZero()
      throws Exception {
    try (var server = DntServer.start(new DelegatingTwin(), Fixtures.settings(dir))) {
      JsonNode q = ok(Http.of(server).get("/api/v1/quality", Fixtures.VIEWER));
      assertThat(q.get("lowerBound").asBoolean()).isTrue();
      assertThat(q.get("interaction").asText()).isEqualTo("complements");
      for (JsonNode a : q.get("attributes")) {
        assertThat(a.get("source").asText()).isEqualTo("assumed-worst");
        assertThat(a.get("utility").asDouble()).isZero();
      }
      // every u_i = 0: 1 + K U = 1, so U = 0 exactly
      assertThat(q.get("utility").asDouble()).isZero();
      assertThat(attribute(q, "forecast-error").get("basis").asText())
          .contains("makes no forecasts")
          .contains("?forecast-error=");
      assertThat(attribute(q, "age-s").get("basis").asText())
          .startsWith("no telemetry batch acknowledged since this server started");
      assertScoredByTheModel(q);
    }
  }

  @Test
  void givenLevelsAreScoredByTheDefaultModel() throws Exception {
    try (var server = DntServer.start(new DelegatingTwin(), Fixtures.settings(dir))) {
      JsonNode q =
          ok(
              Http.of(server)
                  .get(
                      "/api/v1/quality?forecast-error=0.2&sinr-error-db=2.5&age-s=600"
                          + "&sync-bytes-per-cell-hour=20000&sync-energy-j-per-cell-hour=5",
                      Fixtures.VIEWER));
      assertThat(q.get("lowerBound").asBoolean()).isFalse();
      for (JsonNode a : q.get("attributes")) {
        assertThat(a.get("source").asText()).isEqualTo("given");
      }
      assertThat(attribute(q, "sinr-error-db").get("level").asDouble()).isEqualTo(2.5);
      assertThat(attribute(q, "age-s").get("level").asDouble()).isEqualTo(600);
      assertScoredByTheModel(q);
      assertThat(q.get("utility").asDouble()).isStrictlyBetween(0.0, 1.0);
    }
  }

  /** A twin whose forecasters know the standardised errors 0.5 and -1 (a third cell's not yet). */
  private static final class ForecastingTwin extends DelegatingTwin {
    @Override
    public CompletionStage<ForecastLayer> forecastLayer() {
      return CompletableFuture.completedFuture(
          new ForecastLayer(
              new int[] {3, 7, 9},
              new long[] {T0, T0, T0},
              new double[] {12.5, 40, 3},
              new double[] {2, -8, Double.NaN},
              new double[] {0.5, -1, Double.NaN},
              4,
              "mlp"));
    }
  }

  @Test
  void theForecastErrorAndTheAgeAreMeasuredOnTheRunningTwin() throws Exception {
    try (var server = DntServer.start(new ForecastingTwin(), Fixtures.settings(dir))) {
      Http http = Http.of(server);
      long before = System.currentTimeMillis();
      assertThat(
              http.post(
                      "/api/v1/telemetry", Fixtures.OPERATOR, "3\t" + T0 + "\t39\t1\t1\t1\t1\t5\n")
                  .statusCode())
          .isEqualTo(202);
      // the change stream hears the batch on its own thread: wait for it (at most 10 s)
      long deadline = System.nanoTime() + 10_000_000_000L;
      JsonNode q = ok(http.get("/api/v1/quality?sinr-error-db=3", Fixtures.VIEWER));
      while (!attribute(q, "age-s").get("source").asText().equals("measured")
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
        q = ok(http.get("/api/v1/quality?sinr-error-db=3", Fixtures.VIEWER));
      }
      long after = System.currentTimeMillis();
      JsonNode fe = attribute(q, "forecast-error");
      assertThat(fe.get("source").asText()).isEqualTo("measured");
      // (0.5^2 + (-1)^2) / 2, the cell with an unknown error left out
      assertThat(fe.get("level").asDouble()).isEqualTo((0.25 + 1.0) / 2);
      assertThat(fe.get("basis").asText()).startsWith("mean over 2 cells");
      JsonNode age = attribute(q, "age-s");
      assertThat(age.get("source").asText()).isEqualTo("measured");
      // told after the POST began and read before the last GET ended
      assertThat(age.get("level").asDouble()).isBetween(0.0, (after - before) / 1000.0);
      assertThat(attribute(q, "sinr-error-db").get("source").asText()).isEqualTo("given");
      assertThat(attribute(q, "sync-bytes-per-cell-hour").get("source").asText())
          .isEqualTo("assumed-worst");
      assertThat(q.get("lowerBound").asBoolean()).isTrue();
      assertScoredByTheModel(q);

      // a given level replaces a measured one
      JsonNode given = ok(http.get("/api/v1/quality?forecast-error=0.1", Fixtures.VIEWER));
      assertThat(attribute(given, "forecast-error").get("level").asDouble()).isEqualTo(0.1);
      assertThat(attribute(given, "forecast-error").get("source").asText()).isEqualTo("given");
    }
  }

  @Test
  void badLevelsAre400NamingTheParameterAndNoTokenIs401() throws Exception {
    try (var server = DntServer.start(new DelegatingTwin(), Fixtures.settings(dir))) {
      Http http = Http.of(server);
      HttpResponse<String> unknown = http.get("/api/v1/quality?latency-ms=3", Fixtures.VIEWER);
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(unknown.body()).get("error").asText())
          .isEqualTo(
              "latency-ms: unknown quality attribute; known: forecast-error, sinr-error-db, age-s,"
                  + " sync-bytes-per-cell-hour, sync-energy-j-per-cell-hour");
      HttpResponse<String> notANumber = http.get("/api/v1/quality?age-s=soon", Fixtures.VIEWER);
      assertThat(notANumber.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(notANumber.body()).get("error").asText())
          .isEqualTo("age-s: 'soon' is not a finite number");
      HttpResponse<String> twice = http.get("/api/v1/quality?age-s=1&age-s=2", Fixtures.VIEWER);
      assertThat(twice.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(twice.body()).get("error").asText())
          .isEqualTo("age-s: give one level, not 2");
      assertThat(http.get("/api/v1/quality?age-s=Infinity", Fixtures.VIEWER).statusCode())
          .isEqualTo(400);
      assertThat(http.get("/api/v1/quality", null).statusCode()).isEqualTo(401);
    }
  }
}
