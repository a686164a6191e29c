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
 * @param fileKey the key of an embedded H2 journal encrypted at rest with {@code CIPHER=AES} (H2's
 *     file password), or {@code null} for a journal in the clear; never printed
 */
public record JournalSettings(
    String url, String user, @Nullable Path passwordFile, @Nullable String fileKey) {

  /**
   * Settings of a journal in the clear.
   *
   * @param url the JDBC URL
   * @param user the database user
   * @param passwordFile a file whose first line is the password, or {@code null} for none
   */
  public JournalSettings(String url, String user, @Nullable Path passwordFile) {
    this(url, user, passwordFile, null);
  }

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
    Dialect d = dialectOf(url);
    if (user.isBlank()) {
      throw new InvalidInputException("the journal user is blank; give the database user name");
    }
    if (fileKey != null) {
      if (d != Dialect.H2) {
        throw new InvalidInputException(
            "a journal key encrypts only the embedded H2 journal; PostgreSQL encrypts at rest"
                + " with its own storage");
      }
      if (fileKey.isEmpty() || fileKey.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidInputException(
            "the journal key is empty or holds white space; give one word of at least one"
                + " character");
      }
      if (!url.toUpperCase(Locale.ROOT).contains(";CIPHER=AES")) {
        throw new InvalidInputException("an encrypted H2 journal's URL must set CIPHER=AES");
      }
    }
  }

  /**
   * Whether the journal is encrypted at rest.
   *
   * @return true with a key
   */
  public boolean encrypted() {
    return fileKey != null;
  }

  /**
   * The password JDBC is given: H2 takes an encrypted database's file key and the user's password
   * in one string, {@code "fileKey userPassword"}.
   *
   * @param userPassword the user's password (empty for none)
   * @return the connection password
   */
  public String connectionPassword(String userPassword) {
    return fileKey == null ? userPassword : fileKey + " " + userPassword;
  }

  @Override
  public String toString() {
    return "JournalSettings[url="
        + url
        + ", user="
        + user
        + ", passwordFile="
        + passwordFile
        + ", encrypted="
        + encrypted()
        + "]";
  }

  /**
   * The embedded H2 file database in {@code stateFolder/journal}.
   *
   * @param stateFolder the live twin's state folder
   * @return the settings
   */
  public static JournalSettings embedded(Path stateFolder) {
    return embedded(stateFolder, null);
  }

  /**
   * The embedded H2 file database in {@code stateFolder/journal}, encrypted at rest with H2's
   * {@code CIPHER=AES} (AES in XTS mode over the whole file) when a key is given.
   *
   * @param stateFolder the live twin's state folder
   * @param key the file key, or {@code null} for a journal in the clear
   * @return the settings
   */
  public static JournalSettings embedded(Path stateFolder, @Nullable String key) {
    Path base = stateFolder.toAbsolutePath().normalize().resolve("journal").resolve("events");
    // WRITE_DELAY=0: H2 writes each commit to its file at once, so a killed JVM loses no
    // acknowledged batch (the default delays writes by up to 500 ms; KillRecoveryTest).
    // DB_CLOSE_ON_EXIT=FALSE: H2's shutdown hook would close the database on SIGTERM under the
    // batches still in flight; the runtime closes it itself, last (ServeSigtermTest)
    return new JournalSettings(
        "jdbc:h2:file:"
            + base
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
            + (key == null ? "" : ";CIPHER=AES"),
        "sa",
        null,
        key);
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
