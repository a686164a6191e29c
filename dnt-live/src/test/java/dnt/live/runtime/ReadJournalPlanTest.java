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
 * On H2 the read side's {@code eventsByTag} query reads the tags through a view ({@link
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
    String url = "jdbc:h2:mem:readplan;DB_CLOSE_DELAY=-1";
    JournalSchema.ensure(url, "sa", "", "org.h2.Driver", "dnt/live/h2-journal-schema.sql");
    // a journal created before the view existed gets it on the next start
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      st.execute("DROP VIEW \"" + JournalSchema.H2_TAG_VIEW + "\"");
    }
    JournalSchema.ensure(url, "sa", "", "org.h2.Driver", "dnt/live/h2-journal-schema.sql");
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      fill(c);
      long offset = EVENTS - 600;
      String onView = String.format(EVENTS_BY_TAG, JournalSchema.H2_TAG_VIEW, offset, EVENTS);
      String onTable = String.format(EVENTS_BY_TAG, "event_tag", offset, EVENTS);
      List<Long> viewRows = orderings(c, onView);
      assertThat(viewRows).hasSize(500).isEqualTo(orderings(c, onTable));
      assertThat(viewRows.get(0)).isEqualTo(offset + 1);
      // H2 counts the rows each table of the plan read: on the view, the 600 events after the
      // offset (the limit applies after the sort) and their 600 tags; on the table, every tag row
      assertThat(scanCounts(c, onView))
          .isNotEmpty()
          .allSatisfy(n -> assertThat(n).isLessThan(2_000));
      assertThat(scanCounts(c, onTable))
          .anySatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(EVENTS));
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
    try (Statement st = c.createStatement();
        ResultSet r = st.executeQuery("EXPLAIN ANALYZE " + sql)) {
      r.next();
      Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(r.getString(1));
      while (m.find()) {
        out.add(Long.parseLong(m.group(1)));
      }
    }
    return out;
  }
}
