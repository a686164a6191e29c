package dnt.live;

import dnt.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the live twin journals its events: a JDBC database that {@code pekko-persistence-jdbc}
 * writes (docs/live.md, "Journal configuration"). The embedded H2 file database under the state
 * folder is the default; PostgreSQL is the database a cluster shares.
 *
 * @param url the JDBC URL, {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
 * @param user the database user
 * @param passwordFile a file whose first line is the password, or {@code null} for none
 */
public record JournalSettings(String url, String user, @Nullable Path passwordFile) {

  /** The journal databases the runtime knows the schema and Slick profile of. */
  public enum Dialect {
    /** H2 2.x, embedded file database. */
    H2("jdbc:h2:", "slick.jdbc.H2Profile$", "org.h2.Driver", "dnt/live/h2-journal-schema.sql"),
    /** PostgreSQL, shared by the nodes of a cluster. */
    POSTGRESQL(
        "jdbc:postgresql:",
        "slick.jdbc.PostgresProfile$",
        "org.postgresql.Driver",
        "dnt/live/postgres-journal-schema.sql");

    private final String prefix;
    private final String slickProfile;
    private final String driver;
    private final String schemaResource;

    Dialect(String prefix, String slickProfile, String driver, String schemaResource) {
      this.prefix = prefix;
      this.slickProfile = slickProfile;
      this.driver = driver;
      this.schemaResource = schemaResource;
    }

    /**
     * The Slick profile {@code pekko-persistence-jdbc} uses.
     *
     * @return the profile's class name
     */
    public String slickProfile() {
      return slickProfile;
    }

    /**
     * The JDBC driver class.
     *
     * @return the class name
     */
    public String driver() {
      return driver;
    }

    /**
     * The DDL of this database's tables: {@code pekko-persistence-jdbc}'s, adapted (docs/live.md,
     * "Journal configuration").
     *
     * @return the class-path resource name
     */
    public String schemaResource() {
      return schemaResource;
    }
  }

  /**
   * Validates the settings.
   *
   * @throws InvalidInputException for a URL of an unsupported database or a blank user
   */
  public JournalSettings {
    dialectOf(url);
    if (user.isBlank()) {
      throw new InvalidInputException("the journal user is blank; give the database user name");
    }
  }

  /**
   * The embedded H2 file database in {@code stateFolder/journal}.
   *
   * @param stateFolder the live twin's state folder
   * @return the settings
   */
  public static JournalSettings embedded(Path stateFolder) {
    Path base = stateFolder.toAbsolutePath().normalize().resolve("journal").resolve("events");
    // WRITE_DELAY=0: H2 writes each commit to its file at once, so a killed JVM loses no
    // acknowledged batch (the default delays writes by up to 500 ms; KillRecoveryTest).
    // DB_CLOSE_ON_EXIT=FALSE: H2's shutdown hook would close the database on SIGTERM under the
    // batches still in flight; the runtime closes it itself, last (ServeSigtermTest)
    return new JournalSettings(
        "jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", null);
  }

  /**
   * The database of the URL.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialectOf(url);
  }

  private static Dialect dialectOf(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    for (Dialect d : Dialect.values()) {
      if (lower.startsWith(d.prefix)) {
        return d;
      }
    }
    throw new InvalidInputException(
        "journal URL '" + url + "' is neither jdbc:h2: nor jdbc:postgresql:");
  }
}
