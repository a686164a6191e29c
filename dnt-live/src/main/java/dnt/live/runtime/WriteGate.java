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

  /**
   * A gate.
   *
   * @param limit writes in flight at most, positive
   * @param executor where a waiting write is started when a permit frees (never the completing
   *     thread, so a chain of writes that fail at once does not recurse)
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
      now = inFlight < limit;
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
  private final class Pending<T> implements Runnable {
    private final Supplier<? extends CompletionStage<T>> write;
    private final CompletableFuture<T> result;

    Pending(Supplier<? extends CompletionStage<T>> write, CompletableFuture<T> result) {
      this.write = write;
      this.result = result;
    }

    CompletableFuture<T> result() {
      return result;
    }

    @Override
    public void run() {
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
    Pending<?> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      try {
        executor.execute(next);
      } catch (RejectedExecutionException e) {
        // the actor system is stopping: fail what waits rather than leave its callers hanging
        failWaiting(next);
      }
    }
  }

  private void failWaiting(Pending<?> first) {
    List<Pending<?>> all = new ArrayList<>();
    all.add(first);
    synchronized (this) {
      all.addAll(waiting);
      waiting.clear();
      inFlight--; // the permit handed to first; the others held none
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
