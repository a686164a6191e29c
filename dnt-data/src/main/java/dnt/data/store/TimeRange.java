package dnt.data.store;

/**
 * A half-open range of time, {@code [fromMillis, toMillis)} in epoch milliseconds UTC, made of
 * whole 10-minute slots.
 *
 * @param fromMillis the first instant
 * @param toMillis the end (exclusive)
 */
public record TimeRange(long fromMillis, long toMillis) {
  /** Checks the order. */
  public TimeRange {
    if (toMillis <= fromMillis) {
      throw new IllegalArgumentException("empty range " + fromMillis + " .. " + toMillis);
    }
  }

  /**
   * The 10-minute slots in the range.
   *
   * @return {@code (to - from) / 10 min}
   */
  public long slots() {
    return (toMillis - fromMillis) / 600_000L;
  }
}
