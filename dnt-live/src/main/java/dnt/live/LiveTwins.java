package dnt.live;

import dnt.core.InvalidInputException;
import dnt.live.runtime.IntegrityParams;
import dnt.live.runtime.RuntimeSettings;
import dnt.live.runtime.TwinRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Starts live twins. */
public final class LiveTwins {
  /** How long a request waits for the cell twins before it fails. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  /** The read side's DuckDB file in the state folder. */
  static final String READ_SIDE = "read-side.duckdb";

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
    StateFolder.prepare(settings.stateFolder());
    JournalSettings j = settings.journal();
    RuntimeSettings rs =
        new RuntimeSettings(
            j.url(),
            j.user(),
            password(j.passwordFile()),
            j.dialect().slickProfile(),
            j.dialect().driver(),
            j.dialect().schemaResource(),
            settings.snapshotEvery(),
            "127.0.0.1",
            0,
            ASK_TIMEOUT,
            new IntegrityParams(
                settings.integrity().window(),
                settings.integrity().warmup(),
                settings.integrity().threshold(),
                settings.integrity().consecutive(),
                settings.integrity().enabled()),
            settings.radio().enabled() ? settings.radio().users() : -1,
            settings.radio().seed(),
            settings.radio().mbpsPerActivity(),
            settings.stateFolder().resolve(READ_SIDE));
    TwinRuntime runtime;
    try {
      runtime = TwinRuntime.start(rs);
    } catch (SQLException e) {
      throw new InvalidInputException(
          "the journal database " + j.url() + " cannot be opened (" + e.getMessage() + ")", e);
    }
    try {
      return PekkoLiveTwin.start(settings, runtime);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
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
