package dnt.cli.serve;

import dnt.core.InvalidInputException;
import dnt.data.network.OwnNetwork;
import dnt.live.ClusterSettings;
import dnt.live.ForecastSettings;
import dnt.live.JournalSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import dnt.live.replay.Replay;
import dnt.live.replay.ReplaySource;
import dnt.live.replay.ReplaySpeed;
import dnt.serve.DntServer;
import dnt.serve.RateLimits;
import dnt.serve.ServerSettings;
import dnt.serve.TlsSettings;
import dnt.serve.TokenStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt serve}: run the live twin behind its HTTP API until SIGTERM. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the live twin behind its HTTP API (/api/v1, described at /api/v1/openapi.json; see"
          + " docs/api.md) until SIGTERM or Ctrl-C, which finish the requests in flight.",
      "Without --tokens, an admin token is generated into the state folder (admin.token, mode"
          + " 600) on the first start and reused after; its path is printed, never the token.",
      "With --replay on (the default), the bundled 25-cell Milan subset (or the raw files of"
          + " --replay-from) is fed to the twin slot by slot at --speed times real time.",
      "With --stations and --grid the twin is of your own network instead of Milan (same API;"
          + " no replay unless --replay-from names your files)."
    })
public final class ServeCommand implements Callable<Integer> {
  /** Users of the radio twin that {@code --radio on} runs: one per grid square on average. */
  static final int RADIO_USERS = 10_000;

  /** Seed of their placement. */
  static final long RADIO_SEED = 1;

  /**
   * The settings of the command's twin: the Pekko runtime on the state folder with its defaults
   * (the embedded H2 journal in the folder, the Milan grid; docs/live.md) or on the user's own
   * network ({@code --stations}, {@code --grid}), the radio twin with {@code --radio on} (Milan:
   * {@value #RADIO_USERS} users placed by station density, which adds about 1 to 1.5 s to the
   * start, docs/api.md; an own network: {@link #radioUsers}), no forecasters with {@code --forecast
   * off}, and the journal of the {@link ClusterOptions} (docs/cluster.md). Touches nothing.
   */
  private LiveSettings liveSettings(
      Path state, @Nullable OwnNetwork network, @Nullable JournalSettings journal) {
    LiveSettings s = LiveSettings.defaults(state);
    if (network != null) {
      s = s.withNetwork(network);
    }
    if (radio == Toggle.ON) {
      s =
          s.withRadio(
              RadioSettings.milan(network == null ? RADIO_USERS : radioUsers(network), RADIO_SEED)
                  .withRegions(radioRegions));
    }
    if (forecast == Toggle.OFF) {
      s = s.withForecast(ForecastSettings.off());
    }
    return journal == null ? s : s.withJournal(journal);
  }

  /** A length as the user typed it: 3000 for 3000.0, 1500.5 as it is. */
  private static String metres(double m) {
    return Double.isFinite(m)
        ? java.math.BigDecimal.valueOf(m).stripTrailingZeros().toPlainString()
        : Double.toString(m);
  }

  /** Users per cell of an own network's radio twin (at most {@value #RADIO_USERS} in all). */
  static final int RADIO_USERS_PER_CELL = 100;

  /**
   * Users of an own network's radio twin: {@value #RADIO_USERS_PER_CELL} a cell, at most {@value
   * #RADIO_USERS}, so that a small network's cells have users enough for their SINR statistics.
   */
  static int radioUsers(OwnNetwork network) {
    return Math.min(RADIO_USERS, RADIO_USERS_PER_CELL * network.grid().cells().size());
  }

  /** The network of {@code --stations} and {@code --grid}, or null for Milan (neither given). */
  private @Nullable OwnNetwork ownNetwork() {
    Path s = stations;
    Path g = grid;
    if (s == null && g == null) {
      return null;
    }
    if (s == null || g == null) {
      throw new InvalidInputException(
          (s == null ? "--grid" : "--stations")
              + " needs "
              + (s == null ? "--stations" : "--grid")
              + ": give both for your own network, or neither for Milan");
    }
    return OwnNetwork.read(s, g);
  }

  /** How long a stop waits for requests in flight. */
  static final Duration GRACE = Duration.ofSeconds(30);

  /**
   * The access log, created on first use: picocli instantiates every command of {@code dnt} at
   * start, and a logger in a static field of this one started logback (XML configuration, about 500
   * classes) for every command, {@code dnt cache simulate} included.
   */
  private static final class AccessLog {
    static final Logger ACCESS = LoggerFactory.getLogger("dnt.serve.access");
  }

  /** Whether to replay. */
  enum Toggle {
    /** Replay. */
    ON,
    /** Do not replay. */
    OFF
  }

  @Spec CommandSpec spec;

  @Mixin ClusterOptions clusterOptions = new ClusterOptions();

  @Option(
      names = "--host",
      defaultValue = ServerSettings.DEFAULT_HOST,
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--state",
      defaultValue = "${sys:user.home}/.dnt/serve",
      paramLabel = "DIR",
      description =
          "State folder: the twin's journal and the generated admin token (default:"
              + " ${DEFAULT-VALUE}); a second start on it resumes.")
  Path state;

  @Option(
      names = "--tokens",
      paramLabel = "FILE",
      description =
          "Tokens file: one 'ROLE TOKEN' a line, roles viewer, operator, admin; blank lines and"
              + " # comments ignored.")
  @Nullable Path tokens;

  @Option(
      names = "--replay",
      defaultValue = "on",
      paramLabel = "on|off",
      description = "Feed the twin from Milan data (default: ${DEFAULT-VALUE}).")
  Toggle replay;

  @Option(
      names = "--radio",
      defaultValue = "on",
      paramLabel = "on|off",
      description =
          "Run the radio twin of Milan (stations, KPIs, what-if; default: ${DEFAULT-VALUE}).")
  Toggle radio;

  @Option(
      names = "--radio-regions",
      defaultValue = "0",
      paramLabel = "METRES",
      description =
          "Partition the radio twin by region: square tiles of this side, each a sharded entity"
              + " that Cluster Sharding spreads over the cluster's nodes (default: ${DEFAULT-VALUE},"
              + " one radio twin per node; needs --radio on; on a cluster a region's state must"
              + " fit Artery's 256 KiB frame, about 4,000 users: docs/cluster.md).")
  double radioRegions;

  @Option(
      names = "--forecast",
      defaultValue = "on",
      paramLabel = "on|off",
      description =
          "Train forecasters online (V-twin once 2 complete days are held, then H-twin updates"
              + " every new day; default: ${DEFAULT-VALUE}).")
  Toggle forecast;

  @Option(
      names = "--speed",
      defaultValue = "60",
      paramLabel = "X",
      description =
          "Replay at X times real time (default: ${DEFAULT-VALUE}: a day in 24 minutes); 0 or"
              + " max: as fast as the twin accepts.")
  String speed;

  @Option(
      names = "--replay-from",
      paramLabel = "PATH",
      description =
          "Raw Milan files or folders to replay instead of the bundled subset (daily files in"
              + " time order, plain or .gz).")
  List<Path> replayFrom = List.of();

  @Option(
      names = "--stations",
      paramLabel = "FILE",
      description =
          "Your own network's station list (CSV: id,x,y,height,tx_power_dbm as for twin sinr,"
              + " optional carrier_ghz,bandwidth_mhz,capacity_mbps; docs/live.md, 'Your own"
              + " network'); with --grid, instead of Milan.")
  @Nullable Path stations;

  @Option(
      names = "--grid",
      paramLabel = "FILE",
      description =
          "Your own network's cells (GeoJSON FeatureCollection of Polygons or MultiPolygons in"
              + " WGS84 lon/lat, each with a numeric properties.cellId or id, 1..10000); with"
              + " --stations.")
  @Nullable Path grid;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with the key and certificate of this PKCS12 keystore; its password from"
              + " --tls-password-file or the environment variable "
              + TLS_PASSWORD_ENV
              + " (never on the command line).")
  @Nullable Path tlsKeystore;

  @Option(
      names = "--tls-password-file",
      paramLabel = "FILE",
      description = "File whose first line is the keystore's password.")
  @Nullable Path tlsPasswordFile;

  @Option(
      names = "--journal-key-file",
      paramLabel = "FILE",
      description =
          "Encrypt the embedded journal at rest (H2 CIPHER=AES) with the key on this file's first"
              + " line, or with the environment variable "
              + JOURNAL_KEY_ENV
              + " (never on the command line). A journal made with a key opens only with it.")
  @Nullable Path journalKeyFile;

  /** The environment variable that may hold the embedded journal's key. */
  static final String JOURNAL_KEY_ENV = "DNT_JOURNAL_KEY";

  @Option(
      names = "--rate-limit",
      defaultValue = "200",
      paramLabel = "N",
      description =
          "Requests per second per token, in bursts of up to 2N; more are answered 429 (default:"
              + " ${DEFAULT-VALUE}; 0: no limit).")
  double rateLimit;

  @Option(
      names = "--anonymous-rate-limit",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Requests per second per client address for requests without a valid token (the"
              + " page's files, health, token guesses; default: ${DEFAULT-VALUE}; 0: no limit).")
  double anonymousRateLimit;

  /** The environment variable that may hold the keystore's password. */
  static final String TLS_PASSWORD_ENV = "DNT_TLS_PASSWORD";

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable Running running;

  /** What a start holds, stopped in reverse order. */
  private record Running(LiveTwin twin, DntServer server, @Nullable Replay replay) {
    void stop() {
      if (replay != null) {
        try {
          replay.stop();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      server.stop(GRACE);
      twin.close();
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (port < 0 || port > 65_535) {
      throw new InvalidInputException("--port: " + port + " is not a port (0..65535)");
    }
    ReplaySpeed pace;
    try {
      pace = ReplaySpeed.parse(speed);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--speed: " + e.getMessage(), e);
    }
    if (!(radioRegions >= 0) || Double.isInfinite(radioRegions)) {
      throw new InvalidInputException(
          "--radio-regions: " + metres(radioRegions) + " is not a non-negative length in metres");
    }
    if (radioRegions > 0 && radio == Toggle.OFF) {
      throw new InvalidInputException(
          "--radio-regions partitions the radio twin: it needs --radio on");
    }
    OwnNetwork network = ownNetwork();
    if (network != null && replayFrom.isEmpty() && replay == Toggle.ON) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--replay")) {
        throw new InvalidInputException(
            "--replay on: the bundled subset is Milan's; with --stations and --grid, replay"
                + " your own files with --replay-from, or use --replay off");
      }
      replay = Toggle.OFF; // your own network: no Milan replay unless asked for with files
    }
    @Nullable ReplaySource source;
    try {
      source =
          replay == Toggle.OFF
              ? null
              : replayFrom.isEmpty()
                  ? ReplaySource.bundledSubset()
                  : ReplaySource.rawFiles(replayFrom);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--replay-from: " + e.getMessage(), e);
    }
    RateLimits limits = rateLimits();
    @Nullable TlsSettings tls = tls();
    JournalSettings journal = clusterOptions.journal();
    @Nullable String journalKey = journalKey(journal != null);
    if (journal == null && journalKey != null) {
      journal = encryptedJournal(state, journalKey);
    }
    ClusterSettings node = clusterOptions.cluster(journal);
    if (node.clustered() && radio == Toggle.ON && radioRegions == 0) {
      // one radio twin per node would see only its own node's cells (docs/cluster.md)
      throw new InvalidInputException(
          "--radio-regions: on a cluster (--seed-nodes) the radio twin must be partitioned by"
              + " region so that every node's cells feed it; give every node the same"
              + " --radio-regions METRES (e.g. 3000) or --radio off");
    }
    TokenStore store = tokens == null ? null : TokenStore.read(tokens);
    LiveSettings live = liveSettings(state, network, journal);
    // the dnt-live.* settings (system properties) before the state folder and its token: a bad
    // value is exit 2 with nothing created
    LiveTwins.check(live);
    prepareState(state);
    String tokenNote;
    if (store != null) {
      tokenNote =
          "tokens: " + tokens + " (" + store.size() + (store.size() == 1 ? " token)" : " tokens)");
    } else {
      TokenStore.Generated g = TokenStore.adminToken(state, new SecureRandom());
      store = g.store();
      tokenNote =
          "admin token: "
              + g.file().toAbsolutePath()
              + (g.created() ? " (generated now, mode 600)" : " (from an earlier start)");
    }
    LiveTwin twin = LiveTwins.start(live, node);
    @Nullable Replay feed = source == null ? null : Replay.into(source, twin, pace);
    DntServer server;
    try {
      ServerSettings settings =
          ServerSettings.of(store)
              .withAddress(host, port)
              .withAccessLog(AccessLog.ACCESS::info)
              .withTls(tls)
              .withRateLimits(limits);
      if (tls == null && !settings.loopbackOnly()) {
        spec.commandLine()
            .getErr()
            .println(
                "dnt serve: warning: "
                    + host
                    + " is reachable from other machines and there is no TLS: tokens and data"
                    + " cross the network in clear text; give --tls-keystore");
      }
      // with a replay, operators may change its speed (PUT /api/v1/replay, the dashboard)
      server =
          feed == null ? DntServer.start(twin, settings) : DntServer.start(twin, settings, feed);
    } catch (RuntimeException e) {
      twin.close();
      if (e instanceof InvalidInputException) {
        throw new InvalidInputException(e.getMessage() + "; choose another --host or --port", e);
      }
      throw e;
    }
    Running r = new Running(twin, server, feed);
    running = r;
    Thread hook = new Thread(this::stop, "dnt-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (feed != null) {
      feed.start();
    }
    out.println("dnt serve: listening on " + server.url());
    out.println(
        "dashboard: open "
            + server.url().resolve("/")
            + " in a browser and sign in with the token below");
    out.println(tokenNote);
    out.println(
        feed == null
            ? "replay: off"
            : "replay: "
                + (replayFrom.isEmpty() ? "the bundled 25-cell Milan subset" : replayFrom)
                + " at "
                + pace
                + (pace.unlimited() ? "" : "x real time"));
    out.println(
        network == null
            ? "network: Milan (the bundled grid of 10,000 cells)"
            : "network: "
                + network.grid().cells().size()
                + " cells from "
                + grid
                + ", "
                + network.stations().size()
                + " stations from "
                + stations);
    out.println(
        radio == Toggle.ON
            ? "radio twin: on, "
                + (network == null ? RADIO_USERS : radioUsers(network))
                + " users on "
                + (network == null ? "the bundled LTE stations" : "the stations of " + stations)
                + (radioRegions > 0
                    ? ", partitioned by region (tiles of " + metres(radioRegions) + " m)"
                    : "")
            : "radio twin: off");
    out.println(
        forecast == Toggle.ON
            ? "forecasting: on (GET /api/v1/federated shows the training)"
            : "forecasting: off");
    if (node.clustered()) {
      out.println(
          "cluster: node "
              + node.host()
              + ":"
              + node.port()
              + ", seed nodes "
              + node.seeds()
              + " (GET /api/v1/cluster shows the members)");
    }
    out.println("state: " + state.toAbsolutePath() + "; stop with Ctrl-C or SIGTERM");
    out.flush();
    stopped.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running
    }
    return 0;
  }

  /** Stops a started server (the shutdown hook, or a test): replay, server, then twin. */
  void stop() {
    Running r = running;
    running = null;
    if (r != null) {
      r.stop();
    }
    stopped.countDown();
  }

  /**
   * The base URL of a started server.
   *
   * @return the URL, or null before the start
   */
  @Nullable String url() {
    Running r = running;
    return r == null ? null : r.server().url().toString();
  }

  private RateLimits rateLimits() {
    if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
      throw new InvalidInputException(
          "--rate-limit: " + rateLimit + " is not a number of requests per second (0 or more)");
    }
    if (!(anonymousRateLimit >= 0) || Double.isInfinite(anonymousRateLimit)) {
      throw new InvalidInputException(
          "--anonymous-rate-limit: "
              + anonymousRateLimit
              + " is not a number of requests per second (0 or more)");
    }
    return new RateLimits(rateLimit, anonymousRateLimit);
  }

  /** The keystore of --tls-keystore, its password from the file or the environment. */
  private @Nullable TlsSettings tls() {
    Path keystore = tlsKeystore;
    if (keystore == null) {
      if (tlsPasswordFile != null) {
        throw new InvalidInputException(
            "--tls-password-file: given without --tls-keystore; give the keystore too");
      }
      return null;
    }
    String password;
    if (tlsPasswordFile != null) {
      try {
        password = TlsSettings.readPassword(tlsPasswordFile);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--tls-password-file: " + e.getMessage(), e);
      }
    } else {
      password = System.getenv(TLS_PASSWORD_ENV);
      if (password == null || password.isEmpty()) {
        throw new InvalidInputException(
            "--tls-keystore: no password; give --tls-password-file FILE or set the environment"
                + " variable "
                + TLS_PASSWORD_ENV);
      }
    }
    try {
      return TlsSettings.load(keystore, password);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--tls-keystore: " + e.getMessage(), e);
    }
  }

  /**
   * The embedded journal's key: the first line of {@code --journal-key-file}, else the environment
   * variable {@value #JOURNAL_KEY_ENV}, else none (a journal in the clear).
   *
   * @param external whether {@code --journal-url} names another database
   * @return the key, or null
   */
  private @Nullable String journalKey(boolean external) {
    String key;
    String source;
    if (journalKeyFile != null) {
      source = "--journal-key-file";
      try {
        key = TlsSettings.readPassword(journalKeyFile);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--journal-key-file: " + e.getMessage(), e);
      }
    } else {
      source = JOURNAL_KEY_ENV;
      key = System.getenv(JOURNAL_KEY_ENV);
      if (key == null || key.isEmpty()) {
        return null;
      }
    }
    if (external) {
      throw new InvalidInputException(
          source
              + ": a journal key encrypts only the embedded H2 journal, not the database of"
              + " --journal-url");
    }
    return key;
  }

  private static JournalSettings encryptedJournal(Path state, String key) {
    try {
      return JournalSettings.embedded(state, key);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--journal-key-file: " + e.getMessage(), e);
    }
  }

  private static void prepareState(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException(
          "--state: the state folder " + dir + " cannot be created or written (" + e + ")", e);
    }
  }
}
