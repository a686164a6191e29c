package dnt.live.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, in the background after a restart, the cell twins that hold events in the journal, so
 * that they recover from it before traffic or queries reach them: the map's latest values, the
 * alert set and the spans the forecasters read are complete soon after the start, and the first
 * batches do not pay for thousands of recoveries. The cells are read from the journal ({@code
 * currentPersistenceIds}); at most {@value #PARALLELISM} are started at once (Pekko recovers at
 * most {@code pekko.persistence.max-concurrent-recoveries}, default 50, at a time anyway), so
 * requests keep being served meanwhile. A fresh journal lists no cell, and nothing is started.
 * Progress is logged every tenth at INFO and shown by {@link #progress()}.
 */
final class CellStarter {
  /** Cell twins started at once. */
  static final int PARALLELISM = 64;

  private static final Logger LOG = LoggerFactory.getLogger(CellStarter.class);
  private static final String PREFIX = CellTwin.TYPE_KEY.name() + "|";

  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile int total = -1;
  private final CompletableFuture<Done> done = new CompletableFuture<>();

  private CellStarter() {}

  /**
   * Lists the cells of the journal and starts their twins, in the background.
   *
   * @param system the actor system
   * @param start starts one cell twin: an ask it answers once recovered
   * @return the starter, already running
   */
  static CellStarter start(ActorSystem<?> system, IntFunction<CompletionStage<?>> start) {
    CellStarter s = new CellStarter();
    CurrentPersistenceIdsQuery journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(CurrentPersistenceIdsQuery.class, "jdbc-read-journal");
    journal
        .currentPersistenceIds()
        .filter(id -> id.startsWith(PREFIX))
        .map(id -> Integer.parseInt(id.substring(PREFIX.length())))
        .runWith(Sink.seq(), system)
        .thenCompose(cells -> s.startAll(system, cells, start))
        .whenComplete(
            (d, e) -> {
              if (e != null) {
                // the twins start on first use as before; only the head start is lost
                LOG.warn("live twin: the cell twins could not be started ahead: {}", e.toString());
                s.done.completeExceptionally(e);
              } else {
                s.done.complete(Done.getInstance());
              }
            });
    return s;
  }

  private CompletionStage<Done> startAll(
      ActorSystem<?> system, List<Integer> cells, IntFunction<CompletionStage<?>> start) {
    int n = cells.size();
    total = n;
    if (n == 0) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    LOG.info("live twin: starting the {} cell twins of the journal in the background", n);
    long t0 = System.nanoTime();
    return org.apache.pekko.stream.javadsl.Source.from(cells)
        .mapAsyncUnordered(
            PARALLELISM,
            cell ->
                start
                    .apply(cell)
                    .handle(
                        (r, e) -> {
                          if (e != null && failed.getAndIncrement() == 0) {
                            LOG.warn(
                                "live twin: cell twin {} did not start ahead ({}); it starts on"
                                    + " first use",
                                cell,
                                e.toString());
                          }
                          return cell;
                        }))
        .runForeach(
            cell -> {
              int k = started.incrementAndGet();
              if (k * 10L / n != (k - 1) * 10L / n) {
                LOG.info(
                    "live twin: {} of {} cell twins started ({}%, {} s)",
                    k,
                    n,
                    k * 100L / n,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
              }
            },
            system);
  }

  /**
   * Where the start stands now.
   *
   * @return the progress
   */
  CellStartup progress() {
    return new CellStartup(total, started.get(), done.isDone());
  }

  /**
   * Completes when all cell twins of the journal were started (or the listing failed).
   *
   * @return the stage
   */
  CompletionStage<Done> done() {
    return done;
  }
}
