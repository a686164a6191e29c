package dnt.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.milan.MilanTime;
import dnt.data.raw.RawBatch;
import dnt.data.store.Resolution;
import dnt.live.CellTraffic;
import dnt.live.IngestReceipt;
import dnt.live.LiveTwin;
import dnt.live.TrafficView;
import dnt.live.TwinStatus;
import dnt.live.replay.Replay;
import dnt.live.replay.ReplaySpeed;
import dnt.live.replay.ReplayStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP API of {@code dnt serve} ({@code /api/v1}, described by the OpenAPI document {@value
 * #OPENAPI_RESOURCE}) over a {@link LiveTwin}. Every answer is JSON or CSV; every error is JSON
 * {@code {"error": "..."}} whose message names the field at fault, never a stack trace or an HTML
 * page.
 *
 * <p>Requests are served on Jetty's threads and wait for the twin; {@link #stop(Duration)} refuses
 * new requests (503), lets the ones in flight finish, then closes the listener.
 *
 * <p>With {@link ServerSettings#tls()} it serves HTTPS only. Every request passes the {@link
 * RateLimits} first (429 with {@code Retry-After}); the requests Jetty refuses itself (malformed,
 * too large headers) are answered JSON by {@link JsonErrorHandler}; no CORS header is ever sent.
 */
public final class DntServer implements AutoCloseable {
  /** The prefix of every route. */
  public static final String API = "/api/v1";

  /** The class-path resource of the OpenAPI 3.1 document. */
  public static final String OPENAPI_RESOURCE = "/dnt/serve/openapi.json";

  /** How many steps one traffic request may ask for (a leap year of 10-minute slots). */
  public static final int MAX_TRAFFIC_STEPS = 366 * 144;

  /** How long a request waits for the twin. */
  public static final Duration TWIN_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A route.
   *
   * @param method the HTTP method
   * @param path the path, with {@code {name}} for a path parameter
   * @param role the least role it needs, or null when no token is needed
   */
  public record Route(String method, String path, @Nullable Role role) {}

  /** The routes, in the order they are registered. */
  public static final List<Route> ROUTES =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  new Route("GET", API + "/health", null),
                  new Route("GET", API + "/openapi.json", null),
                  new Route("POST", API + "/telemetry", Role.OPERATOR),
                  new Route("GET", API + "/cells/{id}/traffic", Role.VIEWER)),
              java.util.stream.Stream.of(TwinRoutes.ROUTES, MapRoutes.ROUTES, QualityRoutes.ROUTES)
                  .flatMap(List::stream))
          .toList();

  /**
   * A traffic query's parameters.
   *
   * @param cell the cell
   * @param from inclusive start, epoch ms
   * @param to exclusive end, epoch ms
   * @param resolution the step
   */
  record TrafficQuery(CellId cell, long from, long to, Resolution resolution, TrafficView view) {}

  /** An error answer. */
  record Problem(String error) {}

  /** The error answer of a malformed batch. */
  record BatchProblem(String error, List<RawBatch.LineError> errors) {}

  /** The answer of an accepted batch. */
  record Accepted(int accepted, int replaced) {}

  /** The replay part of the health answer. */
  record ReplayView(
      String state,
      String speed,
      String clock,
      long clockMillis,
      long rowsSent,
      long slotsSent,
      @Nullable String error) {}

  /** The health answer. */
  record Health(
      String status,
      boolean ready,
      int cells,
      long rowsAccepted,
      int cellTwinsToStart,
      int cellTwinsStarted,
      @Nullable ReplayView replay) {}

  /** An answer that is not 2xx, thrown by a handler and written as {@link Problem}. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The request attribute that holds the caller's token entry, once looked up. */
  private static final String CALLER = "dnt.caller";

  private final Javalin app;
  private final RateLimiter limiter = new RateLimiter(System::nanoTime);
  private final LiveTwin twin;
  private final ServerSettings settings;
  private final Supplier<@Nullable ReplayStatus> replay;
  private final ChangeStream changes;
  private final byte[] openApi;
  private volatile boolean stopping;

  private DntServer(
      LiveTwin twin,
      ServerSettings settings,
      Supplier<@Nullable ReplayStatus> replay,
      @Nullable Consumer<ReplaySpeed> speed) {
    this.twin = twin;
    this.settings = settings;
    this.replay = replay;
    this.openApi = readOpenApi();
    this.changes =
        new ChangeStream(
            twin,
            () -> {
              ReplayStatus r = replay.get();
              return r == null || r.clockMillis() == 0 ? null : r.clockMillis();
            });
    ChangeStream stream = changes;
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.jsonMapper(new JavalinJackson(JSON, false));
              // Jetty finishes the requests in flight (responses written) before it stops
              config.jetty.modifyServer(server -> server.setHandler(new GracefulHandler()));
              // the requests Jetty refuses itself (malformed, headers too large) answer JSON too
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              TlsSettings tls = settings.tls();
              if (tls != null) {
                config.jetty.addConnector(
                    (server, http) -> httpsConnector(server, http, tls, settings));
              }
              config.routes.get(API + "/health", tracked(this::health));
              config.routes.get(API + "/openapi.json", tracked(this::openApi));
              config.routes.post(API + "/telemetry", tracked(this::telemetry));
              config.routes.get(API + "/cells/{id}/traffic", tracked(this::traffic));
              new TwinRoutes(this, twin).register(config.routes, this::tracked);
              new MapRoutes(this, twin, replay, speed, stream)
                  .register(config.routes, this::tracked);
              new QualityRoutes(this, twin, stream, System::currentTimeMillis)
                  .register(config.routes, this::tracked);
              new WebAssets().register(config.routes);
              // after the security headers, so that a 429 carries them too
              config.routes.before(this::limitRate);
              config.routes.exception(ApiError.class, (e, ctx) -> problem(ctx, e.status, e));
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      problem(
                          ctx,
                          e.getStatus(),
                          e.getStatus() == 404
                              ? "no such route: " + ctx.method() + " " + ctx.path()
                              : e.getMessage()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> problem(ctx, 500, "internal error: " + e.getClass().getSimpleName()));
              config.requestLogger.http(
                  (ctx, ms) ->
                      settings
                          .accessLog()
                          .accept(
                              String.format(
                                  Locale.ROOT,
                                  "%s %s %d %.1f ms",
                                  ctx.method(),
                                  ctx.path(),
                                  ctx.statusCode(),
                                  ms)));
            });
  }

  /**
   * Starts a server without a replay.
   *
   * @param twin the twin it serves
   * @param settings where it listens and who may call it
   * @return the running server
   * @throws InvalidInputException if the address cannot be bound (port in use, unknown host)
   */
  public static DntServer start(LiveTwin twin, ServerSettings settings) {
    return start(twin, settings, () -> null);
  }

  /**
   * Starts a server.
   *
   * @param twin the twin it serves
   * @param settings where it listens and who may call it
   * @param replay the status of the replay feeding the twin (null when none), shown by health
   * @return the running server
   * @throws InvalidInputException if the address cannot be bound (port in use, unknown host)
   */
  public static DntServer start(
      LiveTwin twin, ServerSettings settings, Supplier<@Nullable ReplayStatus> replay) {
    return start(twin, settings, replay, null);
  }

  /**
   * Starts a server over a twin fed by a replay whose speed operators may change ({@code PUT
   * /api/v1/replay}).
   *
   * @param twin the twin it serves
   * @param settings where it listens and who may call it
   * @param replay the replay feeding the twin
   * @return the running server
   * @throws InvalidInputException if the address cannot be bound (port in use, unknown host)
   */
  public static DntServer start(LiveTwin twin, ServerSettings settings, Replay replay) {
    return start(twin, settings, replay::status, replay::setSpeed);
  }

  private static DntServer start(
      LiveTwin twin,
      ServerSettings settings,
      Supplier<@Nullable ReplayStatus> replay,
      @Nullable Consumer<ReplaySpeed> speed) {
    DntServer server = new DntServer(twin, settings, replay, speed);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.changes.close();
      server.app.stop();
      if (causedBy(e, BindException.class)) {
        throw new InvalidInputException(
            "cannot listen on "
                + settings.host()
                + ":"
                + settings.port()
                + ": the port is in use or the address is not this machine's",
            e);
      }
      throw e;
    }
    return server;
  }

  /** The HTTPS connector of a server with TLS, in place of Javalin's plain one. */
  private static Connector httpsConnector(
      Server server, HttpConfiguration http, TlsSettings tls, ServerSettings settings) {
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector c =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls.contextFactory(), HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    c.setHost(settings.host());
    c.setPort(settings.port());
    return c;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * The port it listens on (the one picked when the settings said 0).
   *
   * @return the port
   */
  public int port() {
    return app.port();
  }

  /**
   * The base URL of the API.
   *
   * @return e.g. {@code http://127.0.0.1:8080/api/v1} ({@code https} with TLS)
   */
  public URI url() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return URI.create(
        (settings.tls() == null ? "http://" : "https://") + host + ":" + port() + API);
  }

  /**
   * The API routes Javalin has registered (those under {@value #API}), as {@code METHOD PATH}; the
   * dashboard's static files and the before-handler that adds security headers are not API.
   *
   * @return the routes
   */
  List<String> registeredRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter((ParsedEndpoint p) -> p.endpoint.path.startsWith(API + "/"))
        .map((ParsedEndpoint p) -> p.endpoint.method.name() + " " + p.endpoint.path)
        .toList();
  }

  /**
   * Stops gracefully: new requests get 503, Jetty stops accepting connections and lets the requests
   * in flight finish, responses written (up to {@code grace}), then the listener closes. The twin
   * is not closed (its owner closes it).
   *
   * @param grace how long to wait for requests in flight
   */
  public void stop(Duration grace) {
    stopping = true;
    // open change streams would hold the graceful stop for the whole grace period
    changes.close();
    Server jetty = app.jettyServer().server();
    jetty.setStopTimeout(Math.max(1, grace.toMillis()));
    app.stop();
  }

  /** Stops with {@link #TWIN_TIMEOUT} of grace. */
  @Override
  public void close() {
    stop(TWIN_TIMEOUT);
  }

  /** Refuses a request while stopping (Jetty counts the ones in flight). */
  private Handler tracked(Handler h) {
    return ctx -> {
      if (stopping) {
        throw new ApiError(503, "the server is stopping");
      }
      h.handle(ctx);
    };
  }

  // ---- handlers

  private void health(Context ctx) {
    TwinStatus s = twin.status();
    ReplayStatus r = replay.get();
    ReplayView view = r == null ? null : MapRoutes.view(r);
    ctx.status(s.ready() ? 200 : 503)
        .json(
            new Health(
                s.ready() ? "ok" : "unavailable",
                s.ready(),
                s.cells(),
                s.rowsAccepted(),
                s.cellTwinsToStart(),
                s.cellTwinsStarted(),
                view));
  }

  private void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  private void telemetry(Context ctx) {
    authorize(ctx, Role.OPERATOR, "send telemetry");
    String body = readBody(ctx);
    RawBatch.Result batch = RawBatch.parse(body);
    if (!batch.ok()) {
      ctx.status(400)
          .json(
              new BatchProblem(
                  "body: "
                      + batch.badLines()
                      + (batch.badLines() == 1 ? " malformed row" : " malformed rows")
                      + (batch.badLines() > batch.errors().size()
                          ? " (the first " + batch.errors().size() + " listed)"
                          : "")
                      + "; nothing was applied",
                  batch.errors()));
      return;
    }
    if (batch.rows().isEmpty()) {
      throw new ApiError(400, "body: the batch holds no rows");
    }
    IngestReceipt receipt = await(twin.ingest(batch.rows()), 400, "");
    ctx.status(202).json(new Accepted(receipt.accepted(), receipt.replaced()));
  }

  private void traffic(Context ctx) {
    authorize(ctx, Role.VIEWER, "read traffic");
    TrafficQuery q = trafficQuery(ctx);
    CellTraffic d =
        await(twin.traffic(q.cell(), q.from(), q.to(), q.resolution(), q.view()), 404, "id: ");
    ctx.contentType("text/csv; charset=utf-8").result(TrafficCsv.write(d));
  }

  /** The parameters of a traffic or history query: the path's id, from, to and resolution. */
  static TrafficQuery trafficQuery(Context ctx) {
    CellId cell = cellParam(ctx.pathParam("id"));
    Resolution resolution;
    String res = ctx.queryParam("resolution");
    try {
      resolution = res == null ? Resolution.TEN_MINUTES : Resolution.parse(res);
    } catch (InvalidInputException e) {
      throw new ApiError(400, "resolution: " + e.getMessage());
    }
    long from = timeParam(ctx, "from", resolution);
    long to = timeParam(ctx, "to", resolution);
    if (to <= from) {
      throw new ApiError(
          400,
          "to: "
              + MilanTime.format(to)
              + " is not after from ("
              + MilanTime.format(from)
              + "); the range is [from, to)");
    }
    long steps = (to - from) / resolution.step().toMillis();
    if (steps > MAX_TRAFFIC_STEPS) {
      throw new ApiError(
          400,
          "to: the range holds "
              + steps
              + " steps of "
              + resolution.label()
              + "; one request may ask for at most "
              + MAX_TRAFFIC_STEPS);
    }
    String v = ctx.queryParam("view");
    TrafficView view;
    try {
      view = v == null ? TrafficView.OBSERVED : TrafficView.parse(v);
    } catch (InvalidInputException e) {
      throw new ApiError(400, "view: " + e.getMessage());
    }
    return new TrafficQuery(cell, from, to, resolution, view);
  }

  // ---- request parts

  /**
   * Checks the caller's token.
   *
   * @return the caller's role, which covers {@code required}
   * @throws ApiError 401 without a valid token, 403 when the role does not cover {@code required}
   */
  Role authorize(Context ctx, Role required, String action) {
    String header = ctx.header("Authorization");
    TokenStore.Holder holder = caller(ctx);
    Role role = holder == null ? null : holder.role();
    if (role == null) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"dnt\"");
      throw new ApiError(
          401,
          header == null
              ? "Authorization: missing; send Authorization: Bearer TOKEN"
              : "Authorization: not a valid bearer token");
    }
    if (!role.covers(required)) {
      throw new ApiError(
          403,
          "Authorization: the token's role "
              + role.label()
              + " may not "
              + action
              + "; that needs "
              + required.label()
              + " or above");
    }
    return role;
  }

  /** The caller's token entry, or null without a valid bearer token; looked up once a request. */
  private TokenStore.@Nullable Holder caller(Context ctx) {
    Optional<TokenStore.Holder> cached = ctx.attribute(CALLER);
    if (cached == null) {
      String header = ctx.header("Authorization");
      cached =
          header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
              ? settings.tokens().holderOf(header.substring(7).strip())
              : Optional.empty();
      ctx.attribute(CALLER, cached);
    }
    return cached.orElse(null);
  }

  /**
   * The rate limit ({@link RateLimits}): a request with a valid token counts against the token, any
   * other against the client's address; one over the limit is 429 with {@code Retry-After}.
   */
  private void limitRate(Context ctx) {
    RateLimits limits = settings.rateLimits();
    TokenStore.Holder holder = caller(ctx);
    double rate = holder == null ? limits.perAddress() : limits.perToken();
    String key = holder == null ? "address " + ctx.ip() : "token " + holder.entry();
    long waitNanos = limiter.acquire(key, rate);
    if (waitNanos > 0) {
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiError(
          429,
          (holder == null
                  ? "rate: requests without a valid token from one address are limited to "
                  : "rate: requests with this token are limited to ")
              + (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate))
              + " a second (bursts of "
              + (long) RateLimits.burst(rate)
              + "); retry after "
              + seconds
              + " s");
    }
  }

  String readBody(Context ctx) {
    long limit = settings.maxBodyBytes();
    long declared = contentLength(ctx.header("Content-Length"));
    if (declared > limit) {
      throw tooLarge(declared);
    }
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, declared));
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limit) {
          throw tooLarge(total);
        }
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static long contentLength(@Nullable String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private ApiError tooLarge(long bytes) {
    return new ApiError(
        413,
        "body: "
            + (bytes > settings.maxBodyBytes() ? "over " : "")
            + "the limit of "
            + settings.maxBodyBytes()
            + " bytes; split the batch");
  }

  static CellId cellParam(String text) {
    int id;
    try {
      id = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 1 || id > CellId.MAX) {
      throw new ApiError(
          400, "id: '" + text + "' is not a cell id (an integer 1.." + CellId.MAX + ")");
    }
    return CellId.of(id);
  }

  private static long timeParam(Context ctx, String name, Resolution resolution) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      throw new ApiError(
          400, name + ": missing; give an ISO-8601 time such as 2013-11-01 or 2013-11-01T08:00");
    }
    long t;
    try {
      t = MilanTime.parse(text);
    } catch (InvalidInputException e) {
      throw new ApiError(400, name + ": " + e.getMessage());
    }
    long step = resolution.step().toMillis();
    if (Math.floorMod(t, step) != 0) {
      throw new ApiError(
          400,
          name
              + ": "
              + MilanTime.format(t)
              + " is not the start of "
              + (resolution == Resolution.HOUR ? "an hour" : "a 10-minute slot")
              + " (e.g. "
              + MilanTime.format(Math.floorDiv(t, step) * step)
              + ")");
    }
    return t;
  }

  /**
   * Waits for the twin: a caller's mistake ({@link InvalidInputException}) becomes {@code
   * mistakeStatus} with the twin's message, a query the twin does not run (no radio twin) 409, a
   * closed or overloaded twin (an answer past its own timeout) or a cluster-wide view that a member
   * did not answer 503, another failure 500.
   */
  static <T> T await(CompletionStage<T> stage, int mistakeStatus, String field) {
    try {
      return stage.toCompletableFuture().get(TWIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidInputException) {
        throw new ApiError(mistakeStatus, field + cause.getMessage());
      }
      if (cause instanceof UnsupportedOperationException) {
        throw new ApiError(409, String.valueOf(cause.getMessage()));
      }
      if (cause instanceof dnt.live.cluster.NodesUnavailableException) {
        // a cluster-wide view that some member did not answer in time (docs/cluster.md)
        throw new ApiError(503, String.valueOf(cause.getMessage()));
      }
      if (cause instanceof IllegalStateException) {
        throw new ApiError(503, "the twin is not accepting requests: " + cause.getMessage());
      }
      if (cause instanceof TimeoutException) {
        throw new ApiError(
            503,
            String.valueOf(cause.getMessage())
                + "; a batch may or may not have been applied, and sending it again is safe");
      }
      throw new ApiError(
          500, "the twin failed: " + (cause == null ? e : cause).getClass().getSimpleName());
    } catch (TimeoutException e) {
      throw new ApiError(
          503,
          "the twin did not answer within "
              + TWIN_TIMEOUT.toSeconds()
              + " s; a batch may or may not have been applied, and sending it again is safe");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "the server is stopping");
    }
  }

  private static void problem(Context ctx, int status, Exception e) {
    problem(ctx, status, String.valueOf(e.getMessage()));
  }

  private static void problem(Context ctx, int status, @Nullable String message) {
    ctx.status(status).json(new Problem(message == null ? "HTTP " + status : message));
  }

  private static byte[] readOpenApi() {
    try (InputStream in = DntServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + OPENAPI_RESOURCE + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
    }
  }
}
