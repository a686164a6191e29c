package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.CellForecast;
import dnt.live.CellTraffic;
import dnt.live.FederatedStatus;
import dnt.live.ForecastNotReadyException;
import dnt.live.IngestReceipt;
import dnt.live.LiveTwin;
import dnt.live.TrafficView;
import dnt.live.TwinStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast and federated-status routes over HTTP: 409 naming the training progress while no
 * model exists, then 200 with the twin's forecast; 404 for a cell the twin does not know; the
 * status as JSON. The twin is a stub whose answers the test sets (the Pekko twin's forecasting is
 * tested in dnt-live's ForecastingTest).
 */
final class ForecastRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A twin of cells 1..100 that forecasts once told it has a model. */
  private static final class StubTwin implements LiveTwin {
    volatile boolean trained;

    @Override
    public CompletionStage<IngestReceipt> ingest(List<RawRow> rows) {
      return CompletableFuture.completedFuture(new IngestReceipt(rows.size(), 0));
    }

    @Override
    public CompletionStage<CellTraffic> traffic(
        CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("no traffic"));
    }

    @Override
    public CompletionStage<CellForecast> forecast(CellId cell) {
      if (cell.value() > 100) {
        return CompletableFuture.failedFuture(
            new InvalidInputException("cell " + cell + " is not a cell of this twin"));
      }
      if (!trained) {
        return CompletableFuture.failedFuture(
            new ForecastNotReadyException(
                "no forecast model yet: the V-twin is training, round 2 of 5"));
      }
      return CompletableFuture.completedFuture(
          new CellForecast(
              cell,
              1_383_523_200_000L,
              600_000L,
              new double[] {1, 2, 3, 4, 5, 6.5},
              "mlp",
              7,
              0.5));
    }

    @Override
    public CompletionStage<FederatedStatus> federated() {
      return CompletableFuture.completedFuture(
          new FederatedStatus(
              "horizontal",
              5,
              5,
              List.of(0.9, 0.5, 0.4, 0.35, 0.3),
              2,
              List.of(
                  new FederatedStatus.Client(7, 0, 1, 0, 0L),
                  new FederatedStatus.Client(8, 1, 0, 0, null)),
              1,
              0,
              7,
              3,
              2,
              1_383_523_200_000L,
              "mlp",
              null,
              60_000,
              List.of(
                  new FederatedStatus.Round(
                      "vertical",
                      1,
                      2,
                      1,
                      List.of(8),
                      List.of(
                          new FederatedStatus.NodeBytes(
                              "pekko://dnt-live@127.0.0.1:25520", 1, 1_200, 1_150),
                          new FederatedStatus.NodeBytes("unreached", 1, 1_200, 0))))));
    }

    @Override
    public TwinStatus status() {
      return new TwinStatus(true, 100, 0);
    }

    @Override
    public void close() {}
  }

  @Test
  void conflictWhileTrainingThenTheForecast() throws Exception {
    StubTwin twin = new StubTwin();
    try (var server = DntServer.start(twin, Fixtures.settings(dir))) {
      Http http = Http.of(server);
      HttpResponse<String> r = http.get("/api/v1/cells/7/forecast", Fixtures.VIEWER);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).get("error").asText()).contains("round 2 of 5");

      twin.trained = true;
      r = http.get("/api/v1/cells/7/forecast", Fixtures.VIEWER);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode f = JSON.readTree(r.body());
      assertThat(f.get("cell").asInt()).isEqualTo(7);
      assertThat(f.get("origin").asLong()).isEqualTo(1_383_523_200_000L);
      assertThat(f.get("stepMs").asLong()).isEqualTo(600_000L);
      assertThat(f.get("model").asText()).isEqualTo("mlp");
      assertThat(f.get("version").asLong()).isEqualTo(7);
      assertThat(f.get("internet")).hasSize(6);
      assertThat(f.get("internet").get(5).asDouble()).isEqualTo(6.5);

      assertThat(http.get("/api/v1/cells/101/forecast", Fixtures.VIEWER).statusCode())
          .isEqualTo(404);
      assertThat(http.get("/api/v1/cells/x/forecast", Fixtures.VIEWER).statusCode()).isEqualTo(400);
      assertThat(http.get("/api/v1/cells/7/forecast", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theFederatedStatus() throws Exception {
    try (var server = DntServer.start(new StubTwin(), Fixtures.settings(dir))) {
      HttpResponse<String> r = Http.of(server).get("/api/v1/federated", Fixtures.VIEWER);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode s = JSON.readTree(r.body());
      assertThat(s.get("phase").asText()).isEqualTo("horizontal");
      assertThat(s.get("losses")).hasSize(5);
      assertThat(s.get("clusters").asInt()).isEqualTo(2);
      assertThat(s.get("clients").get(0).get("staleness").asLong()).isZero();
      assertThat(s.get("clients").get(1).get("staleness").isNull()).isTrue();
      assertThat(s.get("updatesApplied").asLong()).isEqualTo(1);
      assertThat(s.get("updatesRejected").asLong()).isZero();
      assertThat(s.get("trainedThrough").asLong()).isEqualTo(1_383_523_200_000L);
      assertThat(s.get("error").isNull()).isTrue();
      assertThat(s.get("roundTimeoutMillis").asLong()).isEqualTo(60_000);
      JsonNode round = s.get("traffic").get(0);
      assertThat(round.get("phase").asText()).isEqualTo("vertical");
      assertThat(round.get("round").asLong()).isEqualTo(1);
      assertThat(round.get("sent").asInt()).isEqualTo(2);
      assertThat(round.get("received").asInt()).isEqualTo(1);
      assertThat(round.get("dropped").get(0).asInt()).isEqualTo(8);
      JsonNode node = round.get("nodes").get(0);
      assertThat(node.get("node").asText()).isEqualTo("pekko://dnt-live@127.0.0.1:25520");
      assertThat(node.get("clients").asInt()).isEqualTo(1);
      assertThat(node.get("bytesSent").asLong()).isEqualTo(1_200);
      assertThat(node.get("bytesReceived").asLong()).isEqualTo(1_150);
      assertThat(round.get("nodes").get(1).get("bytesReceived").asLong()).isZero();
    }
  }

  @Test
  void aTwinWithoutForecastsAnswersConflict() throws Exception {
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir))) {
      assertThat(Http.of(server).get("/api/v1/federated", Fixtures.VIEWER).statusCode())
          .isEqualTo(409);
      assertThat(Http.of(server).get("/api/v1/cells/7/forecast", Fixtures.VIEWER).statusCode())
          .isEqualTo(409);
    }
  }
}
