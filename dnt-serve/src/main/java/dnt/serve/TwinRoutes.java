package dnt.serve;

import static dnt.serve.DntServer.API;
import static dnt.serve.DntServer.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.BaseStationId;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.LocalProjection;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationRelation;
import dnt.core.twin.StationSpec;
import dnt.core.twin.StationState;
import dnt.core.twin.TwinKpis;
import dnt.core.twin.UserState;
import dnt.core.whatif.Change;
import dnt.core.whatif.ChangeParser;
import dnt.core.whatif.KpiChange;
import dnt.core.whatif.WhatIf;
import dnt.core.whatif.WhatIfResult;
import dnt.live.CellTraffic;
import dnt.live.IntegrityReport;
import dnt.live.LiveTwin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The routes of {@code dnt serve} over the running twin beyond telemetry and traffic: a cell's
 * history (the read side) and integrity, the integrity alerts, the radio twin's stations, a
 * station's users and twin-graph relations, the network KPIs, and what-if analysis on a fork of the
 * radio twin (Zhang et al., Sec. II: try changes safely before they touch the real network). Every
 * answer is JSON (history: the traffic CSV); every error the {@link DntServer} JSON naming the
 * field.
 */
final class TwinRoutes {
  /** The routes, in the order they are registered. */
  static final List<DntServer.Route> ROUTES =
      List.of(
          new DntServer.Route("GET", API + "/cells/{id}/history", Role.VIEWER),
          new DntServer.Route("GET", API + "/cells/{id}/integrity", Role.VIEWER),
          new DntServer.Route("GET", API + "/alerts", Role.VIEWER),
          new DntServer.Route("GET", API + "/stations", Role.VIEWER),
          new DntServer.Route("GET", API + "/stations/{id}", Role.VIEWER),
          new DntServer.Route("GET", API + "/kpis", Role.VIEWER),
          new DntServer.Route("POST", API + "/whatif", Role.OPERATOR),
          new DntServer.Route("GET", API + "/cells/{id}/forecast", Role.VIEWER),
          new DntServer.Route("GET", API + "/federated", Role.VIEWER),
          new DntServer.Route("GET", API + "/cluster", Role.VIEWER));

  /** Default number of a station's nearest neighbours whose relations are listed. */
  static final int DEFAULT_NEIGHBOURS = 6;

  /** Most neighbours one station query may ask for. */
  static final int MAX_NEIGHBOURS = 50;

  /** Default number of users listed by a what-if, those whose SINR changes most. */
  static final int DEFAULT_TOP_USERS = 10;

  /** Most users one what-if may list. */
  static final int MAX_TOP_USERS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RADIO_OFF =
      "the radio twin is off; start dnt serve with --radio on to query stations, KPIs and what-if";

  private final DntServer server;
  private final LiveTwin twin;

  TwinRoutes(DntServer server, LiveTwin twin) {
    this.server = server;
    this.twin = twin;
  }

  /**
   * Registers the routes.
   *
   * @param routes Javalin's routes
   * @param tracked wraps a handler so that it is refused while the server stops
   */
  void register(RoutesConfig routes, UnaryOperator<Handler> tracked) {
    routes.get(API + "/cells/{id}/history", tracked.apply(this::history));
    routes.get(API + "/cells/{id}/integrity", tracked.apply(this::integrity));
    routes.get(API + "/alerts", tracked.apply(this::alerts));
    routes.get(API + "/stations", tracked.apply(this::stations));
    routes.get(API + "/stations/{id}", tracked.apply(this::station));
    routes.get(API + "/kpis", tracked.apply(this::kpis));
    routes.post(API + "/whatif", tracked.apply(this::whatIf));
    ForecastRoutes forecasts = new ForecastRoutes(server, twin);
    routes.get(API + "/cells/{id}/forecast", tracked.apply(forecasts::forecast));
    routes.get(API + "/federated", tracked.apply(forecasts::federated));
    routes.get(API + "/cluster", tracked.apply(new ClusterRoutes(server, twin)::cluster));
  }

  // ---- answers

  /**
   * A cell's integrity.
   *
   * @param cell the cell
   * @param diverging whether its stream is flagged now
   * @param checked slots judged so far
   * @param maskedSlots start of each masked slot, epoch ms UTC
   * @param predictor what predicted the newest judged slot: none, seasonal-naive or forecaster
   */
  record IntegrityView(
      int cell, boolean diverging, long checked, List<Long> maskedSlots, String predictor) {}

  /**
   * The alerts.
   *
   * @param count how many cells are flagged
   * @param cells the flagged cells, ascending
   */
  record AlertsView(int count, List<Integer> cells) {}

  /**
   * A station now.
   *
   * @param id its id
   * @param lon longitude, degrees WGS84
   * @param lat latitude, degrees WGS84
   * @param x metres east on the twin's plane (what-if's coordinates)
   * @param y metres north on the twin's plane
   * @param active false once switched off
   * @param powerDbm transmit power, dBm
   * @param capacityMbps capacity, Mbit/s
   * @param loadMbps offered traffic of its users, Mbit/s
   * @param activityFactor {@code min(1, load / capacity)}
   * @param users users it serves
   * @param meanSinrDb the mean SINR of the users it serves, dB (null when it serves nobody)
   */
  record StationView(
      int id,
      double lon,
      double lat,
      double x,
      double y,
      boolean active,
      double powerDbm,
      double capacityMbps,
      double loadMbps,
      double activityFactor,
      int users,
      @Nullable Double meanSinrDb) {}

  /**
   * The stations.
   *
   * @param count how many
   * @param stations each, by id
   */
  record StationsView(int count, List<StationView> stations) {}

  /**
   * The distribution of a quantity over a station's users (nearest-rank percentiles); all null when
   * the station serves nobody.
   *
   * @param count users counted (those with a finite value)
   * @param mean the mean
   * @param min the least
   * @param p5 the 5th percentile
   * @param p50 the median
   * @param p95 the 95th percentile
   * @param max the largest
   */
  record Distribution(
      int count,
      @Nullable Double mean,
      @Nullable Double min,
      @Nullable Double p5,
      @Nullable Double p50,
      @Nullable Double p95,
      @Nullable Double max) {}

  /**
   * A station's relation to a neighbour in the twin graph.
   *
   * @param station the neighbour
   * @param distanceM distance, m
   * @param coverageOverlap the pair's handover candidates over their users (0..1)
   * @param trafficSimilarity {@code 1 - JSD} of their users' demand histograms (0..1); null when
   *     one serves nobody
   */
  record RelationView(
      int station, double distanceM, double coverageOverlap, @Nullable Double trafficSimilarity) {}

  /**
   * A station in detail.
   *
   * @param station the station
   * @param sinrDb the SINR of its users, dB
   * @param rateMbps the rate of its users, Mbit/s
   * @param relations its nearest active neighbours, closest first
   */
  record StationDetail(
      StationView station,
      Distribution sinrDb,
      Distribution rateMbps,
      List<RelationView> relations) {}

  /**
   * A KPI before and after the changes.
   *
   * @param kpi its name and unit
   * @param baseline on the live twin's copy
   * @param scenario after the changes
   * @param change {@code scenario - baseline}
   */
  record KpiView(String kpi, double baseline, double scenario, double change) {}

  /**
   * A user's SINR before and after, and where the user is (after the changes, which may move it).
   *
   * @param user the user
   * @param lon longitude, degrees WGS84
   * @param lat latitude, degrees WGS84
   * @param x metres east on the twin's plane
   * @param y metres north on the twin's plane
   * @param sinrBeforeDb on the live twin's copy, dB (null when unserved)
   * @param sinrAfterDb after the changes (null when unserved)
   * @param changeDb after minus before (null when either is)
   * @param servingBefore its station before (null when unserved)
   * @param servingAfter its station after (null when unserved)
   */
  record UserChangeView(
      int user,
      double lon,
      double lat,
      double x,
      double y,
      @Nullable Double sinrBeforeDb,
      @Nullable Double sinrAfterDb,
      @Nullable Double changeDb,
      @Nullable Integer servingBefore,
      @Nullable Integer servingAfter) {}

  /**
   * The answer of a what-if.
   *
   * @param changes changes applied
   * @param usersAffected users whose state some change touched
   * @param stationsAffected stations whose state some change touched
   * @param kpis each KPI before and after
   * @param users the users whose SINR changes most (a user that loses or gains service first)
   */
  record WhatIfView(
      int changes,
      int usersAffected,
      int stationsAffected,
      List<KpiView> kpis,
      List<UserChangeView> users) {}

  // ---- handlers

  private void history(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read history");
    DntServer.TrafficQuery q = DntServer.trafficQuery(ctx);
    CellTraffic d =
        await(twin.history(q.cell(), q.from(), q.to(), q.resolution(), q.view()), 404, "id: ");
    ctx.contentType("text/csv; charset=utf-8").result(TrafficCsv.write(d));
  }

  private void integrity(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read integrity");
    CellId cell = DntServer.cellParam(ctx.pathParam("id"));
    IntegrityReport r = await(twin.integrity(cell), 404, "id: ");
    ctx.json(
        new IntegrityView(
            r.cell().value(), r.diverging(), r.checked(), r.maskedSlots(), r.predictor()));
  }

  private void alerts(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read alerts");
    List<Integer> cells = await(twin.alerts(), 400, "").stream().map(CellId::value).toList();
    ctx.json(new AlertsView(cells.size(), cells));
  }

  private void stations(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read stations");
    LocalProjection plane = plane();
    NetworkTwin radio = radio();
    java.util.Map<BaseStationId, double[]> sinr = new java.util.HashMap<>();
    for (UserId u : radio.userIds()) {
      UserState s = radio.user(u);
      BaseStationId at = s.serving();
      if (s.served() && at != null && Double.isFinite(s.sinrDb())) {
        double[] sum = sinr.computeIfAbsent(at, k -> new double[2]);
        sum[0] += s.sinrDb();
        sum[1]++;
      }
    }
    List<StationView> out = new ArrayList<>();
    for (BaseStationId id : radio.stationIds()) {
      double[] sum = sinr.get(id);
      out.add(view(radio, plane, id, sum == null ? null : sum[0] / sum[1]));
    }
    ctx.json(new StationsView(out.size(), out));
  }

  private void station(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read stations");
    LocalProjection plane = plane();
    String text = ctx.pathParam("id");
    int id;
    try {
      id = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 0) {
      throw new DntServer.ApiError(
          400, "id: '" + text + "' is not a station id (a non-negative integer)");
    }
    int k = intParam(ctx, "neighbours", DEFAULT_NEIGHBOURS, 0, MAX_NEIGHBOURS);
    NetworkTwin radio = radio();
    BaseStationId station = BaseStationId.of(id);
    if (!radio.stationIds().contains(station)) {
      throw new DntServer.ApiError(404, "id: unknown station " + id);
    }
    List<UserId> users = radio.usersOf(station);
    double[] sinr = new double[users.size()];
    double[] rate = new double[users.size()];
    for (int i = 0; i < users.size(); i++) {
      UserState u = radio.user(users.get(i));
      sinr[i] = u.sinrDb();
      rate[i] = u.rateMbps();
    }
    List<RelationView> relations = new ArrayList<>();
    for (BaseStationId other : radio.neighbours(station, k)) {
      StationRelation r = radio.relation(station, other);
      relations.add(
          new RelationView(
              other.value(), r.distanceM(), r.coverageOverlap(), finite(r.trafficSimilarity())));
    }
    Distribution sinrDb = distribution(sinr);
    ctx.json(
        new StationDetail(
            view(radio, plane, station, sinrDb.mean()), sinrDb, distribution(rate), relations));
  }

  private void kpis(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read KPIs");
    plane();
    TwinKpis k = await(twin.radioKpis(), 400, "");
    ctx.json(k);
  }

  private void whatIf(Context ctx) {
    server.authorize(ctx, Role.OPERATOR, "run a what-if");
    LocalProjection plane = plane();
    int top = intParam(ctx, "top", DEFAULT_TOP_USERS, 0, MAX_TOP_USERS);
    List<Change> changes = changes(server.readBody(ctx), plane);
    NetworkTwin before = radio();
    WhatIfResult result;
    try {
      result = WhatIf.evaluateChanges(before, changes);
    } catch (InvalidInputException e) {
      throw new DntServer.ApiError(400, "body: " + e.getMessage());
    }
    List<KpiView> kpis = new ArrayList<>();
    for (KpiChange c : result.kpiChanges()) {
      kpis.add(new KpiView(c.kpi(), c.baseline(), c.scenario(), c.change()));
    }
    ctx.json(
        new WhatIfView(
            result.eventsApplied(),
            result.usersAffected(),
            result.stationsAffected(),
            kpis,
            mostChanged(before, result.scenarioTwin(), top, plane)));
  }

  // ---- parts

  /**
   * The changes of a what-if body: a JSON list, or an object whose only key is {@code changes}. An
   * {@code add-station} may place the station by {@code lon} and {@code lat} (degrees WGS84, as the
   * stations are listed and the dashboard's map is drawn) instead of {@code x} and {@code y}; they
   * are projected onto the twin's plane first.
   */
  static List<Change> changes(String body, LocalProjection plane) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DntServer.ApiError(400, "body: not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root;
    if (root != null && root.isObject()) {
      list = null;
      for (var e : root.properties()) {
        if (!e.getKey().equalsIgnoreCase("changes")) {
          throw new DntServer.ApiError(
              400, "body: unknown key '" + e.getKey() + "'; the only key is 'changes'");
        }
        list = e.getValue();
      }
    }
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new DntServer.ApiError(
          400,
          "body: expected a non-empty JSON list of changes (or {\"changes\": [...]}), such as"
              + " [{\"power\": {\"station\": 77, \"dbm\": 36}}]");
    }
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      entries.add(placed(JSON.convertValue(list.get(i), Object.class), i + 1, plane));
    }
    try {
      return ChangeParser.parseAll(entries, "");
    } catch (InvalidInputException e) {
      throw new DntServer.ApiError(400, "body: " + e.getMessage());
    }
  }

  /**
   * An {@code add-station} change with {@code lon} and {@code lat} as one with {@code x} and {@code
   * y} on the plane; any other change as it is.
   */
  private static @Nullable Object placed(
      @Nullable Object change, int number, LocalProjection plane) {
    if (!(change instanceof java.util.Map<?, ?> map)
        || map.size() != 1
        || !String.valueOf(map.keySet().iterator().next()).strip().equalsIgnoreCase("add-station")
        || !(map.values().iterator().next() instanceof java.util.Map<?, ?> keys)) {
      return change;
    }
    String where = "body: change " + number + " (add-station)";
    java.util.Map<String, @Nullable Object> out = new java.util.LinkedHashMap<>();
    Object lon = null;
    Object lat = null;
    boolean plain = false;
    for (var e : keys.entrySet()) {
      String key = String.valueOf(e.getKey()).strip();
      if (key.equalsIgnoreCase("lon")) {
        lon = e.getValue();
      } else if (key.equalsIgnoreCase("lat")) {
        lat = e.getValue();
      } else {
        plain |= key.equalsIgnoreCase("x") || key.equalsIgnoreCase("y");
        out.put(key, e.getValue());
      }
    }
    if (lon == null && lat == null) {
      return change;
    }
    if (plain) {
      throw new DntServer.ApiError(400, where + ": give either x and y or lon and lat, not both");
    }
    double[] lonLat = new double[2];
    String[] names = {"lon", "lat"};
    Object[] values = {lon, lat};
    for (int k = 0; k < 2; k++) {
      if (values[k] == null) {
        throw new DntServer.ApiError(400, where + ": missing '" + names[k] + "'");
      }
      if (!(values[k] instanceof Number n)
          || !Double.isFinite(n.doubleValue())
          || Math.abs(n.doubleValue()) > (k == 0 ? 180 : 90)) {
        throw new DntServer.ApiError(
            400,
            where
                + ", '"
                + names[k]
                + "': must be degrees in "
                + (k == 0 ? "-180..180" : "-90..90")
                + ", got "
                + values[k]);
      }
      lonLat[k] = n.doubleValue();
    }
    dnt.core.geo.Position p = plane.project(lonLat[0], lonLat[1]);
    out.put("x", p.x());
    out.put("y", p.y());
    return java.util.Map.of(map.keySet().iterator().next(), out);
  }

  /** The users whose SINR changes most between two twins of the same users. */
  static List<UserChangeView> mostChanged(
      NetworkTwin before, NetworkTwin after, int top, LocalProjection plane) {
    List<UserChangeView> all = new ArrayList<>();
    for (UserId id : before.userIds()) {
      UserState a = before.user(id);
      UserState b = after.user(id);
      Double sa = a.served() ? finite(a.sinrDb()) : null;
      Double sb = b.served() ? finite(b.sinrDb()) : null;
      Double change = sa == null || sb == null ? null : sb - sa;
      boolean same = change != null ? change == 0 : sa == null && sb == null;
      if (!same) {
        dnt.core.geo.Position at = after.userSpec(id).position();
        double[] lonLat = plane.unproject(at);
        all.add(
            new UserChangeView(
                id.value(),
                lonLat[0],
                lonLat[1],
                at.x(),
                at.y(),
                sa,
                sb,
                change,
                a.serving() == null ? null : a.serving().value(),
                b.serving() == null ? null : b.serving().value()));
      }
    }
    all.sort(
        Comparator.comparingDouble(
                (UserChangeView u) ->
                    u.changeDb() == null ? Double.POSITIVE_INFINITY : Math.abs(u.changeDb()))
            .reversed()
            .thenComparingInt(UserChangeView::user));
    return List.copyOf(all.subList(0, Math.min(top, all.size())));
  }

  /** Nearest-rank percentiles of the finite values. */
  static Distribution distribution(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return new Distribution(0, null, null, null, null, null, null);
    }
    return new Distribution(
        v.length,
        Arrays.stream(v).average().orElseThrow(),
        v[0],
        rank(v, 5),
        rank(v, 50),
        rank(v, 95),
        v[v.length - 1]);
  }

  /** The nearest-rank p-th percentile of sorted values: the ceil(p/100 n)-th smallest. */
  private static double rank(double[] sorted, int p) {
    int r = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, r - 1)];
  }

  private static StationView view(
      NetworkTwin radio, LocalProjection plane, BaseStationId id, @Nullable Double meanSinrDb) {
    StationSpec spec = radio.stationSpec(id);
    StationState s = radio.station(id);
    double[] lonLat = plane.unproject(spec.position());
    return new StationView(
        id.value(),
        lonLat[0],
        lonLat[1],
        spec.position().x(),
        spec.position().y(),
        s.active(),
        s.txPowerDbm(),
        spec.capacityMbps(),
        s.loadMbps(),
        s.activityFactor(),
        s.activeUsers(),
        meanSinrDb);
  }

  private LocalProjection plane() {
    return twin.radioProjection().orElseThrow(() -> new DntServer.ApiError(409, RADIO_OFF));
  }

  private NetworkTwin radio() {
    return await(twin.radioTwin(), 400, "");
  }

  private static @Nullable Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DntServer.ApiError(
        400, name + ": '" + text + "' is not an integer in " + min + ".." + max);
  }
}
