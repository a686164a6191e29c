package dnt.live;

import dnt.core.InvalidInputException;
import dnt.data.integrity.IntegrityParams;
import dnt.live.runtime.FlAggregator;
import dnt.live.runtime.LiveConfig;
import dnt.live.runtime.NodeSettings;
import dnt.live.runtime.RuntimeSettings;
import dnt.live.runtime.TwinRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;

/** Starts live twins. */
public final class LiveTwins {
  /** How long a request waits for the cell twins before it fails. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  /** The read side's DuckDB file in the state folder. */
  static final String READ_SIDE = "read-side.duckdb";

  /** The trained forecasters in the state folder. */
  static final String FORECAST_FILE = "forecast/twinning.bin";

  /** How often the aggregator looks at the days held. */
  static final Duration FORECAST_TICK = Duration.ofSeconds(1);

  private LiveTwins() {}

  /**
   * Starts a live twin on a state folder: prepares the folder, creates the journal tables on first
   * start, starts a one-node Pekko cluster (Artery on 127.0.0.1, a free port, joined to itself)
   * with sharded cell twins, and returns once it accepts requests. A second start on the same
   * folder resumes with every acknowledged row.
   *
   * @param settings the settings
   * @return the running twin; {@link LiveTwin#close()} stops it
   * @throws InvalidInputException naming the folder or file at fault if the state folder cannot be
   *     written or holds an incompatible version, the password file cannot be read, or the journal
   *     database cannot be opened
   */
  public static LiveTwin start(LiveSettings settings) {
    return start(settings, ClusterSettings.single(), null);
  }

  /**
   * Starts a live twin as a node of a cluster (docs/cluster.md): as {@link #start(LiveSettings)},
   * on the node's address, joining its seed nodes. Every node of a cluster journals to the same
   * PostgreSQL database; the embedded H2 journal serves one node only, so seed nodes with it are
   * refused.
   *
   * @param settings the settings
   * @param cluster where the node sits in the cluster
   * @return the running twin
   * @throws InvalidInputException as {@link #start(LiveSettings)}, and for seed nodes with the
   *     embedded H2 journal
   */
  public static LiveTwin start(LiveSettings settings, ClusterSettings cluster) {
    return start(settings, cluster, null);
  }

  static LiveTwin start(
      LiveSettings settings, @org.jspecify.annotations.Nullable Executor training) {
    return start(settings, ClusterSettings.single(), training);
  }

  /**
   * Starts a live twin whose forecasters train on the given executor (tests hold training back with
   * it); see {@link #start(LiveSettings)}.
   *
   * @param settings the settings
   * @param cluster where the node sits in the cluster
   * @param training where training runs, or null for the twin's own training thread
   * @return the running twin
   */
  static LiveTwin start(
      LiveSettings settings,
      ClusterSettings cluster,
      @org.jspecify.annotations.Nullable Executor training) {
    return start(settings, cluster, training, ASK_TIMEOUT);
  }

  /**
   * Starts a live twin whose requests wait at most {@code askTimeout} for an entity (tests shorten
   * it); see {@link #start(LiveSettings)}.
   *
   * @param settings the settings
   * @param training where training runs, or null for the twin's own training thread
   * @param askTimeout how long a request waits for an entity once sent
   * @return the running twin
   */
  static LiveTwin start(
      LiveSettings settings,
      @org.jspecify.annotations.Nullable Executor training,
      Duration askTimeout) {
    return start(settings, ClusterSettings.single(), training, askTimeout);
  }

  private static LiveTwin start(
      LiveSettings settings,
      ClusterSettings cluster,
      @org.jspecify.annotations.Nullable Executor training,
      Duration askTimeout) {
    if (cluster.clustered() && settings.journal().dialect() == JournalSettings.Dialect.H2) {
      throw new InvalidInputException(
          "the embedded H2 journal serves a single node, so seed nodes need a shared PostgreSQL"
              + " journal (a jdbc:postgresql: journal URL)");
    }
    if (cluster.clustered()
        && settings.radio().enabled()
        && !(settings.radio().regionTileM() > 0)) {
      // one radio twin per node would be told only by its own node's cell twins (docs/cluster.md)
      throw new InvalidInputException(
          "on a cluster the radio twin must be partitioned by region so that every node's cells"
              + " feed it: give every node the same RadioSettings.withRegions(tileM), or no radio"
              + " twin");
    }
    check(settings);
    StateFolder.prepare(settings.stateFolder());
    AutoCloseable lock = StateFolder.lock(settings.stateFolder());
    try {
      NetworkMarker.check(settings.stateFolder(), settings.network());
      return start(settings, cluster, lock, training, askTimeout);
    } catch (RuntimeException e) {
      release(lock);
      throw e;
    }
  }

  /**
   * Checks the node's own settings ({@code dnt-live.*}: the ingest log's and the retention window,
   * Java system properties over {@code dnt-live.conf}; docs/live.md) and that the retention window
   * holds what the settings' forecasters read, without touching the state folder: {@link #start}
   * does it first, and a command that writes into the folder before it starts the twin (as {@code
   * dnt serve} writes its admin token) calls it before that, so that a bad value leaves nothing
   * behind.
   *
   * @param settings the twin's settings
   * @throws InvalidInputException in one sentence naming the first bad setting
   */
  public static void check(LiveSettings settings) {
    LiveConfig own = LiveConfig.read();
    if (settings.forecast().enabled()) {
      own.retention().requireFor(forecastParams(settings));
    }
  }

  /** The federated aggregator's parameters for the settings' forecasters. */
  private static FlAggregator.Params forecastParams(LiveSettings settings) {
    ForecastSettings f = settings.forecast();
    return new FlAggregator.Params(
        f.online(),
        f.minDays(),
        settings.stateFolder().resolve(FORECAST_FILE),
        FORECAST_TICK,
        f.roundTimeout());
  }

  private static void release(AutoCloseable lock) {
    try {
      lock.close();
    } catch (Exception e) {
      // the lock goes with the file channel or the JVM anyway
    }
  }

  private static LiveTwin start(
      LiveSettings settings,
      ClusterSettings cluster,
      AutoCloseable lock,
      @org.jspecify.annotations.Nullable Executor training,
      Duration askTimeout) {
    JournalSettings j = settings.journal();
    RuntimeSettings rs =
        new RuntimeSettings(
            j.url(),
            j.user(),
            j.connectionPassword(password(j.passwordFile())),
            j.dialect().slickProfile(),
            j.dialect().driver(),
            j.dialect().schemaResource(),
            settings.snapshotEvery(),
            cluster.host(),
            cluster.port(),
            askTimeout,
            new IntegrityParams(
                settings.integrity().window(),
                settings.integrity().warmup(),
                settings.integrity().threshold(),
                settings.integrity().consecutive(),
                settings.integrity().enabled()),
            settings.radio().enabled() ? settings.radio().users() : -1,
            settings.radio().seed(),
            settings.radio().mbpsPerActivity(),
            settings.stateFolder().resolve(READ_SIDE),
            settings.network(),
            settings.radio().regionTileM());
    TwinRuntime runtime;
    try {
      runtime =
          TwinRuntime.start(
              rs,
              new NodeSettings(
                  cluster.bindHost(),
                  cluster.host(),
                  cluster.port(),
                  cluster.seeds().stream().map(ClusterSettings.SeedNode::toString).toList()));
    } catch (RuntimeException e) {
      throw nodeRefused(cluster, e);
    } catch (SQLException e) {
      InvalidInputException locked = journalLocked(settings, e);
      if (locked != null) {
        throw locked;
      }
      throw new InvalidInputException(
          "the live twin cannot start on the state folder "
              + settings.stateFolder()
              + ": "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
    try {
      if (settings.forecast().enabled()) {
        runtime.startForecasting(forecastParams(settings), training);
      }
      return PekkoLiveTwin.start(settings, runtime, () -> release(lock));
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /**
   * A node that cannot bind its port or join its seed nodes is a user's mistake (exit 2 with one
   * sentence); anything else is not.
   */
  private static RuntimeException nodeRefused(ClusterSettings cluster, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return new InvalidInputException(
            "the node port "
                + cluster.port()
                + " on "
                + cluster.bindHost()
                + " cannot be bound ("
                + t.getMessage()
                + "); choose another node port",
            e);
      }
    }
    if (cluster.clustered() && e instanceof IllegalStateException) {
      return new InvalidInputException(String.valueOf(e.getMessage()), e);
    }
    return e;
  }

  /** H2's codes for a file it cannot decrypt and for a file it cannot read as a database. */
  private static final int H2_ENCRYPTION_ERROR = 90049;

  private static final int H2_FILE_CORRUPTED = 90030;

  /**
   * The sentence for an embedded journal that the key given (or its absence) does not open: H2
   * refuses a wrong key, or a key on a journal in the clear, with an encryption error, and an
   * encrypted journal opened without a key with a corrupted-file error. Null for any other failure.
   */
  private static @org.jspecify.annotations.Nullable InvalidInputException journalLocked(
      LiveSettings settings, SQLException e) {
    JournalSettings j = settings.journal();
    if (j.dialect() != JournalSettings.Dialect.H2) {
      return null;
    }
    int code = 0;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
        code = sql.getErrorCode();
      }
    }
    Path journal = settings.stateFolder().resolve("journal");
    if (j.encrypted() && code == H2_ENCRYPTION_ERROR) {
      return new InvalidInputException(
          "the journal in "
              + journal
              + " does not open with the key given: it is encrypted with another key, or it is"
              + " not encrypted (start without --journal-key-file and DNT_JOURNAL_KEY)",
          e);
    }
    if (!j.encrypted() && code == H2_FILE_CORRUPTED) {
      return new InvalidInputException(
          "the journal in "
              + journal
              + " cannot be read without a key: it is encrypted (give its key with"
              + " --journal-key-file or DNT_JOURNAL_KEY) or damaged",
          e);
    }
    return null;
  }

  private static String password(@org.jspecify.annotations.Nullable Path file) {
    if (file == null) {
      return "";
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .findFirst()
          .orElse("")
          .strip();
    } catch (IOException e) {
      throw new InvalidInputException(
          "the journal password file " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
