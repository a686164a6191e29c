package dnt.data.store;

import dnt.core.InvalidInputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The schema of a {@link TrafficStore} (layout version {@value #VERSION}): the tables {@code
 * traffic}, {@code slots}, {@code files}, and the {@code dnt_store} table whose {@code format} and
 * {@code version} keys mark the database as a dnt store.
 */
final class StoreSchema {
  /** The value of the {@code format} key that marks a dnt store. */
  static final String FORMAT = "dnt-traffic-store";

  /** The store layout version. */
  static final String VERSION = "3";

  private StoreSchema() {}

  /**
   * Lets tests write encrypted stores without DuckDB's httpfs extension, through the built-in
   * crypto module that DuckDB calls not secure ({@code force_mbedtls_unsafe}: its random numbers
   * are not fit for nonces). Never set outside tests.
   */
  static volatile boolean unsafeEncryptedWritesForTests;

  /** Where the command line takes a store key from, for messages. */
  static final String KEY_HINT = "--key-file FILE or the environment variable DNT_STORE_KEY";

  /**
   * Opens the DuckDB connection of a store file: the file itself, or, with a key, DuckDB's
   * encrypted database attached to an in-memory one as {@code store} (and made the default).
   *
   * @throws IllegalStateException if another process holds the file
   * @throws InvalidInputException if DuckDB cannot open the file, if it is encrypted and no key or
   *     another key is given, if a key is given for a store in the clear, or if an encrypted store
   *     is to be written where DuckDB cannot write encrypted files
   */
  static Connection connect(Path path, boolean readOnly, @Nullable StoreKey key) {
    if (key == null) {
      Properties props = new Properties();
      if (readOnly) {
        props.setProperty("duckdb.read_only", "true");
      }
      try {
        return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), props);
      } catch (SQLException e) {
        throw openFailure(path, e);
      }
    }
    Connection conn;
    try {
      conn = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw StoreSql.failure("cannot start DuckDB", e);
    }
    try {
      String file = path.toAbsolutePath().toString();
      execute(conn, "SET temp_directory = " + StoreSql.quote(file + ".tmp"));
      if (!readOnly) {
        enableEncryptedWrites(conn, path);
      }
      execute(
          conn,
          "ATTACH "
              + StoreSql.quote(file)
              + " AS store (ENCRYPTION_KEY "
              + key.sqlLiteral()
              + (readOnly ? ", READ_ONLY)" : ")"));
      execute(conn, "USE store");
      return conn;
    } catch (SQLException e) {
      closeQuietly(conn);
      throw openFailure(path, e);
    } catch (RuntimeException e) {
      closeQuietly(conn);
      throw e;
    }
  }

  /**
   * DuckDB encrypts with OpenSSL from its httpfs extension; its built-in module only decrypts
   * safely (it lacks a secure random source for the nonces of new blocks).
   */
  private static void enableEncryptedWrites(Connection conn, Path path) throws SQLException {
    try {
      execute(conn, "LOAD httpfs");
      return;
    } catch (SQLException e) {
      if (!unsafeEncryptedWritesForTests) {
        throw new InvalidInputException(
            "cannot write the encrypted store "
                + path
                + ": DuckDB encrypts new data only with its httpfs extension (OpenSSL), which is"
                + " not installed here (install it once with INSTALL httpfs in DuckDB 2.0.0 on a"
                + " machine with internet access); reading an encrypted store needs no extension",
            e);
      }
    }
    execute(conn, "SET force_mbedtls_unsafe = true");
  }

  private static void execute(Connection conn, String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  private static void closeQuietly(Connection conn) {
    try {
      conn.close();
    } catch (SQLException e) {
      // the open failed already; that failure is reported
    }
  }

  /** DuckDB's reason for not opening a store, as one sentence for the user. */
  private static RuntimeException openFailure(Path path, SQLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("without a key")) {
      return new InvalidInputException(
          "the store " + path + " is encrypted: give its key with " + KEY_HINT, e);
    }
    if (m.contains("Wrong encryption key")) {
      return new InvalidInputException(
          "the store "
              + path
              + " does not open with the key given (another key, or a damaged file)",
          e);
    }
    if (m.contains("is not encrypted")) {
      return new InvalidInputException(
          "the store "
              + path
              + " is not encrypted, but a key was given: open it without a key (no --key-file,"
              + " DNT_STORE_KEY unset)",
          e);
    }
    if (m.contains("lock")) {
      return new IllegalStateException(
          "the store " + path + " is in use by another process: " + StoreSql.firstLine(e), e);
    }
    return new InvalidInputException(
        path + " is not a dnt store (DuckDB cannot open it: " + StoreSql.firstLine(e) + ")", e);
  }

  /** The {@code dnt_store} key that records a store's {@link Minimisation} (absent: none). */
  static final String MINIMISE_KEY = "minimise";

  /** Creates the tables and the marker of an empty store that keeps the given detail. */
  static void create(Connection conn, Minimisation minimisation) {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE dnt_store(key VARCHAR PRIMARY KEY, value VARCHAR)");
      s.execute(
          "INSERT INTO dnt_store VALUES ('format', '"
              + FORMAT
              + "'), ('version', '"
              + VERSION
              + "')");
      if (minimisation != Minimisation.NONE) {
        s.execute(
            "INSERT INTO dnt_store VALUES ('"
                + MINIMISE_KEY
                + "', '"
                + minimisation.label()
                + "')");
      }
      s.execute(
          "CREATE TABLE traffic(cell INTEGER NOT NULL, time BIGINT NOT NULL, smsin DOUBLE NOT NULL,"
              + " smsout DOUBLE NOT NULL, callin DOUBLE NOT NULL, callout DOUBLE NOT NULL,"
              + " internet DOUBLE NOT NULL)");
      s.execute("CREATE TABLE slots(file INTEGER NOT NULL, time BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE files(id INTEGER, name VARCHAR, path VARCHAR, bytes BIGINT,"
              + " modified BIGINT, md5 VARCHAR, rows_read BIGINT, rows_stored BIGINT,"
              + " rows_replaced BIGINT, rows_rejected BIGINT, synthetic BOOLEAN,"
              + " ingested_at TIMESTAMP)");
    } catch (SQLException e) {
      throw StoreSql.failure("cannot create the store schema", e);
    }
  }

  /**
   * Checks that the database is a dnt store of this layout version.
   *
   * @return the detail the store keeps
   * @throws InvalidInputException if it has no marker or another version
   */
  static Minimisation check(Connection conn, Path path) {
    String format = null;
    String version = null;
    String minimise = Minimisation.NONE.label();
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT key, value FROM dnt_store")) {
      while (r.next()) {
        if (r.getString(1).equals("format")) {
          format = r.getString(2);
        } else if (r.getString(1).equals("version")) {
          version = r.getString(2);
        } else if (r.getString(1).equals(MINIMISE_KEY)) {
          minimise = r.getString(2);
        }
      }
    } catch (SQLException e) {
      // fall through: no marker table
    }
    if (!FORMAT.equals(format)) {
      throw new InvalidInputException(
          path + " is a DuckDB database but not a dnt store (it has no dnt_store marker)");
    }
    if (!VERSION.equals(version)) {
      throw new InvalidInputException(
          "the store "
              + path
              + " has layout version "
              + version
              + " (this dnt reads version "
              + VERSION
              + ", which sums country codes on ingest and refuses a slot that an earlier file"
              + " holds); ingest its files again into a new store");
    }
    return Minimisation.parse(minimise);
  }
}
