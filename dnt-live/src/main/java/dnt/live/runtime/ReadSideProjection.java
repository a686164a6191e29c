package dnt.live.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Streams the cell twins' events (tag {@link CellTwin#TAG}) from the journal into the {@link
 * ReadSide}, from the offset the read side holds, in groups of up to 1,000 events or 200 ms. A
 * DuckDB failure fails the stream (the read side keeps its last committed prefix and resumes from
 * it on the next start).
 */
final class ReadSideProjection {
  private final UniqueKillSwitch kill;
  private final CompletionStage<Done> done;

  private ReadSideProjection(UniqueKillSwitch kill, CompletionStage<Done> done) {
    this.kill = kill;
    this.done = done;
  }

  static ReadSideProjection start(ActorSystem<?> system, ReadSide readSide) throws SQLException {
    EventsByTagQuery journal =
        PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, "jdbc-read-journal");
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        journal
            .eventsByTag(CellTwin.TAG, Offset.sequence(readSide.offset()))
            .viaMat(KillSwitches.single(), Keep.right())
            .groupedWithin(1000, Duration.ofMillis(200))
            .toMat(
                Sink.<List<EventEnvelope>>foreach(
                        envelopes -> {
                          List<ReadSide.Applied> batch = new ArrayList<>(envelopes.size());
                          for (EventEnvelope e : envelopes) {
                            if (e.event() instanceof CellTwin.Observed o) {
                              String id = e.persistenceId();
                              int cell = Integer.parseInt(id.substring(id.indexOf('|') + 1));
                              batch.add(
                                  new ReadSide.Applied(cell, ((Sequence) e.offset()).value(), o));
                            }
                          }
                          readSide.apply(batch);
                        })
                    // DuckDB blocks: keep it off the dispatcher the entities run on
                    .withAttributes(
                        ActorAttributes.dispatcher("pekko.actor.default-blocking-io-dispatcher")),
                Keep.both())
            .run(system);
    return new ReadSideProjection(running.first(), running.second());
  }

  /** Where the stream's completion or failure shows. */
  CompletionStage<Done> done() {
    return done;
  }

  /** Stops the stream after the group in progress. */
  void stop() {
    kill.shutdown();
  }
}
