package dnt.live.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/**
 * Coalesces the durable row counts of acknowledged batches: at most one count is being journaled at
 * a time, and the counts of the batches whose cells finished meanwhile go together in the next one
 * (one event for all of them). Before, every batch journaled its own count after its cells, one at
 * a time through the single counter entity and behind every write waiting in the {@link WriteGate}
 * (the cell writes of later batches), so a batch's acknowledgement waited for journal writes that
 * were not its own: with many 1,000-row batches in flight, a queue in front of the acknowledgement.
 * A count is still durable before the batches it covers are acknowledged. Thread-safe.
 */
final class CountBatcher {
  private final LongFunction<CompletionStage<Long>> send;
  private long rows;
  private List<CompletableFuture<Long>> waiting = new ArrayList<>();
  private boolean inFlight;

  /**
   * A batcher.
   *
   * @param send journals a count of rows and answers the new total
   */
  CountBatcher(LongFunction<CompletionStage<Long>> send) {
    this.send = send;
  }

  /**
   * Counts a batch's rows durably.
   *
   * @param batchRows the batch's rows
   * @return the total after a count that includes them
   */
  CompletableFuture<Long> count(long batchRows) {
    CompletableFuture<Long> f = new CompletableFuture<>();
    boolean start;
    synchronized (this) {
      rows += batchRows;
      waiting.add(f);
      start = !inFlight;
      inFlight = true;
    }
    if (start) {
      sendNext();
    }
    return f;
  }

  private void sendNext() {
    long n;
    List<CompletableFuture<Long>> group;
    synchronized (this) {
      if (waiting.isEmpty()) {
        inFlight = false;
        return;
      }
      n = rows;
      group = waiting;
      rows = 0;
      waiting = new ArrayList<>();
    }
    CompletionStage<Long> answer;
    try {
      answer = send.apply(n);
    } catch (RuntimeException e) {
      group.forEach(g -> g.completeExceptionally(e));
      sendNext();
      return;
    }
    answer.whenComplete(
        (total, e) -> {
          if (e == null) {
            group.forEach(g -> g.complete(total));
          } else {
            Throwable cause =
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            group.forEach(g -> g.completeExceptionally(cause));
          }
          sendNext();
        });
  }
}
