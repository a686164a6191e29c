package dnt.live.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableColumnNames;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.EventTagTableConfiguration;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import scala.Option;

/**
 * Writes one journal round's events and their tags in one transaction with two JDBC batches: the
 * events with their generated {@code ordering}s returned by the batch, then the tag rows that refer
 * to them. {@link BatchedJournalDao} runs it for {@code pekko-persistence-jdbc}.
 *
 * <p>Why: the plugin (1.1.1, {@code JournalQueries.writeJournalRows}) inserts tagged events with
 * Slick's insert-returning-key, which on H2 runs one {@code INSERT} statement per event (Slick's
 * {@code insertSingleRow} in the profiles), so a time-ordered HTTP batch of about 290 cell twins'
 * events cost 290 statements; a JFR profile put 29 % of the server's samples there. Measured under
 * load, the batch cut the events' inserts by about a fifth only: on the embedded H2 a statement is
 * no round trip, and most of an insert's cost is H2's page writes (docs/PERFORMANCE.md, "The
 * journal's events as one JDBC batch"). H2 2.x and PostgreSQL's driver both return every generated
 * key of a batch, in the order of the batch. The writer checks that it got one key per event and
 * fails the transaction otherwise, so a driver that returns fewer (older H2 returned the last only)
 * cannot tag the wrong events.
 *
 * <p>Same durability as the plugin: all events and tags of the round commit together or not at all,
 * and the plugin acknowledges the round's writes only after the commit. Same rows: the columns, the
 * events' order (by sequence number, as the plugin sorts them) and the tag rows are the plugin's,
 * so its read journal and recovery read them unchanged.
 */
final class JournalBatchWriter {
  private final String insertEvent;
  private final String orderingColumn;
  private final String insertTag;

  /**
   * A writer for the configured tables.
   *
   * @param journal the journal table's configuration ({@code jdbc-journal.tables.event_journal})
   * @param tags the tag table's ({@code jdbc-journal.tables.event_tag})
   */
  JournalBatchWriter(EventJournalTableConfiguration journal, EventTagTableConfiguration tags) {
    EventJournalTableColumnNames c = journal.columnNames();
    List<String> columns =
        List.of(
            c.deleted(),
            c.persistenceId(),
            c.sequenceNumber(),
            c.writer(),
            c.writeTimestamp(),
            c.adapterManifest(),
            c.eventPayload(),
            c.eventSerId(),
            c.eventSerManifest(),
            c.metaPayload(),
            c.metaSerId(),
            c.metaSerManifest());
    List<String> quoted = new ArrayList<>();
    for (String column : columns) {
      quoted.add(quote(column));
    }
    this.insertEvent =
        "INSERT INTO "
            + table(journal.schemaName(), journal.tableName())
            + " ("
            + String.join(", ", quoted)
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    this.orderingColumn = c.ordering();
    this.insertTag =
        "INSERT INTO "
            + table(tags.schemaName(), tags.tableName())
            + " ("
            + quote(tags.columnNames().eventId())
            + ", "
            + quote(tags.columnNames().tag())
            + ") VALUES (?, ?)";
  }

  /**
   * Writes events and their tags in one transaction on the connection, and restores its auto-commit
   * mode afterwards.
   *
   * @param events the events, in the order their orderings are to be generated
   * @param tags each event's tags (same index as the event)
   * @return each event's generated ordering
   * @throws SQLException if anything fails; then nothing of the round is written
   */
  long[] write(
      Connection connection, List<JournalPekkoSerializationRow> events, List<Set<String>> tags)
      throws SQLException {
    if (events.size() != tags.size()) {
      throw new IllegalArgumentException(
          events.size() + " events but tags for " + tags.size() + " of them");
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      long[] orderings = insertEvents(connection, events);
      insertTags(connection, orderings, tags);
      connection.commit();
      return orderings;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private long[] insertEvents(Connection connection, List<JournalPekkoSerializationRow> events)
      throws SQLException {
    long[] orderings = new long[events.size()];
    if (events.isEmpty()) {
      return orderings;
    }
    try (PreparedStatement st =
        connection.prepareStatement(insertEvent, new String[] {orderingColumn})) {
      for (JournalPekkoSerializationRow e : events) {
        st.setBoolean(1, e.deleted());
        st.setString(2, e.persistenceId());
        st.setLong(3, e.sequenceNumber());
        st.setString(4, e.writer());
        st.setLong(5, e.writeTimestamp());
        st.setString(6, e.adapterManifest());
        st.setBytes(7, e.eventPayload());
        st.setInt(8, e.eventSerId());
        st.setString(9, e.eventSerManifest());
        setOptional(st, 10, e.metaPayload(), Types.VARBINARY);
        setOptional(st, 11, e.metaSerId(), Types.INTEGER);
        setOptional(st, 12, e.metaSerManifest(), Types.VARCHAR);
        st.addBatch();
      }
      st.executeBatch();
      int n = 0;
      try (ResultSet keys = st.getGeneratedKeys()) {
        while (keys.next()) {
          if (n == orderings.length) {
            throw new SQLException("the driver returned more generated orderings than events");
          }
          orderings[n++] = keys.getLong(1);
        }
      }
      if (n != orderings.length) {
        throw new SQLException(
            "the driver returned "
                + n
                + " generated orderings for a batch of "
                + orderings.length
                + " events; its events cannot be tagged");
      }
    }
    return orderings;
  }

  private void insertTags(Connection connection, long[] orderings, List<Set<String>> tags)
      throws SQLException {
    boolean any = false;
    try (PreparedStatement st = connection.prepareStatement(insertTag)) {
      for (int i = 0; i < orderings.length; i++) {
        for (String tag : tags.get(i)) {
          st.setLong(1, orderings[i]);
          st.setString(2, tag);
          st.addBatch();
          any = true;
        }
      }
      if (any) {
        st.executeBatch();
      }
    }
  }

  private static void setOptional(PreparedStatement st, int index, Option<?> value, int sqlType)
      throws SQLException {
    if (value.isDefined()) {
      st.setObject(index, value.get(), sqlType);
    } else {
      st.setNull(index, sqlType);
    }
  }

  private static String table(Option<String> schema, String name) {
    return schema.isDefined() ? quote(schema.get()) + "." + quote(name) : quote(name);
  }

  /** Quotes an identifier as Slick's H2 and PostgreSQL profiles do. */
  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
