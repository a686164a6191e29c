package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history, integrity and alert routes over HTTP against the Pekko twin: two days of a seasonal
 * stream for two cells, one with a fault that lasts to the end of the second day (its alert is up),
 * one with a fault in the middle (cleared again); and the radio routes answering 409 while the
 * radio twin is off.
 */
final class TwinRoutesTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 3 * 144 * SLOT), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /**
   * One day of a daily sine with noise for three country codes, as raw Milan rows (tab-separated);
   * activity is multiplied by 4 in slots {@code [faultFrom, faultTo)}.
   */
  private static List<String> day(int cell, int dayIndex, long seed, int faultFrom, int faultTo) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<String> rows = new ArrayList<>();
    int[] codes = {39, 33, 49};
    for (int t = 0; t < 144; t++) {
      double level = 100 + 50 * Math.sin(2 * Math.PI * t / 144);
      double factor = t >= faultFrom && t < faultTo ? 4 : 1;
      for (int c = 0; c < codes.length; c++) {
        StringBuilder row =
            new StringBuilder()
                .append(cell)
                .append('\t')
                .append(DAY + (dayIndex * 144L + t) * SLOT)
                .append('\t')
                .append(codes[c]);
        for (int s = 0; s < 5; s++) {
          double v =
              Math.max(0, factor * level * (s + 1) / 15.0 / (c + 1) + rng.nextGaussian() * 0.5);
          row.append('\t').append(String.format(Locale.ROOT, "%.4f", v));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static void send(Http http, List<String> rows) throws Exception {
    for (int i = 0; i < rows.size(); i += 100) {
      String body = String.join("\n", rows.subList(i, Math.min(rows.size(), i + 100))) + "\n";
      HttpResponse<String> r = http.post("/api/v1/telemetry", Fixtures.OPERATOR, body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
  }

  @Test
  void historyIntegrityAndAlertsOfThePekkoTwin() throws Exception {
    LiveSettings settings =
        LiveSettings.defaults(tmp.resolve("state")).withClock(CLOCK, Duration.ZERO);
    try (LiveTwin twin = LiveTwins.start(settings);
        DntServer server = DntServer.start(twin, Fixtures.settings(tmp))) {
      Http http = Http.of(server);
      // nothing is flagged before any telemetry
      HttpResponse<String> none = http.get("/api/v1/alerts", Fixtures.VIEWER);
      assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
      assertThat(JSON.readTree(none.body()).get("count").asInt()).isZero();

      send(http, day(7, 0, 1, 0, 0));
      send(http, day(8, 0, 3, 0, 0));
      send(http, day(7, 1, 2, 60, 70)); // a fault in the middle: flagged, then cleared
      send(http, day(8, 1, 4, 130, 144)); // a fault to the end of the day: still flagged

      // the alerts are the cells whose integrity report says they diverge
      JsonNode alerts = JSON.readTree(http.get("/api/v1/alerts", Fixtures.VIEWER).body());
      List<Integer> flagged = new ArrayList<>();
      for (int cell : new int[] {7, 8}) {
        HttpResponse<String> r = http.get("/api/v1/cells/" + cell + "/integrity", Fixtures.VIEWER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("cell").asInt()).isEqualTo(cell);
        if (report.get("diverging").asBoolean()) {
          flagged.add(cell);
        }
      }
      assertThat(flagged).containsExactly(8);
      assertThat(alerts.get("count").asInt()).isEqualTo(1);
      assertThat(alerts.get("cells").get(0).asInt()).isEqualTo(8);

      // cell 8: three outliers in a row raise the flag, so slots 132.. are masked; the day's last
      // slot waits for a later slot before it is judged
      JsonNode eight = JSON.readTree(http.get("/api/v1/cells/8/integrity", Fixtures.VIEWER).body());
      List<Long> masked = new ArrayList<>();
      eight.get("maskedSlots").forEach(n -> masked.add(n.asLong()));
      assertThat(masked)
          .isEqualTo(LongStream.range(132, 143).map(t -> DAY + (144 + t) * SLOT).boxed().toList());
      assertThat(eight.get("checked").asLong()).isEqualTo(143);

      // history (the read side) reaches the cell twins' traffic, byte for byte, masks included
      String query = "?from=2013-11-04T00:00Z&to=2013-11-06T00:00Z&resolution=hour";
      String traffic = http.get("/api/v1/cells/8/traffic" + query, Fixtures.VIEWER).body();
      assertThat(traffic).startsWith("cell,time,smsin,smsout,callin,callout,internet\n");
      HttpResponse<String> history;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      do {
        Thread.sleep(100);
        history = http.get("/api/v1/cells/8/history" + query, Fixtures.VIEWER);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
      } while (!history.body().equals(traffic) && System.nanoTime() < deadline);
      assertThat(history.body()).isEqualTo(traffic);
      assertThat(history.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");

      // bad input names the field
      assertError(
          http.get("/api/v1/cells/8/history?from=2013-13-01&to=2013-11-05", Fixtures.VIEWER),
          400,
          "from:");
      assertError(http.get("/api/v1/cells/0/integrity", Fixtures.VIEWER), 400, "id:");
      assertError(http.get("/api/v1/alerts", null), 401, "Authorization:");

      // the radio routes say the radio twin is off
      for (String path : List.of("/api/v1/stations", "/api/v1/stations/1", "/api/v1/kpis")) {
        assertError(http.get(path, Fixtures.VIEWER), 409, "the radio twin is off");
      }
      assertError(
          http.post("/api/v1/whatif", Fixtures.OPERATOR, "[{\"switch-off\": 1}]"),
          409,
          "the radio twin is off");
    }
  }

  @Test
  void anAlertSurvivesARestartOnceTheCellTwinRecovers() throws Exception {
    LiveSettings settings =
        LiveSettings.defaults(tmp.resolve("state")).withClock(CLOCK, Duration.ZERO);
    try (LiveTwin twin = LiveTwins.start(settings);
        DntServer server = DntServer.start(twin, Fixtures.settings(tmp))) {
      Http http = Http.of(server);
      send(http, day(8, 0, 3, 0, 0));
      send(http, day(8, 1, 4, 130, 144));
    }
    try (LiveTwin twin = LiveTwins.start(settings);
        DntServer server = DntServer.start(twin, Fixtures.settings(tmp))) {
      Http http = Http.of(server);
      // the cell twin recovers when first used; its recovery sets its alert
      assertThat(http.get("/api/v1/cells/8/integrity", Fixtures.VIEWER).statusCode())
          .isEqualTo(200);
      JsonNode alerts = JSON.readTree(http.get("/api/v1/alerts", Fixtures.VIEWER).body());
      assertThat(alerts.get("cells").get(0).asInt()).isEqualTo(8);
      assertThat(twin.alerts().toCompletableFuture().join()).containsExactly(CellId.of(8));
    }
  }

  static void assertError(HttpResponse<String> r, int status, String field) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(JSON.readTree(r.body()).get("error").asText()).as(r.body()).startsWith(field);
  }
}
