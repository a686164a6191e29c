package dnt.live.replay;

/**
 * The wall clock a replay paces itself by: injected so that tests advance a fake clock instead of
 * waiting.
 */
public interface ReplayClock {
  /** The system's monotonic clock and {@link Thread#sleep(long)}. */
  ReplayClock SYSTEM =
      new ReplayClock() {
        @Override
        public long nowMillis() {
          return System.nanoTime() / 1_000_000L;
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
          Thread.sleep(millis);
        }
      };

  /**
   * A monotonic reading in milliseconds (only differences matter).
   *
   * @return the reading
   */
  long nowMillis();

  /**
   * Waits.
   *
   * @param millis how long, positive
   * @throws InterruptedException if the replay is stopped
   */
  void sleep(long millis) throws InterruptedException;
}
