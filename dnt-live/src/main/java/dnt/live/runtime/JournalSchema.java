package dnt.live.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * Creates the journal and snapshot tables on first start, from the DDL that {@code
 * pekko-persistence-jdbc} ships, adapted ({@code dnt/live/h2-journal-schema.sql}, {@code
 * dnt/live/postgres-journal-schema.sql}); does nothing when {@code event_journal} exists in the
 * connection's current schema.
 */
final class JournalSchema {
  private JournalSchema() {}

  /**
   * Ensures the tables exist.
   *
   * @throws SQLException if the database cannot be reached or the DDL fails
   */
  static void ensure(RuntimeSettings s) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", s.journalUser());
    props.setProperty("password", s.journalPassword());
    try {
      Class.forName(s.driver());
    } catch (ClassNotFoundException e) {
      throw new SQLException("the JDBC driver " + s.driver() + " is not on the class path", e);
    }
    Connection opened;
    try {
      opened = DriverManager.getConnection(s.journalUrl(), props);
    } catch (SQLException e) {
      throw new SQLException(
          "the journal database " + s.journalUrl() + " cannot be opened (" + e.getMessage() + ")",
          e);
    }
    try (Connection c = opened) {
      if (hasTable(c, "event_journal")) {
        return;
      }
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        for (String sql : ddl(s.schemaResource()).split(";", -1)) {
          if (!sql.isBlank()) {
            st.execute(sql.strip());
          }
        }
      }
    }
  }

  /**
   * Closes an embedded H2 journal database, the last step of a stop: the embedded URL sets {@code
   * DB_CLOSE_ON_EXIT=FALSE}, so that H2's own JVM shutdown hook does not close the database under
   * the batches still being journaled on SIGTERM; the runtime closes it after its actor system has
   * terminated. Any other database is left alone (its connections closed with the pool).
   *
   * @param s the settings
   */
  static void closeEmbedded(RuntimeSettings s) {
    if (!s.journalUrl().startsWith("jdbc:h2:")) {
      return;
    }
    Properties props = new Properties();
    props.setProperty("user", s.journalUser());
    props.setProperty("password", s.journalPassword());
    try (Connection c = DriverManager.getConnection(s.journalUrl(), props);
        Statement st = c.createStatement()) {
      st.execute("SHUTDOWN");
    } catch (SQLException e) {
      // already closed, or closing: every acknowledged write is in the file (WRITE_DELAY=0)
    }
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    // in the connection's current schema only: another schema's journal (another twin's) is not
    // this one's
    String schema = c.getSchema();
    for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = c.getMetaData().getTables(null, schema, n, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String ddl(String resource) throws SQLException {
    try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SQLException("the journal DDL " + resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read the journal DDL " + resource, e);
    }
  }
}
