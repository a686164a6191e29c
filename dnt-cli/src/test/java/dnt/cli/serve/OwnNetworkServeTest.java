package dnt.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.cli.CliRun;
import dnt.cli.serve.InProcessServe.Serving;
import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinEvent;
import dnt.core.util.Progress;
import dnt.data.network.OwnNetwork;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt serve --stations --grid} on the example of docs/examples/own-network: the same API
 * answers with the example's cells and stations, posted telemetry drives a cell's traffic and its
 * stations' load as a from-scratch twin computes it, and a cell outside the grid is refused.
 */
final class OwnNetworkServeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Station loads over HTTP against a from-scratch recomputation: NetworkTwin's incremental
   * propagation drifts at most 1e-9 relative from it (docs/twin.md, RadioCouplingTest), and JSON
   * carries doubles exactly.
   */
  private static final double DRIFT = 1e-9;

  @TempDir Path dir;
  private final InProcessServe serving = new InProcessServe();

  @AfterEach
  void shutdown() {
    serving.close();
  }

  static Path example() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("docs/examples/own-network"))) {
      d = d.getParent();
    }
    assertThat(d).as("docs/examples/own-network above the working directory").isNotNull();
    return d.resolve("docs/examples/own-network");
  }

  private Serving serve(String... args) throws Exception {
    return serving.serve(Duration.ofSeconds(90), args);
  }

  private JsonNode getJson(String url, String token) throws Exception {
    HttpResponse<String> r = get(url, token);
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    return serving.get(url, token);
  }

  private HttpResponse<String> post(String url, String token, String body) throws Exception {
    return serving.post(url, token, body);
  }

  private static String adminToken(Path state) throws Exception {
    return InProcessServe.adminToken(state);
  }

  @Test
  void theExampleNetworkIsServedAndTelemetryDrivesItsCellsAndStations() throws Exception {
    Path ex = example();
    Path state = dir.resolve("state");
    Serving s =
        serve(
            "--port", "0",
            "--state", state.toString(),
            "--stations", ex.resolve("stations.csv").toString(),
            "--grid", ex.resolve("grid.geojson").toString(),
            "--forecast", "off");
    try {
      assertThat(s.out().toString())
          .contains("network: 16 cells from " + ex.resolve("grid.geojson"))
          .contains("12 stations from " + ex.resolve("stations.csv"))
          .contains("replay: off");
      String api = s.command().url();
      String token = adminToken(state);

      // the grid: the example's cell ids and corners, read here from the GeoJSON itself
      JsonNode geo = JSON.readTree(ex.resolve("grid.geojson").toFile());
      Map<Integer, JsonNode> ringOf = new HashMap<>();
      for (JsonNode f : geo.get("features")) {
        ringOf.put(f.path("properties").path("cellId").asInt(), f.at("/geometry/coordinates/0"));
      }
      JsonNode grid = getJson(api + "/grid", token);
      List<Integer> cells = new ArrayList<>();
      grid.get("cells").forEach(c -> cells.add(c.asInt()));
      assertThat(cells).containsExactlyElementsOf(new TreeSet<>(ringOf.keySet()));
      assertThat(grid.get("corners").asInt()).isEqualTo(4);
      for (int i = 0; i < cells.size(); i++) {
        JsonNode ring = ringOf.get(cells.get(i));
        for (int k = 0; k < 4; k++) {
          // 6 decimals in the answer; the projection round trip adds ~1e-12 degrees
          assertThat(grid.get("rings").get(8 * i + 2 * k).asDouble())
              .isCloseTo(ring.get(k).get(0).asDouble(), within(1e-6));
          assertThat(grid.get("rings").get(8 * i + 2 * k + 1).asDouble())
              .isCloseTo(ring.get(k).get(1).asDouble(), within(1e-6));
        }
      }
      JsonNode layer = getJson(api + "/layers/traffic", token);
      assertThat(layer.get("count").asInt()).isEqualTo(16);

      // the stations: the example's ids and positions, read here from the CSV itself
      List<String> lines = Files.readAllLines(ex.resolve("stations.csv"));
      Map<Integer, double[]> xy = new HashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        xy.put(
            Integer.parseInt(f[0]),
            new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
      }
      JsonNode before = getJson(api + "/stations", token);
      assertThat(before.get("count").asInt()).isEqualTo(xy.size());
      for (JsonNode st : before.get("stations")) {
        double[] p = xy.get(st.get("id").asInt());
        assertThat(p).as("station %s", st.get("id")).isNotNull();
        assertThat(st.get("x").asDouble()).isEqualTo(p[0]);
        assertThat(st.get("y").asDouble()).isEqualTo(p[1]);
      }
      assertThat(get(api + "/stations/109", token).statusCode()).isEqualTo(200);

      // telemetry: the example's rows
      String rows = Files.readString(ex.resolve("telemetry.tsv"));
      HttpResponse<String> accepted = post(api + "/telemetry", token, rows);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      assertThat(JSON.readTree(accepted.body()).get("accepted").asInt())
          .isEqualTo((int) rows.lines().count());
      // cell 6's traffic: the rows of each slot summed over country codes
      Map<Long, Double> internet6 = new HashMap<>();
      Map<Integer, long[]> newestSlot = new HashMap<>();
      Map<Integer, Map<Long, Double>> byCellSlot = new HashMap<>();
      for (String line : rows.lines().toList()) {
        String[] f = line.split("\t");
        int cell = Integer.parseInt(f[0]);
        long slot = Long.parseLong(f[1]);
        double v = Double.parseDouble(f[7]);
        byCellSlot.computeIfAbsent(cell, c -> new HashMap<>()).merge(slot, v, Double::sum);
        if (cell == 6) {
          internet6.merge(slot, v, Double::sum);
        }
        newestSlot.merge(cell, new long[] {slot}, (a, b) -> a[0] >= b[0] ? a : b);
      }
      long first = internet6.keySet().stream().min(Long::compare).orElseThrow();
      HttpResponse<String> csv =
          get(
              api
                  + "/cells/6/traffic?from="
                  + java.time.Instant.ofEpochMilli(first)
                  + "&to="
                  + java.time.Instant.ofEpochMilli(first + 1_200_000),
              token);
      assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
      List<String> out = csv.body().lines().toList();
      assertThat(out).hasSize(3);
      for (int k = 0; k < 2; k++) {
        String[] f = out.get(1 + k).split(",");
        assertThat(Long.parseLong(f[1])).isEqualTo(first + 600_000L * k);
        // a sum of two decimals, as the twin adds them: at most an ulp apart
        assertThat(Double.parseDouble(f[6]))
            .isCloseTo(internet6.get(first + 600_000L * k), within(1e-9));
      }

      // the stations' loads against a from-scratch twin of the same network and users, each
      // cell's users given 0.01 Mbit/s per unit of its newest slot's internet activity
      OwnNetwork n = OwnNetwork.read(ex.resolve("stations.csv"), ex.resolve("grid.geojson"));
      NetworkTwin fresh =
          n.build(ServeCommand.radioUsers(n), 0.5, ServeCommand.RADIO_SEED, Progress.NONE);
      Map<Integer, List<UserId>> users = new HashMap<>();
      for (UserId u : fresh.userIds()) {
        var in = n.grid().containing(fresh.userSpec(u).position());
        users.computeIfAbsent(in == null ? -1 : in.value(), c -> new ArrayList<>()).add(u);
      }
      for (Map.Entry<Integer, long[]> e : newestSlot.entrySet()) {
        double activity = byCellSlot.get(e.getKey()).get(e.getValue()[0]);
        List<UserId> us = users.get(e.getKey());
        for (UserId u : us) {
          fresh.apply(new TwinEvent.TrafficObserved(u, 0.01 * activity / us.size()));
        }
      }
      NetworkTwin expected = fresh.recomputed();
      JsonNode after = getJson(api + "/stations", token);
      boolean rose = false;
      for (int i = 0; i < after.get("count").asInt(); i++) {
        JsonNode st = after.get("stations").get(i);
        double load = st.get("loadMbps").asDouble();
        double want = expected.station(BaseStationId.of(st.get("id").asInt())).loadMbps();
        assertThat(load)
            .as("load of station %s", st.get("id"))
            .isCloseTo(want, within(DRIFT * Math.max(1, want)));
        rose |= load > before.get("stations").get(i).get("loadMbps").asDouble() + 1;
      }
      assertThat(rose).as("some station's load rose").isTrue();

      // a cell outside the grid is refused, naming the row, and nothing is applied
      HttpResponse<String> refused =
          post(
              api + "/telemetry",
              token,
              "6\t" + first + "\t39\t0\t0\t0\t0\t1\n17\t" + first + "\t39\t0\t0\t0\t0\t1\n");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).get("error").asText())
          .contains("telemetry row 2 (cell 17): cell 17 is not a cell of this twin");
    } finally {
      assertThat(s.stop()).isEqualTo(0);
    }
  }

  @Test
  void aStateFolderOfAnotherNetworkIsRefusedWithOneSentence() throws Exception {
    Path ex = example();
    Path state = dir.resolve("state");
    Serving s =
        serve(
            "--port",
            "0",
            "--state",
            state.toString(),
            "--replay",
            "off",
            "--radio",
            "off",
            "--forecast",
            "off");
    assertThat(s.stop()).isEqualTo(0);
    CliRun r =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--state",
            state.toString(),
            "--radio",
            "off",
            "--forecast",
            "off",
            "--stations",
            ex.resolve("stations.csv").toString(),
            "--grid",
            ex.resolve("grid.geojson").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("the state folder " + state)
        .contains("holds the twin of Milan, not of the network of " + ex.resolve("stations.csv"));
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void badNetworkFilesAndOptionsExitWith2AndOneSentence() throws Exception {
    Path ex = example();
    Path state = dir.resolve("state");
    CliRun alone =
        CliRun.of(
            "serve",
            "--state",
            state.toString(),
            "--stations",
            ex.resolve("stations.csv").toString());
    assertThat(alone.status()).isEqualTo(2);
    assertThat(alone.err()).contains("--stations needs --grid");

    Path grid = dir.resolve("grid.geojson");
    Files.writeString(
        grid,
        Files.readString(ex.resolve("grid.geojson")).replace("\"cellId\": 2}", "\"cellId\": 1}"));
    CliRun dup =
        CliRun.of(
            "serve",
            "--state",
            state.toString(),
            "--stations",
            ex.resolve("stations.csv").toString(),
            "--grid",
            grid.toString());
    assertThat(dup.status()).isEqualTo(2);
    assertThat(dup.err()).contains(grid + " features[1]: cell id 1 appears twice");
    assertThat(dup.err().lines().count()).isEqualTo(1);

    Path stations = dir.resolve("stations.csv");
    Files.writeString(
        stations, Files.readString(ex.resolve("stations.csv")).replace("102,760,", "102,seven,"));
    CliRun nan =
        CliRun.of(
            "serve",
            "--state",
            state.toString(),
            "--stations",
            stations.toString(),
            "--grid",
            ex.resolve("grid.geojson").toString());
    assertThat(nan.status()).isEqualTo(2);
    assertThat(nan.err()).contains(stations + " line 3: x 'seven' is not a number");
    assertThat(nan.err()).doesNotContain("\tat ");
    // nothing was created for a refused start
    assertThat(state).doesNotExist();

    CliRun replay =
        CliRun.of(
            "serve",
            "--state",
            state.toString(),
            "--replay",
            "on",
            "--stations",
            ex.resolve("stations.csv").toString(),
            "--grid",
            ex.resolve("grid.geojson").toString());
    assertThat(replay.status()).isEqualTo(2);
    assertThat(replay.err()).contains("--replay on: the bundled subset is Milan's");
  }
}
