package dnt.serve;

import static dnt.serve.TwinRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.UserState;
import dnt.data.milan.BaseStations;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.RadioLayer;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The radio twin's routes over HTTP against the Pekko twin with a small radio twin of Milan:
 * stations at their OpenCellID positions, a station's users and relations, the KPIs, and what-if on
 * a fork that never touches the live twin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RadioRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveTwin twin;
  private DntServer server;
  private Http http;

  @BeforeAll
  void start(@TempDir Path tmp) {
    twin =
        LiveTwins.start(
            LiveSettings.defaults(tmp.resolve("state")).withRadio(RadioSettings.milan(300, 7)));
    server = DntServer.start(twin, Fixtures.settings(tmp));
    http = Http.of(server);
  }

  @AfterAll
  void stop() {
    server.close();
    twin.close();
  }

  private NetworkTwin radio() {
    return twin.radioTwin().toCompletableFuture().join();
  }

  private JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The station serving most users (ties: the lower id). */
  private static BaseStationId busiest(NetworkTwin radio) {
    BaseStationId best = null;
    for (BaseStationId s : radio.stationIds()) {
      if (best == null || radio.usersOf(s).size() > radio.usersOf(best).size()) {
        best = s;
      }
    }
    return best;
  }

  @Test
  void stationsSitAtTheirOpenCellIdPositions() throws Exception {
    JsonNode body = ok(http.get("/api/v1/stations", Fixtures.VIEWER));
    NetworkTwin radio = radio();
    Map<Integer, BaseStations.Station> known = new HashMap<>();
    for (BaseStations.Station s : BaseStations.load(RadioLayer.LTE, MilanGrid.load()).stations()) {
      known.put(s.id().value(), s);
    }
    assertThat(body.get("count").asInt()).isEqualTo(radio.stationCount()).isEqualTo(known.size());
    int users = 0;
    for (JsonNode s : body.get("stations")) {
      BaseStations.Station want = known.get(s.get("id").asInt());
      assertThat(want).as("station %s", s.get("id")).isNotNull();
      // the equirectangular projection and its inverse round-trip to ~1e-12 degrees
      assertThat(s.get("lon").asDouble()).isCloseTo(want.lon(), within(1e-9));
      assertThat(s.get("lat").asDouble()).isCloseTo(want.lat(), within(1e-9));
      assertThat(s.get("active").asBoolean()).isTrue();
      users += s.get("users").asInt();
      var state = radio.station(BaseStationId.of(s.get("id").asInt()));
      // no traffic was sent: the live twin's state is the fork's, printed exactly
      assertThat(s.get("loadMbps").asDouble()).isEqualTo(state.loadMbps());
      assertThat(s.get("activityFactor").asDouble()).isEqualTo(state.activityFactor());
      assertThat(s.get("powerDbm").asDouble()).isEqualTo(state.txPowerDbm());
    }
    long served = radio.userIds().stream().filter(u -> radio.user(u).served()).count();
    assertThat(users).isEqualTo((int) served);
  }

  @Test
  void eachStationListsTheMeanSinrOfTheUsersItServes() throws Exception {
    JsonNode body = ok(http.get("/api/v1/stations", Fixtures.VIEWER));
    NetworkTwin radio = radio();
    int withUsers = 0;
    for (JsonNode s : body.get("stations")) {
      BaseStationId id = BaseStationId.of(s.get("id").asInt());
      double sum = 0;
      int n = 0;
      for (UserId u : radio.usersOf(id)) {
        double sinr = radio.user(u).sinrDb();
        if (Double.isFinite(sinr)) {
          sum += sinr;
          n++;
        }
      }
      if (n == 0) {
        assertThat(s.get("meanSinrDb").isNull()).as("station %s serves nobody", id).isTrue();
      } else {
        withUsers++;
        // the same users' SINR added in another order: a few ulps of the sum
        assertThat(s.get("meanSinrDb").asDouble()).isCloseTo(sum / n, within(1e-9));
      }
    }
    assertThat(withUsers).isPositive();
  }

  @Test
  void aStationShowsItsUsersSinrAndItsNeighbours() throws Exception {
    NetworkTwin radio = radio();
    BaseStationId id = busiest(radio);
    JsonNode body =
        ok(http.get("/api/v1/stations/" + id.value() + "?neighbours=3", Fixtures.VIEWER));
    List<UserId> users = radio.usersOf(id);
    double[] sinr = users.stream().mapToDouble(u -> radio.user(u).sinrDb()).sorted().toArray();
    JsonNode d = body.get("sinrDb");
    assertThat(d.get("count").asInt()).isEqualTo(users.size());
    assertThat(d.get("min").asDouble()).isEqualTo(sinr[0]);
    assertThat(d.get("max").asDouble()).isEqualTo(sinr[sinr.length - 1]);
    // nearest rank: the ceil(n/2)-th smallest
    assertThat(d.get("p50").asDouble()).isEqualTo(sinr[(sinr.length + 1) / 2 - 1]);
    // a mean of n doubles: n ulps of the largest magnitude
    double mean = Arrays.stream(sinr).sum() / sinr.length;
    assertThat(d.get("mean").asDouble())
        .isCloseTo(
            mean,
            within(sinr.length * Math.ulp(Math.abs(sinr[0]) + Math.abs(sinr[sinr.length - 1]))));
    JsonNode relations = body.get("relations");
    assertThat(relations).hasSize(3);
    StationSpec own = radio.stationSpec(id);
    double previous = 0;
    for (JsonNode r : relations) {
      StationSpec other = radio.stationSpec(BaseStationId.of(r.get("station").asInt()));
      double distance =
          Math.hypot(
              own.position().x() - other.position().x(), own.position().y() - other.position().y());
      // the same hypot of the same doubles
      assertThat(r.get("distanceM").asDouble()).isEqualTo(distance);
      assertThat(distance).isGreaterThanOrEqualTo(previous);
      previous = distance;
      assertThat(r.get("coverageOverlap").asDouble()).isBetween(0.0, 1.0);
    }
    assertError(http.get("/api/v1/stations/999999999", Fixtures.VIEWER), 404, "id:");
    assertError(http.get("/api/v1/stations/x", Fixtures.VIEWER), 400, "id:");
    assertError(
        http.get("/api/v1/stations/" + id.value() + "?neighbours=-1", Fixtures.VIEWER),
        400,
        "neighbours:");
  }

  @Test
  void aWhatIfComparesKpisAndLeavesTheLiveTwinAlone() throws Exception {
    NetworkTwin radio = radio();
    BaseStationId off = busiest(radio);
    Set<Integer> servedByIt = new HashSet<>();
    radio.usersOf(off).forEach(u -> servedByIt.add(u.value()));
    String kpisBefore = ok(http.get("/api/v1/kpis", Fixtures.VIEWER)).toString();
    int active = (int) radio.stationIds().stream().filter(s -> radio.station(s).active()).count();

    HttpResponse<String> r =
        http.post(
            "/api/v1/whatif?top=5",
            Fixtures.OPERATOR,
            "{\"changes\": [{\"switch-off\": " + off.value() + "}]}");
    JsonNode body = ok(r);
    assertThat(body.get("changes").asInt()).isEqualTo(1);
    JsonNode stations = null;
    for (JsonNode k : body.get("kpis")) {
      if (k.get("kpi").asText().equals("active stations")) {
        stations = k;
      }
    }
    assertThat(stations).isNotNull();
    assertThat(stations.get("baseline").asDouble()).isEqualTo(active);
    assertThat(stations.get("scenario").asDouble()).isEqualTo(active - 1);
    // the users that change most are users it served: they lose their station
    JsonNode users = body.get("users");
    assertThat(users).hasSize(Math.min(5, servedByIt.size()));
    for (JsonNode u : users) {
      assertThat(servedByIt).contains(u.get("user").asInt());
      assertThat(u.get("servingBefore").asInt()).isEqualTo(off.value());
    }

    // the live twin is untouched
    assertThat(ok(http.get("/api/v1/kpis", Fixtures.VIEWER)).toString()).isEqualTo(kpisBefore);
    NetworkTwin after = radio();
    assertThat(after.station(off).active()).isTrue();
    for (UserId u : after.userIds()) {
      UserState a = after.user(u);
      assertThat(a.sinrDb()).isEqualTo(radio.user(u).sinrDb());
    }
    JsonNode kpis = JSON.readTree(kpisBefore);
    assertThat(kpis.get("activeStations").asInt()).isEqualTo(active);
  }

  @Test
  void badChangesNameTheChangeAndTheKey() throws Exception {
    int station = busiest(radio()).value();
    assertError(
        http.post(
            "/api/v1/whatif",
            Fixtures.OPERATOR,
            "[{\"power\": {\"station\": "
                + station
                + ", \"dbm\": 36}},"
                + " {\"power\": {\"station\": "
                + station
                + ", \"dbm\": 3600}}]"),
        400,
        "body: change 2 (power), 'dbm'");
    assertError(
        http.post(
            "/api/v1/whatif", Fixtures.OPERATOR, "[{\"traffic\": {\"user\": 1, \"mbps\": \"x\"}}]"),
        400,
        "body: change 1 (traffic), 'mbps'");
    assertError(
        http.post("/api/v1/whatif", Fixtures.OPERATOR, "[{\"teleport\": {}}]"),
        400,
        "body: change 1: unknown change 'teleport'");
    assertError(
        http.post("/api/v1/whatif", Fixtures.OPERATOR, "[{\"switch-off\": 999999999}]"),
        400,
        "body: change 1: station 999999999");
    assertError(http.post("/api/v1/whatif", Fixtures.OPERATOR, "[{"), 400, "body: not valid JSON");
    assertError(http.post("/api/v1/whatif", Fixtures.OPERATOR, "[]"), 400, "body:");
    assertError(
        http.post("/api/v1/whatif", Fixtures.VIEWER, "[{\"switch-off\": 1}]"),
        403,
        "Authorization:");
  }
}
