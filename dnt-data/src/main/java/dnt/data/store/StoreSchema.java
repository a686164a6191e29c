package dnt.data.store;

import dnt.core.InvalidInputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

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
   * Opens the DuckDB connection of a store file.
   *
   * @throws IllegalStateException if another process holds the file
   * @throws InvalidInputException if DuckDB cannot open the file
   */
  static Connection connect(Path path, boolean readOnly) {
    Properties props = new Properties();
    if (readOnly) {
      props.setProperty("duckdb.read_only", "true");
    }
    try {
      return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), props);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("lock")) {
        throw new IllegalStateException(
            "the store " + path + " is in use by another process: " + StoreSql.firstLine(e), e);
      }
      throw new InvalidInputException(
          path + " is not a dnt store (DuckDB cannot open it: " + StoreSql.firstLine(e) + ")", e);
    }
  }

  /** Creates the tables and the marker of an empty store. */
  static void create(Connection conn) {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE dnt_store(key VARCHAR PRIMARY KEY, value VARCHAR)");
      s.execute(
          "INSERT INTO dnt_store VALUES ('format', '"
              + FORMAT
              + "'), ('version', '"
              + VERSION
              + "')");
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
   * @throws InvalidInputException if it has no marker or another version
   */
  static void check(Connection conn, Path path) {
    String format = null;
    String version = null;
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT key, value FROM dnt_store")) {
      while (r.next()) {
        if (r.getString(1).equals("format")) {
          format = r.getString(2);
        } else if (r.getString(1).equals("version")) {
          version = r.getString(2);
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
  }
}
