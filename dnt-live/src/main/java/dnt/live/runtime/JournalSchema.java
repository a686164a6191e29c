package dnt.live.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Creates the journal and snapshot tables on first start, from the DDL that {@code
 * pekko-persistence-jdbc} ships, adapted ({@code dnt/live/h2-journal-schema.sql}, {@code
 * dnt/live/postgres-journal-schema.sql}); does nothing when {@code event_journal} exists in the
 * connection's current schema. On PostgreSQL, creators that start together are serialised by an
 * advisory lock.
 */
public final class JournalSchema {
  private JournalSchema() {}

  /**
   * Runs a journal DDL resource on a database, statement by statement: for tests and A/B
   * measurements that create the tables of an earlier layout ({@code
   * dnt/live/h2-journal-schema-legacy.sql}, embedded journals created before 5 December 2026) in a
   * fresh state folder, which a twin then keeps as it finds them.
   *
   * @param url the database
   * @param user its user
   * @param password the user's password
   * @param resource the DDL resource on the class path
   * @throws SQLException if the resource is missing or a statement fails
   */
  public static void run(String url, String user, String password, String resource)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      execute(st, resource);
    }
  }

  /** Runs the statements of a DDL resource (the resources have no semicolon in a comment). */
  private static void execute(Statement st, String resource) throws SQLException {
    for (String sql : ddl(resource).split(";", -1)) {
      if (!sql.isBlank()) {
        st.execute(sql.strip());
      }
    }
  }

  /**
   * Ensures the tables exist.
   *
   * @throws SQLException if the database cannot be reached or the DDL fails
   */
  static void ensure(RuntimeSettings s) throws SQLException {
    ensure(s.journalUrl(), s.journalUser(), s.journalPassword(), s.driver(), s.schemaResource());
  }

  /**
   * Ensures the tables exist.
   *
   * @param url the journal database
   * @param user its user
   * @param password the user's password
   * @param driver the JDBC driver's class
   * @param schemaResource the DDL resource
   * @throws SQLException if the database cannot be reached or the DDL fails
   */
  static void ensure(String url, String user, String password, String driver, String schemaResource)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    try {
      Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new SQLException("the JDBC driver " + driver + " is not on the class path", e);
    }
    Connection opened;
    try {
      opened = DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw new SQLException(
          "the journal database " + url + " cannot be opened (" + e.getMessage() + ")", e);
    }
    try (Connection c = opened) {
      if (!hasTable(c, "event_journal")) {
        create(c, url, schemaResource);
      }
      if (url.startsWith("jdbc:h2:")) {
        // also in a journal created before the view existed
        try (Statement st = c.createStatement()) {
          st.execute(H2_TAG_VIEW_DDL);
        }
      }
    }
  }

  /**
   * The name of the view of {@code event_tag} that the read journal queries on H2 instead of the
   * table ({@code jdbc-read-journal.tables.event_tag.tableName}, {@link TwinRuntime#config}).
   *
   * <p>Why: the read side's {@code eventsByTag} query ({@code pekko-persistence-jdbc} 1.1.1) joins
   * {@code event_journal}, as a derived table, to {@code event_tag} with the offset range on the
   * journal side only. On the table, H2 2.x starts the join with a scan of all of {@code event_tag}
   * and looks each row up in the derived table, so every poll of at most 500 events read every tag
   * row ever written: the projection's cost grew with the journal (a poll took about a second at
   * 200,000 events on the loaded 2-core machine) and took a core during a replayed city day. On a
   * view, H2 starts from the journal's {@code ordering} index over the offset range and looks the
   * tag up by its primary key, so a poll reads the events after the offset only ({@code
   * ReadJournalPlanTest}). Same rows, same order: only the plan changes. PostgreSQL plans the query
   * well on the table and keeps it.
   */
  static final String H2_TAG_VIEW = "event_tag_read";

  private static final String H2_TAG_VIEW_DDL =
      "CREATE VIEW IF NOT EXISTS PUBLIC.\""
          + H2_TAG_VIEW
          + "\" AS SELECT \"event_id\", \"tag\" FROM PUBLIC.\"event_tag\"";

  private static void create(Connection c, String url, String schemaResource) throws SQLException {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    // PostgreSQL's CREATE ... IF NOT EXISTS is not safe against a concurrent creator (the loser
    // fails on the unique index of pg_class or pg_type), and nodes of a cluster started together
    // create the tables at once: there the DDL runs in one transaction (PostgreSQL's DDL is
    // transactional) that first takes an advisory lock, so creators run one after the other and
    // each later one finds the tables (JournalSchemaRaceTest). H2 serves one node only.
    c.setAutoCommit(!postgres);
    try (Statement st = c.createStatement()) {
      if (postgres) {
        st.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
      }
      execute(st, schemaResource);
      if (postgres) {
        c.commit();
      }
    } catch (SQLException e) {
      if (postgres) {
        c.rollback();
      }
      throw e;
    }
  }

  /**
   * The key of the PostgreSQL advisory lock that serialises the creators of journal tables (an
   * arbitrary constant, "dnt-jour" in ASCII, unlikely to meet another application's key).
   */
  static final long CREATE_LOCK = 0x646e_742d_6a6f_7572L;

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

  /**
   * The ingest log partitions at or beyond {@code from} that hold events in the journal
   * (persistence ids {@code ingest|p}), whatever partition count wrote them: a twin started with
   * fewer partitions (or the log off) starts them too, so that they drain ({@link IngestLog}).
   *
   * <p>One lookup by the journal's primary key per partition, {@code from}, {@code from + 1}, ...,
   * up to the first that holds none: a node sends its k-th batch to partition {@code k mod P} from
   * k = 0, so a partition gets its first batch only after every lower one has, and the partitions
   * with events are always {@code 0..m-1}. (A {@code LIKE 'ingest|%'} would read the whole journal
   * on PostgreSQL, whose text index does not serve a prefix under a non-C collation.) The journal
   * plugin keeps at least the newest row of an id whose events it deleted, so a partition that
   * snapshots and deletes is still found.
   *
   * @param s the settings
   * @param from the configured partition count
   * @return the partition numbers, ascending
   * @throws SQLException if the journal cannot be read
   */
  static List<Integer> ingestPartitions(RuntimeSettings s, int from) throws SQLException {
    String prefix = IngestLog.TYPE_KEY.name() + "|";
    Properties props = new Properties();
    props.setProperty("user", s.journalUser());
    props.setProperty("password", s.journalPassword());
    List<Integer> partitions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(s.journalUrl(), props);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT 1 FROM \"event_journal\" WHERE \"persistence_id\" = ?"
                    + " FETCH FIRST 1 ROWS ONLY")) {
      for (int p = from; ; p++) {
        st.setString(1, prefix + p);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            return List.copyOf(partitions);
          }
        }
        partitions.add(p);
      }
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
