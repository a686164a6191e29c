package dnt.live.replay;

import org.jspecify.annotations.Nullable;

/**
 * Where a replay stands: its own clock is the data time up to which every row has been acknowledged
 * by the twin.
 *
 * @param state what it is doing
 * @param speed its speed
 * @param clockMillis the end of the last slot whose rows were all acknowledged, epoch ms UTC (the
 *     first slot's start before any was sent; 0 when the source is empty)
 * @param rowsSent rows acknowledged by the twin
 * @param slotsSent slots whose rows were all acknowledged
 * @param error why it failed, or null
 */
public record ReplayStatus(
    State state,
    ReplaySpeed speed,
    long clockMillis,
    long rowsSent,
    long slotsSent,
    @Nullable String error) {

  /** The life of a replay. */
  public enum State {
    /** Not started yet. */
    PENDING,
    /** Sending slots. */
    RUNNING,
    /** Every slot sent. */
    FINISHED,
    /** Stopped before the end (the server stops). */
    STOPPED,
    /** The twin refused a batch or a file could not be read; see {@code error}. */
    FAILED
  }
}
