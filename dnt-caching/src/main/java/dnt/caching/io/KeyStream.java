package dnt.caching.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * The keys of a single-cache trace (one key per request, as the Caffeine simulator's key-only
 * readers give them), read batch by batch. Opening a stream checks the whole trace and counts it,
 * so {@link #count()}, {@link #minKey()} and {@link #maxKey()} are known before the first batch and
 * a malformed line is reported before any replay starts.
 */
public interface KeyStream extends Closeable {
  /**
   * The number of keys (requests).
   *
   * @return the count, non-negative
   */
  long count();

  /**
   * The smallest key (0 for an empty trace).
   *
   * @return the smallest key
   */
  long minKey();

  /**
   * The largest key (0 for an empty trace).
   *
   * @return the largest key
   */
  long maxKey();

  /**
   * Reads the next keys.
   *
   * @param keys receives the keys
   * @return the number read, 0 only at the end
   * @throws IOException when reading fails
   */
  int read(long[] keys) throws IOException;
}
