package dnt.live.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Tuple2;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * {@code pekko-persistence-jdbc}'s journal DAO with one change: a journal round's events are
 * written as one JDBC batch that returns their generated orderings, instead of one {@code INSERT}
 * per tagged event ({@link JournalBatchWriter} says why). Configured as {@code jdbc-journal.dao} in
 * {@code dnt-live.conf}; the plugin creates it by reflection with the constructor below.
 *
 * <p>Everything else is the plugin's {@code DefaultJournalDao}: serialization, the write queue that
 * gathers the events of many entities into rounds of up to {@code jdbc-journal.batchSize} events
 * ({@code parallelism} rounds at once) and completes their writes when the round's future does,
 * recovery, deletion and the read journal.
 */
public final class BatchedJournalDao extends DefaultJournalDao {
  private final JournalBatchWriter writer;

  /**
   * Called by the plugin ({@code JdbcAsyncWriteJournal}) with the journal's database and settings.
   *
   * @param db the journal's database
   * @param profile its Slick profile
   * @param journalConfig the journal's settings
   * @param serialization Pekko's serialization
   * @param ec the journal's execution context
   * @param mat the journal's materializer
   */
  public BatchedJournalDao(
      JdbcBackend.JdbcDatabaseDef db,
      JdbcProfile profile,
      JournalConfig journalConfig,
      Serialization serialization,
      ExecutionContext ec,
      Materializer mat) {
    super(db, profile, journalConfig, serialization, ec, mat);
    this.writer =
        new JournalBatchWriter(
            journalConfig.eventJournalTableConfiguration(),
            journalConfig.eventTagTableConfiguration());
  }

  @Override
  public Future<BoxedUnit> writeJournalRows(
      scala.collection.immutable.Seq<
              Tuple2<JournalPekkoSerializationRow, scala.collection.immutable.Set<String>>>
          xs) {
    List<Tuple2<JournalPekkoSerializationRow, scala.collection.immutable.Set<String>>> rows =
        new ArrayList<>(CollectionConverters.asJava(xs));
    // as the plugin: by sequence number, a stable sort (events of one entity keep their order)
    rows.sort(Comparator.comparingLong(r -> r._1().sequenceNumber()));
    List<JournalPekkoSerializationRow> events = new ArrayList<>(rows.size());
    List<Set<String>> tags = new ArrayList<>(rows.size());
    for (Tuple2<JournalPekkoSerializationRow, scala.collection.immutable.Set<String>> r : rows) {
      events.add(r._1());
      tags.add(CollectionConverters.asJava(r._2()));
    }
    SimpleJdbcAction<BoxedUnit> write =
        new SimpleJdbcAction<>(
            ctx -> {
              try {
                writer.write(ctx.connection(), events, tags);
              } catch (SQLException e) {
                throw new JournalWriteException(e);
              }
              return BoxedUnit.UNIT;
            });
    return run(write);
  }

  /**
   * Runs the action on the journal's database. Slick's {@code run} takes an action of any effect as
   * {@code DBIOAction[R, NoStream, Nothing]} (the effect parameter is contravariant in Scala), a
   * type Java's generics cannot write ({@code Nothing} is no {@code Effect} to Java): hence the raw
   * call.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Future<BoxedUnit> run(SimpleJdbcAction<BoxedUnit> action) {
    return (Future<BoxedUnit>) db().run((DBIOAction) action);
  }

  /** A journal round that failed: its writes fail with this, none of them acknowledged. */
  static final class JournalWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalWriteException(SQLException cause) {
      super("the journal round was not written: " + cause.getMessage(), cause);
    }
  }
}
