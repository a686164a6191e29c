package dnt.live;

/**
 * A snapshot of the live twin's state for health checks and the status API.
 *
 * @param ready whether the twin accepts requests
 * @param cells cells the twin knows
 * @param rowsAccepted telemetry rows acknowledged since the state folder was created
 * @param cellTwinsToStart cell twins that hold journaled events and are started in the background
 *     after a start (they recover before traffic reaches them; docs/live.md, "Start-up"); -1 while
 *     the journal is still being listed, 0 on a fresh state folder
 * @param cellTwinsStarted how many of them have started so far
 */
public record TwinStatus(
    boolean ready, int cells, long rowsAccepted, int cellTwinsToStart, int cellTwinsStarted) {

  /**
   * The status of a twin that starts no cell twins ahead (one held in memory).
   *
   * @param ready whether the twin accepts requests
   * @param cells cells the twin knows
   * @param rowsAccepted telemetry rows acknowledged
   */
  public TwinStatus(boolean ready, int cells, long rowsAccepted) {
    this(ready, cells, rowsAccepted, 0, 0);
  }
}
