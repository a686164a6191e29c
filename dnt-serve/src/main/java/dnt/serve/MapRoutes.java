package dnt.serve;

import static dnt.serve.DntServer.API;
import static dnt.serve.DntServer.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.Registry;
import dnt.core.geo.Position;
import dnt.data.Service;
import dnt.data.network.CellGrid;
import dnt.live.CellLatest;
import dnt.live.ForecastLayer;
import dnt.live.LiveTwin;
import dnt.live.replay.ReplaySpeed;
import dnt.live.replay.ReplayStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The routes the dashboard draws from: the grid's geometry once ({@code /grid}), each map layer as
 * one compact array aligned with it ({@code /layers/{layer}}), the change stream ({@code /events},
 * Server-Sent Events), the replay's pace ({@code /replay}) and who the caller is ({@code
 * /session}). A map of 10,000 cells is thus two requests, not 10,000.
 */
final class MapRoutes {
  /** The routes, in the order they are registered. */
  static final List<DntServer.Route> ROUTES =
      List.of(
          new DntServer.Route("GET", API + "/session", Role.VIEWER),
          new DntServer.Route("GET", API + "/grid", Role.VIEWER),
          new DntServer.Route("GET", API + "/layers/{layer}", Role.VIEWER),
          new DntServer.Route("GET", API + "/events", Role.VIEWER),
          new DntServer.Route("GET", API + "/replay", Role.VIEWER),
          new DntServer.Route("PUT", API + "/replay", Role.OPERATOR));

  /** What a map layer shows. */
  enum Layer {
    /** Each cell's activity in its newest slot. */
    TRAFFIC,
    /** The forecast for the next hour. */
    FORECAST,
    /** The forecast's error. */
    ERROR,
    /** 1 where the integrity check flags the cell's stream, else 0. */
    INTEGRITY;

    /** The layers by the names in {@code /layers/{layer}}. */
    static final Registry<Layer> REGISTRY =
        Registry.<Layer>of("layer")
            .add("traffic", "each cell's activity in its newest slot", TRAFFIC)
            .add("forecast", "the forecast for the next hour", FORECAST)
            .add("error", "the forecast's absolute error", ERROR)
            .add("integrity", "1 where the cell's stream is flagged, else 0", INTEGRITY)
            .build();

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A layer: one value per cell of {@code /grid}, in its order.
   *
   * @param layer the layer's name
   * @param service for traffic, the service shown ({@code total} or a service column)
   * @param time the newest slot shown, epoch ms UTC (null when the twin holds no telemetry)
   * @param count how many values
   * @param values one per cell of the grid, in its order; null where the cell holds no data
   */
  record LayerView(
      String layer,
      @Nullable String service,
      @Nullable Long time,
      int count,
      List<@Nullable Double> values) {}

  /**
   * The caller.
   *
   * @param role the token's role
   * @param canOperate whether it may send telemetry, run what-ifs and set the replay's speed
   */
  record SessionView(String role, boolean canOperate) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DntServer server;
  private final LiveTwin twin;
  private final Supplier<@Nullable ReplayStatus> replay;
  private final @Nullable Consumer<ReplaySpeed> speed;
  private final ChangeStream stream;
  private volatile byte @Nullable [] grid;

  MapRoutes(
      DntServer server,
      LiveTwin twin,
      Supplier<@Nullable ReplayStatus> replay,
      @Nullable Consumer<ReplaySpeed> speed,
      ChangeStream stream) {
    this.server = server;
    this.twin = twin;
    this.replay = replay;
    this.speed = speed;
    this.stream = stream;
  }

  /**
   * Registers the routes.
   *
   * @param routes Javalin's routes
   * @param tracked wraps a handler so that it is refused while the server stops
   */
  void register(RoutesConfig routes, UnaryOperator<Handler> tracked) {
    routes.get(API + "/session", tracked.apply(this::session));
    routes.get(API + "/grid", tracked.apply(this::grid));
    routes.get(API + "/layers/{layer}", tracked.apply(this::layer));
    routes.get(API + "/events", tracked.apply(this::events));
    routes.get(API + "/replay", tracked.apply(this::replayStatus));
    routes.put(API + "/replay", tracked.apply(this::replaySpeed));
  }

  private void session(Context ctx) {
    Role role = server.authorize(ctx, Role.VIEWER, "read");
    ctx.json(new SessionView(role.label(), role.covers(Role.OPERATOR)));
  }

  private void grid(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read the grid");
    byte[] body = grid;
    if (body == null) {
      body = gridJson(twinGrid()).getBytes(StandardCharsets.UTF_8);
      grid = body;
    }
    ctx.contentType("application/json").result(body);
  }

  private CellGrid twinGrid() {
    try {
      return twin.grid();
    } catch (InvalidInputException e) {
      throw new DntServer.ApiError(409, "grid: " + e.getMessage());
    }
  }

  /**
   * The grid as the dashboard draws it: the cell ids ascending, and each cell's corners in
   * longitude/latitude (WGS84, 6 decimals, about 0.1 m), flattened. When every cell is one
   * quadrilateral (the Milan grid) {@code corners} is 4 and {@code rings} holds 8 numbers a cell;
   * otherwise {@code corners} is 0, {@code rings} holds every outer ring's corners (the closing
   * corner left out), {@code ringStarts} where each ring starts (in corners, one more entry for the
   * end) and {@code ringCells} the index in {@code cells} of each ring's cell.
   */
  static String gridJson(CellGrid g) {
    List<CellGrid.Cell> cells = g.cells();
    boolean quads =
        cells.stream().allMatch(c -> c.outer().size() == 1 && c.outer().get(0).size() == 5);
    StringBuilder sb = new StringBuilder(cells.size() * 100);
    sb.append("{\"count\":").append(cells.size()).append(",\"cells\":[");
    for (int i = 0; i < cells.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(cells.get(i).id().value());
    }
    sb.append("],\"corners\":").append(quads ? 4 : 0).append(",\"rings\":[");
    double[] box = {
      Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    List<Integer> starts = new ArrayList<>();
    List<Integer> ringCells = new ArrayList<>();
    int corners = 0;
    for (int i = 0; i < cells.size(); i++) {
      for (List<Position> ring : cells.get(i).outer()) {
        starts.add(corners);
        ringCells.add(i);
        for (int k = 0; k < ring.size() - 1; k++) {
          double[] lonLat = g.projection().unproject(ring.get(k));
          box[0] = Math.min(box[0], lonLat[0]);
          box[1] = Math.min(box[1], lonLat[1]);
          box[2] = Math.max(box[2], lonLat[0]);
          box[3] = Math.max(box[3], lonLat[1]);
          sb.append(corners == 0 ? "" : ",")
              .append(String.format(Locale.ROOT, "%.6f,%.6f", lonLat[0], lonLat[1]));
          corners++;
        }
      }
    }
    sb.append(']');
    if (!quads) {
      starts.add(corners);
      sb.append(",\"ringStarts\":")
          .append(starts.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")))
          .append(",\"ringCells\":")
          .append(
              ringCells.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            ",\"bounds\":{\"west\":%.6f,\"south\":%.6f,\"east\":%.6f,\"north\":%.6f}}",
            box[0],
            box[1],
            box[2],
            box[3]));
    return sb.toString();
  }

  private void layer(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read map layers");
    Layer layer;
    try {
      layer = Layer.REGISTRY.factory(ctx.pathParam("layer"));
    } catch (InvalidInputException e) {
      throw new DntServer.ApiError(404, "layer: " + e.getMessage());
    }
    List<CellId> cells = gridCells();
    switch (layer) {
      case TRAFFIC -> ctx.json(traffic(cells, ctx.queryParam("service")));
      case INTEGRITY -> ctx.json(integrity(cells));
      case FORECAST, ERROR -> ctx.json(forecast(cells, layer));
    }
  }

  /**
   * The forecast layers from the twin's federated forecasters ({@link LiveTwin#forecastLayer}):
   * each cell's forecast internet activity over its next hour, or the absolute error of its latest
   * one-step forecast; null for a cell without a model (before the V-twin has trained, all). A twin
   * that makes no forecasts answers 409.
   */
  private LayerView forecast(List<CellId> cells, Layer layer) {
    ForecastLayer f = await(twin.forecastLayer(), 400, "");
    Double[] byCell = new Double[CellId.MAX + 1];
    Long time = null;
    int[] ids = f.cells();
    double[] nextHour = f.nextHour();
    double[] error = f.lastError();
    long[] origin = f.originMillis();
    for (int i = 0; i < ids.length; i++) {
      double v = layer == Layer.FORECAST ? nextHour[i] : Math.abs(error[i]);
      if (Double.isFinite(v)) {
        byCell[ids[i]] = v;
      }
      time = time == null ? origin[i] : Math.max(time, origin[i]);
    }
    List<@Nullable Double> values = new ArrayList<>(cells.size());
    for (CellId c : cells) {
      values.add(byCell[c.value()]);
    }
    return new LayerView(layer.label(), "internet", time, values.size(), values);
  }

  private List<CellId> gridCells() {
    return twinGrid().ids();
  }

  private LayerView traffic(List<CellId> cells, @Nullable String serviceParam) {
    int service = serviceIndex(serviceParam);
    List<CellLatest> latest = await(twin.latest(), 400, "");
    Double[] byCell = new Double[CellId.MAX + 1];
    Long time = null;
    for (CellLatest l : latest) {
      byCell[l.cell().value()] = service < 0 ? l.total() : l.services()[service];
      time = time == null ? l.slotMillis() : Math.max(time, l.slotMillis());
    }
    List<@Nullable Double> values = new ArrayList<>(cells.size());
    for (CellId c : cells) {
      values.add(byCell[c.value()]);
    }
    return new LayerView(
        Layer.TRAFFIC.label(),
        service < 0 ? "total" : Service.values()[service].column(),
        time,
        values.size(),
        values);
  }

  /** -1 for the total of all services, else the service's index. */
  private static int serviceIndex(@Nullable String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("total")) {
      return -1;
    }
    for (Service s : Service.values()) {
      if (s.column().equalsIgnoreCase(text.strip())) {
        return s.ordinal();
      }
    }
    throw new DntServer.ApiError(
        400,
        "service: unknown service '"
            + text
            + "'; known: total, "
            + String.join(", ", Arrays.stream(Service.values()).map(Service::column).toList()));
  }

  private LayerView integrity(List<CellId> cells) {
    List<CellId> flagged = await(twin.alerts(), 400, "");
    boolean[] on = new boolean[CellId.MAX + 1];
    for (CellId c : flagged) {
      on[c.value()] = true;
    }
    List<@Nullable Double> values = new ArrayList<>(cells.size());
    for (CellId c : cells) {
      values.add(on[c.value()] ? 1.0 : 0.0);
    }
    ReplayStatus r = replay.get();
    Long time = r == null || r.clockMillis() == 0 ? null : r.clockMillis();
    return new LayerView(Layer.INTEGRITY.label(), null, time, values.size(), values);
  }

  private void events(Context ctx) throws Exception {
    server.authorize(ctx, Role.VIEWER, "read the change stream");
    ChangeStream.Filter filter =
        ChangeStream.filter(ctx.queryParam("topics"), ctx.queryParam("cells"));
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new DntServer.ApiError(
          406, "Accept: the change stream is text/event-stream; send Accept: text/event-stream");
    }
    new SseHandler(client -> stream.open(client, filter)).handle(ctx);
  }

  private void replayStatus(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read the replay");
    ctx.json(view(requireReplay()));
  }

  private ReplayStatus requireReplay() {
    ReplayStatus r = replay.get();
    if (r == null) {
      throw new DntServer.ApiError(
          409, "replay: this twin is not fed by a replay; start dnt serve with --replay on");
    }
    return r;
  }

  private void replaySpeed(Context ctx) {
    server.authorize(ctx, Role.OPERATOR, "change the replay's speed");
    requireReplay();
    Consumer<ReplaySpeed> control = speed;
    if (control == null) {
      throw new DntServer.ApiError(409, "replay: the speed of this replay cannot be changed");
    }
    JsonNode body;
    try {
      body = JSON.readTree(server.readBody(ctx));
    } catch (JsonProcessingException e) {
      throw new DntServer.ApiError(400, "body: not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode s = body == null ? null : body.get("speed");
    if (body == null || !body.isObject() || s == null || s.isNull() || body.size() != 1) {
      throw new DntServer.ApiError(
          400, "body: expected {\"speed\": X}, X a positive factor of real time or \"max\"");
    }
    ReplaySpeed pace;
    try {
      pace = ReplaySpeed.parse(s.asText());
    } catch (InvalidInputException e) {
      throw new DntServer.ApiError(400, "speed: " + e.getMessage());
    }
    control.accept(pace);
    ctx.json(view(requireReplay()));
  }

  static DntServer.ReplayView view(ReplayStatus r) {
    return new DntServer.ReplayView(
        r.state().name().toLowerCase(Locale.ROOT),
        r.speed().toString(),
        r.clockMillis() == 0 ? "" : dnt.data.milan.MilanTime.format(r.clockMillis()),
        r.clockMillis(),
        r.rowsSent(),
        r.slotsSent(),
        r.error());
  }
}
