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

  /**
   * The equirectangular map from the plane to longitude and latitude is affine in each axis; fitted
   * to two stations far apart in the listing (which gives both coordinates), independently of the
   * server's projection code.
   */
  private record Affine(
      double x0, double lon0, double lonPerM, double y0, double lat0, double latPerM) {
    static Affine fit(JsonNode stations) {
      JsonNode west = null;
      JsonNode east = null;
      JsonNode south = null;
      JsonNode north = null;
      for (JsonNode s : stations) {
        if (west == null || s.get("x").asDouble() < west.get("x").asDouble()) {
          west = s;
        }
        if (east == null || s.get("x").asDouble() > east.get("x").asDouble()) {
          east = s;
        }
        if (south == null || s.get("y").asDouble() < south.get("y").asDouble()) {
          south = s;
        }
        if (north == null || s.get("y").asDouble() > north.get("y").asDouble()) {
          north = s;
        }
      }
      return new Affine(
          west.get("x").asDouble(),
          west.get("lon").asDouble(),
          (east.get("lon").asDouble() - west.get("lon").asDouble())
              / (east.get("x").asDouble() - west.get("x").asDouble()),
          south.get("y").asDouble(),
          south.get("lat").asDouble(),
          (north.get("lat").asDouble() - south.get("lat").asDouble())
              / (north.get("y").asDouble() - south.get("y").asDouble()));
    }

    double lon(double x) {
      return lon0 + (x - x0) * lonPerM;
    }

    double lat(double y) {
      return lat0 + (y - y0) * latPerM;
    }

    double x(double lon) {
      return x0 + (lon - lon0) / lonPerM;
    }

    double y(double lat) {
      return y0 + (lat - lat0) / latPerM;
    }
  }

  @Test
  void theUsersAWhatIfListsCarryTheirPositionAndTheirSinrBeforeAndAfter() throws Exception {
    NetworkTwin radio = radio();
    BaseStationId off = busiest(radio);
    Affine map = Affine.fit(ok(http.get("/api/v1/stations", Fixtures.VIEWER)).get("stations"));
    JsonNode users =
        ok(http.post(
                "/api/v1/whatif?top=5",
                Fixtures.OPERATOR,
                "[{\"switch-off\": " + off.value() + "}]"))
            .get("users");
    assertThat(users).isNotEmpty();
    for (JsonNode u : users) {
      UserId id = UserId.of(u.get("user").asInt());
      var at = radio.userSpec(id).position();
      // a switch-off moves nobody: the position is the live twin's, printed exactly
      assertThat(u.get("x").asDouble()).isEqualTo(at.x());
      assertThat(u.get("y").asDouble()).isEqualTo(at.y());
      // a few double operations on degrees near 9 and 45: ulps of 1e-15, far below 1e-9 (0.1 mm)
      assertThat(u.get("lon").asDouble()).isCloseTo(map.lon(at.x()), within(1e-9));
      assertThat(u.get("lat").asDouble()).isCloseTo(map.lat(at.y()), within(1e-9));
      UserState before = radio.user(id);
      assertThat(u.get("sinrBeforeDb").asDouble()).isEqualTo(before.sinrDb());
      if (!u.get("sinrAfterDb").isNull()) {
        assertThat(u.get("changeDb").asDouble())
            .isEqualTo(u.get("sinrAfterDb").asDouble() - before.sinrDb());
      }
    }
  }

  @Test
  void anAddedStationMayStandAtALongitudeAndLatitude() throws Exception {
    JsonNode stations = ok(http.get("/api/v1/stations", Fixtures.VIEWER)).get("stations");
    Affine map = Affine.fit(stations);
    int newId = 0;
    for (JsonNode s : stations) {
      newId = Math.max(newId, s.get("id").asInt() + 1);
    }
    // a point among the stations: the middle of the busiest station and its nearest neighbour
    JsonNode busy = null;
    for (JsonNode s : stations) {
      if (busy == null || s.get("users").asInt() > busy.get("users").asInt()) {
        busy = s;
      }
    }
    double lon = busy.get("lon").asDouble() + 0.002;
    double lat = busy.get("lat").asDouble() + 0.001;
    JsonNode byDegrees =
        ok(
            http.post(
                "/api/v1/whatif?top=20",
                Fixtures.OPERATOR,
                "[{\"add-station\": {\"id\": "
                    + newId
                    + ", \"lon\": "
                    + lon
                    + ", \"LAT\": "
                    + lat
                    + ", \"power-dbm\": 40}}]"));
    JsonNode byMetres =
        ok(
            http.post(
                "/api/v1/whatif?top=20",
                Fixtures.OPERATOR,
                "[{\"add-station\": {\"id\": "
                    + newId
                    + ", \"x\": "
                    + map.x(lon)
                    + ", \"y\": "
                    + map.y(lat)
                    + ", \"power-dbm\": 40}}]"));
    JsonNode kpis = byDegrees.get("kpis");
    assertThat(kpis).hasSameSizeAs(byMetres.get("kpis"));
    for (int i = 0; i < kpis.size(); i++) {
      JsonNode a = kpis.get(i);
      JsonNode b = byMetres.get("kpis").get(i);
      assertThat(a.get("kpi").asText()).isEqualTo(b.get("kpi").asText());
      if (a.get("kpi").asText().equals("active stations")) {
        assertThat(a.get("change").asDouble()).isEqualTo(1.0);
      }
      // the two positions differ by the fit's rounding, well under a millimetre: path losses
      // differ by under 1e-6 dB, so each KPI agrees to a millionth of its size
      assertThat(a.get("scenario").asDouble())
          .as(a.get("kpi").asText())
          .isCloseTo(
              b.get("scenario").asDouble(),
              within(1e-6 * (1 + Math.abs(b.get("scenario").asDouble()))));
    }
    // the users the new station takes over are listed, and sit near it (its users are within its
    // range of a few km)
    JsonNode users = byDegrees.get("users");
    assertThat(users).isNotEmpty();
    boolean anyServedByIt = false;
    for (JsonNode u : users) {
      anyServedByIt |= !u.get("servingAfter").isNull() && u.get("servingAfter").asInt() == newId;
    }
    assertThat(anyServedByIt).isTrue();
    // both ways of placing it at once, or half a position, are refused naming the change
    assertError(
        http.post(
            "/api/v1/whatif",
            Fixtures.OPERATOR,
            "[{\"switch-off\": "
                + busy.get("id").asInt()
                + "}, {\"add-station\": {\"id\": "
                + newId
                + ", \"lon\": 9.19, \"lat\": 45.46, \"x\": 0, \"y\": 0}}]"),
        400,
        "body: change 2 (add-station): give either x and y or lon and lat");
    assertError(
        http.post(
            "/api/v1/whatif",
            Fixtures.OPERATOR,
            "[{\"add-station\": {\"id\": " + newId + ", \"lon\": 9.19}}]"),
        400,
        "body: change 1 (add-station): missing 'lat'");
    assertError(
        http.post(
            "/api/v1/whatif",
            Fixtures.OPERATOR,
            "[{\"add-station\": {\"id\": " + newId + ", \"lon\": 9.19, \"lat\": 91}}]"),
        400,
        "body: change 1 (add-station), 'lat': must be degrees in -90..90");
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
