package dnt.core.twin;

import dnt.core.InvalidInputException;
import java.util.Locale;

/**
 * The memory a twin needs while it is built, estimated from its data structures, so that a size
 * that cannot fit is refused up front instead of failing with an {@link OutOfMemoryError} after
 * minutes of work.
 *
 * <p>Per user, at the peak of a build: the builder's five growable columns (id, x, y, height,
 * demand: 36 bytes, up to 1.5 times over-allocated, 54 bytes) and its id set (about 11 bytes); the
 * arrays handed to the twin (36 bytes) and their copies in grid order (36 bytes) with the cell and
 * order indices (8 bytes); the twin itself: six doubles per user record (48 bytes), four int
 * columns (16), id and height (12), the id index (up to 21 bytes at its load factor), the
 * per-station and per-cell user lists with their growth slack (up to 16 bytes) and the per-event
 * marks (8 bytes). That is about 266 bytes; {@link #BYTES_PER_USER} rounds it up to 300. Per
 * station: a dozen primitive columns doubled by growth (about 200 bytes), the station's record and
 * position in the builder and in the source data (about 300 bytes) and its index entries and user
 * list: {@link #BYTES_PER_STATION} takes 1 KB.
 *
 * @param users the number of users
 * @param stations the number of stations
 */
public record TwinFootprint(long users, long stations) {
  /** Bytes per user at the peak of a build (see the class comment). */
  public static final long BYTES_PER_USER = 300;

  /** Bytes per station at the peak of a build (see the class comment). */
  public static final long BYTES_PER_STATION = 1024;

  /** Validates the counts. */
  public TwinFootprint {
    if (users < 0 || stations < 0) {
      throw new InvalidInputException(
          "a twin cannot have " + users + " users and " + stations + " stations");
    }
  }

  /**
   * The estimated peak memory of a build.
   *
   * @return bytes
   */
  public long bytes() {
    return users * BYTES_PER_USER + stations * BYTES_PER_STATION;
  }

  /**
   * The most users that fit with this many stations.
   *
   * @param availableBytes the memory available
   * @return the largest user count whose footprint is at most {@code availableBytes}, or 0
   */
  public long maxUsers(long availableBytes) {
    return Math.max(0, (availableBytes - stations * BYTES_PER_STATION) / BYTES_PER_USER);
  }

  /**
   * Checks that the twin fits.
   *
   * @param availableBytes the memory available (for a JVM: its maximum heap less what is in use)
   * @throws InvalidInputException naming the estimate, the limit and the most users that fit
   */
  public void requireFits(long availableBytes) {
    if (bytes() <= availableBytes) {
      return;
    }
    throw new InvalidInputException(
        String.format(
            Locale.ROOT,
            "a twin of %,d users and %,d stations needs about %s while it is built (%d bytes per"
                + " user, %d per station), more than the %s of memory available; at most %,d"
                + " users fit with %,d stations",
            users,
            stations,
            human(bytes()),
            BYTES_PER_USER,
            BYTES_PER_STATION,
            human(availableBytes),
            maxUsers(availableBytes),
            stations));
  }

  /**
   * The memory this JVM can still allocate: its maximum heap ({@code -Xmx}) less what is in use.
   *
   * @return bytes
   */
  public static long availableHeapBytes() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  private static String human(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
  }
}
