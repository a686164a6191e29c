package dnt.live.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Streams the cell twins' events (tag {@link CellTwin#TAG}) from the journal into the {@link
 * ReadSide}, from the offset the read side holds, in groups of up to 1,000 events or 200 ms.
 *
 * <p>A failure of the stream restarts it, after a backoff of {@link #MIN_BACKOFF} doubling up to
 * {@link #MAX_BACKOFF}, from the offset the read side has committed (its last whole group): the
 * journal query fails whenever its ask for the journal's highest ordering takes longer than {@code
 * jdbc-read-journal.journal-sequence-retrieval.ask-timeout} (1 s), which a loaded machine reaches,
 * and a DuckDB failure fails it too. Without the restart one such failure would leave the read side
 * behind for the rest of the twin's life.
 */
final class ReadSideProjection {
  /** The first wait before a failed stream is restarted. */
  static final Duration MIN_BACKOFF = Duration.ofMillis(100);

  /** The longest wait before a failed stream is restarted. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final UniqueKillSwitch kill;
  private final CompletionStage<Done> done;

  private ReadSideProjection(UniqueKillSwitch kill, CompletionStage<Done> done) {
    this.kill = kill;
    this.done = done;
  }

  /** The events of the journal from an offset on (exclusive), as a restartable source. */
  @FunctionalInterface
  interface Events {
    /**
     * The journal's events after an offset.
     *
     * @param offset the read side's committed offset
     * @return the events, in journal order, without end
     */
    Source<EventEnvelope, NotUsed> after(long offset);
  }

  static ReadSideProjection start(ActorSystem<?> system, ReadSide readSide) {
    EventsByTagQuery journal =
        PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, "jdbc-read-journal");
    return start(
        system, readSide, offset -> journal.eventsByTag(CellTwin.TAG, Offset.sequence(offset)));
  }

  /**
   * Starts the projection over a source of events (the journal's, or a test's).
   *
   * @param system the actor system that runs the stream
   * @param readSide the read side written
   * @param events the events after an offset; called again, from the read side's committed offset,
   *     on every restart
   * @return the running projection
   */
  static ReadSideProjection start(ActorSystem<?> system, ReadSide readSide, Events events) {
    RestartSettings restart = RestartSettings.create(MIN_BACKOFF, MAX_BACKOFF, 0.2);
    Source<Done, NotUsed> applied =
        RestartSource.onFailuresWithBackoff(
            restart,
            () ->
                events
                    .after(readSide.offset())
                    .groupedWithin(1000, Duration.ofMillis(200))
                    .via(
                        Flow.<List<EventEnvelope>>create()
                            .map(
                                envelopes -> {
                                  apply(readSide, envelopes);
                                  return Done.getInstance();
                                })
                            // DuckDB blocks: keep it off the dispatcher the entities run on
                            .withAttributes(
                                ActorAttributes.dispatcher(
                                    "pekko.actor.default-blocking-io-dispatcher"))));
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        applied
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(system);
    return new ReadSideProjection(running.first(), running.second());
  }

  private static void apply(ReadSide readSide, List<EventEnvelope> envelopes) throws SQLException {
    List<ReadSide.Applied> batch = new ArrayList<>(envelopes.size());
    for (EventEnvelope e : envelopes) {
      // a Flushed (the ingest log's coalesced rows) carries the same rows and marks as the
      // Observed events of the batches it covers
      CellTwin.Observed o =
          e.event() instanceof CellTwin.Observed observed
              ? observed
              : e.event() instanceof CellTwin.Flushed f
                  ? new CellTwin.Observed(f.rows(), f.verdicts())
                  : null;
      if (o != null) {
        String id = e.persistenceId();
        int cell = Integer.parseInt(id.substring(id.indexOf('|') + 1));
        batch.add(new ReadSide.Applied(cell, ((Sequence) e.offset()).value(), o));
      }
    }
    readSide.apply(batch);
  }

  /** Where the stream's completion shows (after {@link #stop()}). */
  CompletionStage<Done> done() {
    return done;
  }

  /** Stops the stream after the group in progress. */
  void stop() {
    kill.shutdown();
  }
}
