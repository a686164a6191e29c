package dnt.live.replay;

import dnt.data.raw.RawReader;
import dnt.data.raw.RawRow;
import dnt.live.LiveTwin;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a live twin from a {@link ReplaySource}: slot after slot in ascending time, each slot's
 * rows in batches of at most {@code batchRows}, all of a slot's batches in flight together, paced
 * by the data's own clock. At speed {@code X}, slot {@code s} is sent once {@code (s - first slot)
 * / X} of wall-clock time has passed since the start (and never before the previous slot is
 * acknowledged); at {@link ReplaySpeed#MAX} slots follow each other as fast as the twin
 * acknowledges them, and consecutive slots share a batch as long as they fit in {@code batchRows}
 * (a slot's rows are never split over two such groups), so a small network's replay is not one
 * acknowledgement per slot. The replay's clock ({@link ReplayStatus#clockMillis()}) is the end of
 * the last slot the twin acknowledged.
 *
 * <p>A batch the twin refuses stops the replay ({@link ReplayStatus.State#FAILED}, with the twin's
 * message); rows already acknowledged stay. Replaying again is harmless: rows are keyed, so the
 * twin replaces what it has.
 */
public final class Replay {
  /** The default largest batch. */
  public static final int DEFAULT_BATCH_ROWS = 5_000;

  /** Where batches go: {@link LiveTwin#ingest} or, in tests, an HTTP client. */
  @FunctionalInterface
  public interface BatchSink {
    /**
     * Sends a batch.
     *
     * @param rows the rows of one slot (or part of one)
     * @return completes once the batch is acknowledged; fails if it is refused
     */
    CompletionStage<?> send(List<RawRow> rows);
  }

  private final ReplaySource source;
  private final BatchSink sink;
  private final ReplayClock clock;
  private final int batchRows;
  private volatile ReplayStatus status;
  private @Nullable Thread thread;

  // the pace, guarded by this: slot s is due at anchorWall + (s - anchorData) / speed
  private ReplaySpeed speed;
  private long anchorWall;
  private long anchorData = Long.MIN_VALUE;
  private long position = Long.MIN_VALUE;
  private boolean sleeping;
  private boolean stopRequested;
  private long speedChanges;

  /**
   * A replay.
   *
   * @param source the rows
   * @param sink where batches go
   * @param speed the pace
   * @param clock the wall clock
   * @param batchRows the largest batch, positive
   */
  public Replay(
      ReplaySource source, BatchSink sink, ReplaySpeed speed, ReplayClock clock, int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
    }
    this.source = source;
    this.sink = sink;
    this.speed = speed;
    this.clock = clock;
    this.batchRows = batchRows;
    this.status = new ReplayStatus(ReplayStatus.State.PENDING, speed, 0, 0, 0, null);
  }

  /**
   * A replay into a twin on the system clock, in batches of {@value #DEFAULT_BATCH_ROWS}.
   *
   * @param source the rows
   * @param twin the twin
   * @param speed the pace
   * @return the replay, not started
   */
  public static Replay into(ReplaySource source, LiveTwin twin, ReplaySpeed speed) {
    return new Replay(source, twin::ingest, speed, ReplayClock.SYSTEM, DEFAULT_BATCH_ROWS);
  }

  /**
   * Where the replay stands.
   *
   * @return the status
   */
  public ReplayStatus status() {
    return status;
  }

  /**
   * Changes the pace from now on: the data time the replay has reached stays where it is, and what
   * follows runs at the new speed (a replay waiting for its next slot is woken to recompute when it
   * is due). The status shows the new speed at once.
   *
   * @param newSpeed the new pace
   */
  public synchronized void setSpeed(ReplaySpeed newSpeed) {
    long now = clock.nowMillis();
    if (anchorData != Long.MIN_VALUE) {
      long reached = position;
      if (!speed.unlimited()) {
        double sinceAnchor = (double) (now - anchorWall) * speed.factor();
        reached = Math.min(position, anchorData + (long) Math.floor(sinceAnchor));
      }
      anchorData = reached;
      anchorWall = now;
    }
    speed = newSpeed;
    speedChanges++;
    ReplayStatus s = status;
    status =
        new ReplayStatus(
            s.state(), newSpeed, s.clockMillis(), s.rowsSent(), s.slotsSent(), s.error());
    Thread t = thread;
    if (sleeping && t != null) {
      t.interrupt();
    }
  }

  /**
   * Runs the replay on a background (daemon) thread.
   *
   * @return this replay
   */
  public synchronized Replay start() {
    if (thread != null) {
      throw new IllegalStateException("the replay is already started");
    }
    Thread t = new Thread(this::run, "dnt-replay");
    t.setDaemon(true);
    thread = t;
    t.start();
    return this;
  }

  /**
   * Stops a started replay and waits for it: the batches in flight (one slot's, or one group of
   * slots' at maximum speed) complete in the twin, no other is sent.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void stop() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      synchronized (this) {
        stopRequested = true;
      }
      t.interrupt();
      t.join();
    }
  }

  /** Runs the replay on the calling thread until the source is exhausted, it fails or stops. */
  public void run() {
    long start = clock.nowMillis();
    long first = Long.MIN_VALUE;
    long rows = 0;
    long slots = 0;
    long clockMillis = 0;
    set(ReplayStatus.State.RUNNING, clockMillis, rows, slots, null);
    try {
      Iterator<SlotRows> it = source.slots();
      SlotRows next = null;
      while (next != null || it.hasNext()) {
        SlotRows slot = next != null ? next : it.next();
        next = null;
        if (first == Long.MIN_VALUE) {
          first = slot.slotMillis();
          clockMillis = first;
          synchronized (this) {
            anchorWall = start;
            anchorData = first;
          }
          set(ReplayStatus.State.RUNNING, clockMillis, rows, slots, null);
        }
        synchronized (this) {
          position = slot.slotMillis();
        }
        waitFor(slot.slotMillis());
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        // at maximum speed, the slots that follow join this one's batch while they fit in it:
        // one batch, in slot order, instead of one acknowledgement per slot (the bundled subset
        // is 25 rows a slot)
        List<RawRow> all = new ArrayList<>(slot.rows());
        long last = slot.slotMillis();
        int group = 1;
        while (unlimited() && all.size() < batchRows && it.hasNext()) {
          SlotRows following = it.next();
          if (all.size() + following.rows().size() > batchRows) {
            next = following;
            break;
          }
          all.addAll(following.rows());
          last = following.slotMillis();
          group++;
        }
        synchronized (this) {
          position = last;
        }
        // a slot's batches are in flight together (a replayed slot of the city is 8 batches): they
        // are independent, and the twin keeps a cell's events in the order they were sent
        List<CompletionStage<?>> acks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < all.size(); i += batchRows) {
          List<RawRow> batch = all.subList(i, Math.min(all.size(), i + batchRows));
          acks.add(sink.send(batch));
          sizes.add(batch.size());
        }
        RuntimeException refused = null;
        for (int k = 0; k < acks.size(); k++) {
          try {
            await(acks.get(k));
            rows += sizes.get(k);
          } catch (RuntimeException e) {
            if (refused == null) {
              refused = e;
            }
          }
        }
        set(ReplayStatus.State.RUNNING, clockMillis, rows, slots, null);
        if (refused != null) {
          throw refused;
        }
        slots += group;
        clockMillis = last + RawReader.SLOT_MILLIS;
        set(ReplayStatus.State.RUNNING, clockMillis, rows, slots, null);
      }
      set(ReplayStatus.State.FINISHED, clockMillis, rows, slots, null);
    } catch (InterruptedException e) {
      set(ReplayStatus.State.STOPPED, clockMillis, rows, slots, null);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      set(ReplayStatus.State.FAILED, clockMillis, rows, slots, String.valueOf(e.getMessage()));
    }
  }

  private synchronized boolean unlimited() {
    return speed.unlimited();
  }

  /** Sleeps until a slot is due at the current pace; a speed change wakes it to recompute. */
  private void waitFor(long slotMillis) throws InterruptedException {
    while (true) {
      long due;
      long changes;
      synchronized (this) {
        if (speed.unlimited()) {
          return;
        }
        due = anchorWall + (long) Math.ceil((slotMillis - anchorData) / speed.factor());
        changes = speedChanges;
        if (stopRequested) {
          throw new InterruptedException();
        }
        sleeping = true;
      }
      long wait = due - clock.nowMillis();
      try {
        if (wait > 0) {
          clock.sleep(wait);
        }
      } catch (InterruptedException e) {
        synchronized (this) {
          if (stopRequested || speedChanges == changes) {
            throw e;
          }
        }
      } finally {
        synchronized (this) {
          sleeping = false;
          if (!stopRequested && speedChanges != changes) {
            // setSpeed's wake-up call, not a stop: clear it before the batch's wait
            boolean ignored = Thread.interrupted();
          }
        }
      }
      synchronized (this) {
        if (speedChanges == changes) {
          return;
        }
      }
    }
  }

  private synchronized void set(
      ReplayStatus.State state, long clockMillis, long rows, long slots, @Nullable String error) {
    status = new ReplayStatus(state, speed, clockMillis, rows, slots, error);
  }

  /** Waits for an acknowledgement, unwrapping the twin's own exception. */
  private static void await(CompletionStage<?> ack) throws InterruptedException {
    try {
      ack.toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new CompletionException(cause);
    }
  }
}
