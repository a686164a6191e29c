package dnt.live.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Bounds the journal writes a node has in flight, first come first served: a write beyond the limit
 * waits here, without a timeout, until an earlier one is answered.
 *
 * <p>{@code pekko-persistence-jdbc} queues the events of all entities in one buffer of {@code
 * jdbc-journal.bufferSize} (default 1,000) and drops, with a failed write, every event offered
 * while it is full; the entity then stops, restarts with back-off and its asker waits for the ask
 * timeout. A batch that touches more cells than that at once (a replayed slot of the Milan grid
 * touches 10,000) or several such batches therefore failed. With this gate the number of entities
 * persisting at once stays below the buffer, and a large batch is backpressured instead: its asks
 * are sent as earlier ones are answered, and each ask's timeout counts from its sending.
 */
final class WriteGate {
  private final int limit;
  private final Executor executor;
  private final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
  private int inFlight;
  private boolean draining;

  /**
   * A gate.
   *
   * @param limit writes in flight at most, positive
   * @param executor where waiting writes are sent, in order, when permits free (never on the
   *     completing thread, so a chain of writes that fail at once does not recurse)
   */
  WriteGate(int limit, Executor executor) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    this.limit = limit;
    this.executor = executor;
  }

  /**
   * Starts a write now if fewer than the limit are in flight, else once one is answered.
   *
   * @param write sends the write (an ask) and returns its answer
   * @param <T> the answer's type
   * @return completes as the write's answer does, on the thread that completes it
   */
  <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> write) {
    Pending<T> p = new Pending<>(write, new CompletableFuture<>());
    boolean now;
    synchronized (this) {
      // behind any waiting write: writes are sent in the order they were submitted
      now = inFlight < limit && waiting.isEmpty() && !draining;
      if (now) {
        inFlight++;
      } else {
        waiting.add(p);
      }
    }
    if (now) {
      p.run();
    }
    return p.result();
  }

  /** A write and the future its caller holds. */
  private final class Pending<T> {
    private final Supplier<? extends CompletionStage<T>> write;
    private final CompletableFuture<T> result;

    Pending(Supplier<? extends CompletionStage<T>> write, CompletableFuture<T> result) {
      this.write = write;
      this.result = result;
    }

    CompletableFuture<T> result() {
      return result;
    }

    void run() {
      CompletionStage<T> answer;
      try {
        answer = write.get();
      } catch (RuntimeException e) {
        release();
        result.completeExceptionally(e);
        return;
      }
      answer.whenComplete(
          (t, e) -> {
            release();
            if (e == null) {
              result.complete(t);
            } else {
              result.completeExceptionally(
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
          });
    }
  }

  private void release() {
    boolean schedule;
    synchronized (this) {
      inFlight--;
      schedule = !waiting.isEmpty() && !draining;
      if (schedule) {
        draining = true;
      }
    }
    if (schedule) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // the actor system is stopping: fail what waits rather than leave its callers hanging
        failWaiting();
      }
    }
  }

  /** Sends waiting writes, in order, while permits are free; one drain runs at a time. */
  private void drain() {
    while (true) {
      Pending<?> next;
      synchronized (this) {
        if (waiting.isEmpty() || inFlight >= limit) {
          draining = false;
          return;
        }
        next = waiting.poll();
        inFlight++;
      }
      next.run();
    }
  }

  private void failWaiting() {
    List<Pending<?>> all;
    synchronized (this) {
      all = new ArrayList<>(waiting);
      waiting.clear();
      draining = false;
    }
    IllegalStateException stopping = new IllegalStateException("the live twin is stopping");
    all.forEach(p -> p.result().completeExceptionally(stopping));
  }

  /**
   * The most writes in flight.
   *
   * @return the limit
   */
  int limit() {
    return limit;
  }

  /**
   * Writes waiting for a permit now.
   *
   * @return the count
   */
  synchronized int waiting() {
    return waiting.size();
  }
}
