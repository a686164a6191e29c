package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import dnt.data.integrity.IntegrityParams;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 journal's layout and the plans of the plugin's queries on it, for this version's
 * layout ({@code h2-journal-schema.sql}) and that of journals created before it ({@code
 * h2-journal-schema-legacy.sql}), which state folders of earlier versions keep. On H2 the read
 * side's {@code eventsByTag} query reads the tags through a view ({@link
 * JournalSchema#H2_TAG_VIEW}), so that a poll reads the events after its offset instead of every
 * tag row ever written, and answers the same rows as on the table.
 */
final class ReadJournalPlanTest {
  /**
   * The query {@code pekko-persistence-jdbc} 1.1.1's {@code eventsByTag} sends to H2 (captured with
   * H2's {@code TRACE_LEVEL_FILE=2} from a live twin), with the tag table's name as {@code %s}:
   * tag, offset, the journal's highest gap-free ordering, at most {@code max-buffer-size}.
   */
  private static final String EVENTS_BY_TAG =
      "select x2.x3, x2.x4, x2.x5, x2.x6, x2.x7, x2.x8, x2.x9, x2.x10, x2.x11, x2.x12, x2.x13,"
          + " x2.x14, x2.x15 from (select \"deleted\" as x4, \"meta_ser_id\" as x14,"
          + " \"meta_ser_manifest\" as x15, \"sequence_number\" as x6, \"writer\" as x7,"
          + " \"event_ser_manifest\" as x12, \"write_timestamp\" as x8, \"persistence_id\" as x5,"
          + " \"adapter_manifest\" as x9, \"ordering\" as x3, \"event_payload\" as x10,"
          + " \"event_ser_id\" as x11, \"meta_payload\" as x13 from \"event_journal\" where"
          + " \"deleted\" = false) x2, \"%s\" x16 where ((x16.\"tag\" = 'cell') and ((x2.x3 > %d)"
          + " and (x2.x3 <= %d))) and (x2.x3 = x16.\"event_id\") order by x2.x3 limit 500";

  private static final int EVENTS = 20_000;

  @Test
  void theReadJournalQueriesTheViewOnH2AndTheTableElsewhere() {
    Config h2 = config("jdbc:h2:mem:x");
    assertThat(h2.getString("jdbc-read-journal.tables.event_tag.tableName"))
        .isEqualTo(JournalSchema.H2_TAG_VIEW);
    // the rest of the table's settings stay the reference's; the journal writes the table
    assertThat(h2.getString("jdbc-read-journal.tables.event_tag.columnNames.eventId"))
        .isEqualTo("event_id");
    assertThat(h2.getString("jdbc-journal.tables.event_tag.tableName")).isEqualTo("event_tag");
    assertThat(
            config("jdbc:postgresql://localhost/dnt")
                .getString("jdbc-read-journal.tables.event_tag.tableName"))
        .isEqualTo("event_tag");
  }

  @Test
  void aPollReadsTheEventsAfterItsOffsetAndAnswersAsTheTableDoes() throws SQLException {
    for (String layout : LAYOUTS) {
      String url = "jdbc:h2:mem:readplan-" + layout.hashCode() + ";DB_CLOSE_DELAY=-1";
      JournalSchema.ensure(url, "sa", "", "org.h2.Driver", layout);
      // a journal created before the view existed gets it on the next start
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement st = c.createStatement()) {
        st.execute("DROP VIEW \"" + JournalSchema.H2_TAG_VIEW + "\"");
      }
      JournalSchema.ensure(url, "sa", "", "org.h2.Driver", layout);
      try (Connection c = DriverManager.getConnection(url, "sa", "")) {
        fill(c);
        long offset = EVENTS - 600;
        String onView = String.format(EVENTS_BY_TAG, JournalSchema.H2_TAG_VIEW, offset, EVENTS);
        String onTable = String.format(EVENTS_BY_TAG, "event_tag", offset, EVENTS);
        List<Long> viewRows = orderings(c, onView);
        assertThat(viewRows).as(layout).hasSize(500).isEqualTo(orderings(c, onTable));
        assertThat(viewRows.get(0)).isEqualTo(offset + 1);
        // H2 counts the rows each table of the plan read: on the view, the 600 events after the
        // offset (the limit applies after the sort) and their 600 tags; on the table, every tag
        // row
        assertThat(scanCounts(c, onView))
            .as(layout)
            .isNotEmpty()
            .allSatisfy(n -> assertThat(n).isLessThan(2_000));
        assertThat(scanCounts(c, onTable))
            .as(layout)
            .anySatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(EVENTS));
      }
    }
  }

  /**
   * The journal's own layout on H2 ({@code h2-journal-schema.sql}): {@code event_journal} has its
   * primary key on {@code ordering} alone (a single {@code BIGINT}, which H2 makes the key of the
   * table's B-tree, so it is no extra B-tree) and one unique index on {@code (persistence_id,
   * sequence_number)}; {@code event_tag} has its primary key only, no foreign key and so no index
   * of the key's. The earlier layout had three indexes on the journal (besides the B-tree of H2's
   * hidden row id) and two on the tags.
   */
  @Test
  void theJournalKeepsTwoIndexesOnEventsAndOneOnTagsWithoutAForeignKey() throws SQLException {
    String url = "jdbc:h2:mem:layout;DB_CLOSE_DELAY=-1";
    JournalSchema.ensure(url, "sa", "", "org.h2.Driver", LAYOUTS.get(0));
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      assertThat(indexes(c, "event_journal"))
          .containsExactlyInAnyOrder(
              "PRIMARY KEY (ordering)", "UNIQUE INDEX (persistence_id,sequence_number)");
      assertThat(indexes(c, "event_tag")).containsExactly("PRIMARY KEY (event_id,tag)");
      assertThat(indexes(c, "snapshot"))
          .containsExactly("PRIMARY KEY (persistence_id,sequence_number)");
      try (Statement st = c.createStatement();
          ResultSet r =
              st.executeQuery(
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                      + " WHERE CONSTRAINT_TYPE = 'FOREIGN KEY' AND TABLE_SCHEMA = 'PUBLIC'")) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
    }
    String legacy = "jdbc:h2:mem:layout-legacy;DB_CLOSE_DELAY=-1";
    JournalSchema.ensure(legacy, "sa", "", "org.h2.Driver", LAYOUTS.get(1));
    try (Connection c = DriverManager.getConnection(legacy, "sa", "")) {
      assertThat(indexes(c, "event_journal")).hasSize(3);
      assertThat(indexes(c, "event_tag")).hasSize(2);
    }
  }

  /**
   * Snapshots are {@code BINARY VARYING} in the new layout, in the row rather than in H2's LOB
   * store; a cell's snapshot grows with its history (about 25 kB a day), and one of 3 MB (over 100
   * days) is stored and read back whole. The earlier layout keeps {@code BLOB}.
   */
  @Test
  void aSnapshotOfMegabytesIsStoredInTheRowAndReadBackWhole() throws SQLException {
    String url = "jdbc:h2:mem:bigsnapshot;DB_CLOSE_DELAY=-1";
    JournalSchema.ensure(url, "sa", "", "org.h2.Driver", LAYOUTS.get(0));
    byte[] payload = new byte[3_000_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31 + (i >>> 11));
    }
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into \"snapshot\" (\"persistence_id\", \"sequence_number\", \"created\","
                  + " \"snapshot_ser_id\", \"snapshot_ser_manifest\", \"snapshot_payload\")"
                  + " values ('cell|1', 100, 0, 1, 's', ?)")) {
        p.setBytes(1, payload);
        p.executeUpdate();
      }
      try (Statement st = c.createStatement();
          ResultSet r =
              st.executeQuery(
                  "select \"snapshot_payload\" from \"snapshot\" where \"persistence_id\" ="
                      + " 'cell|1'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getBytes(1)).isEqualTo(payload);
      }
      assertThat(columnType(c, "snapshot", "snapshot_payload")).isEqualTo("BINARY VARYING");
    }
    String legacy = "jdbc:h2:mem:bigsnapshot-legacy;DB_CLOSE_DELAY=-1";
    JournalSchema.ensure(legacy, "sa", "", "org.h2.Driver", LAYOUTS.get(1));
    try (Connection c = DriverManager.getConnection(legacy, "sa", "")) {
      assertThat(columnType(c, "snapshot", "snapshot_payload")).isEqualTo("BINARY LARGE OBJECT");
    }
  }

  private static String columnType(Connection c, String table, String column) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND"
                + " TABLE_NAME = ? AND COLUMN_NAME = ?")) {
      p.setString(1, table);
      p.setString(2, column);
      try (ResultSet r = p.executeQuery()) {
        assertThat(r.next()).isTrue();
        return r.getString(1);
      }
    }
  }

  /**
   * Every query {@code pekko-persistence-jdbc} 1.1.1 runs on the journal and the snapshots (its
   * {@code JournalQueries}, {@code ReadJournalQueries} and {@code SnapshotQueries}, written here as
   * SQL that filters and sorts as Slick's does) is answered from an index on both layouts: H2's
   * plan names an index for each table and no table scan, and a query reads about the rows it
   * answers, not the journal. The events are 100 entities' 200 each.
   */
  @Test
  void everyQueryOfThePluginReadsAnIndexOnBothLayouts() throws SQLException {
    for (String layout : LAYOUTS) {
      String url = "jdbc:h2:mem:queries-" + layout.hashCode() + ";DB_CLOSE_DELAY=-1";
      JournalSchema.ensure(url, "sa", "", "org.h2.Driver", layout);
      try (Connection c = DriverManager.getConnection(url, "sa", "")) {
        fill(c);
        try (Statement st = c.createStatement()) {
          st.execute(
              "insert into \"snapshot\" (\"persistence_id\", \"sequence_number\", \"created\","
                  + " \"snapshot_ser_id\", \"snapshot_ser_manifest\", \"snapshot_payload\")"
                  + " select \"persistence_id\", \"sequence_number\", 0, 1, 's', X'00'"
                  + " from \"event_journal\" where mod(\"sequence_number\", 10) = 0");
        }
        // the number of rows each query may read: what it answers (at most the 200 events of an
        // entity, or the page of 100 orderings) and, for the range scans, one more row to see the
        // end of the range
        for (String[] q : PLUGIN_QUERIES) {
          String sql = q[1];
          String plan = plan(c, "EXPLAIN " + sql);
          assertThat(plan).as(layout + ": " + q[0]).doesNotContain("tableScan");
          // a maximum of an indexed column is one look at the index's end ("direct lookup"),
          // which H2 does not count as a scan
          if (sql.startsWith("select") && !plan.contains("direct lookup")) {
            assertThat(scanCounts(c, sql))
                .as(layout + ": " + q[0])
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(201));
          }
        }
      }
    }
  }

  /** The layouts: this version's, and that of journals created before it. */
  private static final List<String> LAYOUTS =
      List.of("dnt/live/h2-journal-schema.sql", "dnt/live/h2-journal-schema-legacy.sql");

  private static final String ENTITY = "'cell|7'";

  /** Each query's name and SQL, for the entity {@link #ENTITY} (a name of {@link #fill}). */
  private static final String[][] PLUGIN_QUERIES = {
    {
      "recovery: an entity's events in a sequence range (JournalQueries.messagesQuery)",
      "select * from \"event_journal\" where \"persistence_id\" = "
          + ENTITY
          + " and \"deleted\" = false and \"sequence_number\" >= 50 and \"sequence_number\""
          + " <= 9223372036854775807 order by \"sequence_number\" limit 9223372036854775807"
    },
    {
      "recovery: the highest sequence number (highestSequenceNrForPersistenceId)",
      "select max(x) from (select \"sequence_number\" as x from \"event_journal\" where"
          + " \"persistence_id\" = "
          + ENTITY
          + " order by \"sequence_number\" desc limit 1) y"
    },
    {
      "deletes: the highest sequence number up to a bound (highestSequenceNrForPersistenceIdBefore)",
      "select \"sequence_number\" from \"event_journal\" where \"persistence_id\" = "
          + ENTITY
          + " and \"sequence_number\" <= 150 order by \"sequence_number\" desc limit 1"
    },
    {
      "deletes: the events up to a sequence number (JournalQueries.delete)",
      "delete from \"event_journal\" where \"persistence_id\" = "
          + ENTITY
          + " and \"sequence_number\" <= 20"
    },
    {
      "deletes: the highest deleted event marked (markSeqNrJournalMessagesAsDeleted)",
      "update \"event_journal\" set \"deleted\" = true where \"persistence_id\" = "
          + ENTITY
          + " and \"sequence_number\" = 21 and \"deleted\" = false"
    },
    {
      "read journal: an entity's highest sequence number (lastPersistenceIdSequenceNumberQuery)",
      "select max(\"sequence_number\") from \"event_journal\" where \"deleted\" = false and"
          + " \"persistence_id\" = "
          + ENTITY
    },
    {
      "read journal: the orderings after an offset (journalSequenceQuery)",
      "select \"ordering\" from \"event_journal\" where \"ordering\" > 15000 order by"
          + " \"ordering\" limit 100"
    },
    {
      "read journal: the highest ordering (maxJournalSequenceQuery)",
      "select coalesce(max(\"ordering\"), 0) from \"event_journal\""
    },
    {
      "snapshots: an entity's newest up to a sequence number (SnapshotQueries)",
      "select * from \"snapshot\" where \"persistence_id\" = "
          + ENTITY
          + " and \"sequence_number\" <= 150 order by \"sequence_number\" desc limit 1"
    },
    {
      "snapshots: an entity's snapshots to delete (SnapshotQueries.selectByPersistenceIdUpToMaxSequenceNr)",
      "delete from \"snapshot\" where \"persistence_id\" = "
          + ENTITY
          + " and \"sequence_number\" <= 100"
    },
  };

  private static List<String> indexes(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT I.INDEX_TYPE_NAME, LISTAGG(C.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY"
                + " C.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEXES I JOIN"
                + " INFORMATION_SCHEMA.INDEX_COLUMNS C ON C.INDEX_SCHEMA = I.INDEX_SCHEMA AND"
                + " C.INDEX_NAME = I.INDEX_NAME WHERE I.TABLE_SCHEMA = 'PUBLIC' AND I.TABLE_NAME"
                + " = ? GROUP BY I.INDEX_NAME, I.INDEX_TYPE_NAME")) {
      p.setString(1, table);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1) + " (" + r.getString(2) + ")");
        }
      }
    }
    return out;
  }

  private static String plan(Connection c, String explain) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet r = st.executeQuery(explain)) {
      r.next();
      return r.getString(1);
    }
  }

  private static Config config(String url) {
    RuntimeSettings s =
        new RuntimeSettings(
            url,
            "sa",
            "",
            "slick.jdbc.H2Profile$",
            "org.h2.Driver",
            "dnt/live/h2-journal-schema.sql",
            100,
            "127.0.0.1",
            0,
            Duration.ofSeconds(30),
            IntegrityParams.defaults(),
            -1,
            1,
            1,
            Path.of("read-side"),
            null,
            0);
    return TwinRuntime.config(s, NodeSettings.single("127.0.0.1", 0));
  }

  private static void fill(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement e =
            c.prepareStatement(
                "insert into \"event_journal\" (\"persistence_id\", \"sequence_number\","
                    + " \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\","
                    + " \"event_ser_id\", \"event_ser_manifest\") values (?, ?, 'w', 0, '', ?, 1,"
                    + " 'o')");
        PreparedStatement t = c.prepareStatement("insert into \"event_tag\" values (?, 'cell')")) {
      for (int i = 1; i <= EVENTS; i++) {
        e.setString(1, "cell|" + i % 100);
        e.setLong(2, i);
        e.setBytes(3, new byte[] {(byte) i});
        e.addBatch();
        t.setLong(1, i);
        t.addBatch();
      }
      e.executeBatch();
      t.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
  }

  private static List<Long> orderings(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet r = st.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getLong(1));
      }
    }
    return out;
  }

  private static List<Long> scanCounts(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan(c, "EXPLAIN ANALYZE " + sql));
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }
}
