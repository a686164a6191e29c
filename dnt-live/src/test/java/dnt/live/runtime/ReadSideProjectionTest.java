package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side's projection survives a failing journal query: the first run of the query fails
 * after a few events (as the JDBC read journal's does when its ask for the highest ordering times
 * out on a loaded machine), and the projection resumes from the read side's committed offset until
 * every event is applied.
 */
final class ReadSideProjectionTest {
  private static final int EVENTS = 50;

  @TempDir Path tmp;

  /** Event k (1-based, its journal offset) observes slot k of cell 7 with activity k. */
  private static EventEnvelope event(long k) {
    Observation row = new Observation(k, 39, k, 0, 0, 0, 0);
    return new EventEnvelope(
        Offset.sequence(k), "CellTwin|7", k, new CellTwin.Observed(List.of(row), List.of()), 0L);
  }

  /** The journal's events after an offset, then no end (a live query). */
  private static Source<EventEnvelope, NotUsed> after(long offset) {
    List<EventEnvelope> out = new ArrayList<>();
    for (long k = offset + 1; k <= EVENTS; k++) {
      out.add(event(k));
    }
    return Source.from(out).concat(Source.never());
  }

  @Test
  void aFailedJournalQueryIsRestartedFromTheCommittedOffset() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "projection-test");
    AtomicInteger runs = new AtomicInteger();
    try (ReadSide readSide = new ReadSide(tmp.resolve("read.duckdb"))) {
      ReadSideProjection projection =
          ReadSideProjection.start(
              system,
              readSide,
              offset ->
                  runs.incrementAndGet() == 1
                      // the first query fails after ten events
                      ? after(offset)
                          .take(10)
                          .concat(Source.failed(new IllegalStateException("ask timed out")))
                      : after(offset));
      // generous: the restart waits at most the backoff, then 40 events are one DuckDB upsert
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (readSide.offset() < EVENTS && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(readSide.offset()).isEqualTo(EVENTS);
      assertThat(runs.get()).isGreaterThanOrEqualTo(2);
      double[][] totals = readSide.totals(7, 1, EVENTS + 1, false);
      for (int k = 1; k <= EVENTS; k++) {
        assertThat(totals[k - 1][0]).as("slot %d", k).isEqualTo(k);
      }
      projection.stop();
      projection.done().toCompletableFuture().get();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }
}
