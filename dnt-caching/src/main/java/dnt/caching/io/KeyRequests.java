package dnt.caching.io;

import dnt.caching.network.RequestStream;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The requests of a single-cache key trace, as the simulator replays them: every request comes from
 * client 0 (the one shared cache), and each key becomes an item. Keys from 0 to {@link
 * Integer#MAX_VALUE} are their own item ids; when some key lies outside that range (negative, or
 * larger), keys are renumbered 0, 1, 2, ... in order of first request instead. Either mapping is
 * one-to-one, so hits and misses are those of the keys; only the renumbering holds one map entry
 * per distinct key.
 */
public final class KeyRequests implements RequestStream {
  private final KeyStream keys;
  private final @Nullable Long2IntOpenHashMap ids;
  private long[] batch = new long[0];

  private KeyRequests(KeyStream keys) {
    this.keys = keys;
    if (identity(keys.minKey(), keys.maxKey())) {
      ids = null;
    } else {
      ids = new Long2IntOpenHashMap();
      ids.defaultReturnValue(-1);
    }
  }

  /**
   * The requests of a key stream.
   *
   * @param keys the keys; closed with the requests
   * @return the requests
   */
  public static KeyRequests of(KeyStream keys) {
    return new KeyRequests(keys);
  }

  /**
   * Whether keys in [min, max] are their own item ids.
   *
   * @param min the smallest key
   * @param max the largest key
   * @return true when 0 &lt;= min and max &lt;= {@link Integer#MAX_VALUE}
   */
  public static boolean identity(long min, long max) {
    return min >= 0 && max <= Integer.MAX_VALUE;
  }

  /**
   * Whether keys are renumbered in order of first request.
   *
   * @return true when some key lies outside 0..{@link Integer#MAX_VALUE}
   */
  public boolean renumbered() {
    return ids != null;
  }

  @Override
  public long size() {
    return keys.count();
  }

  @Override
  public int read(int[] clients, int[] items) throws IOException {
    if (batch.length != items.length) {
      batch = new long[items.length];
    }
    long[] b = batch;
    int k = keys.read(b);
    Long2IntOpenHashMap map = ids;
    if (map == null) {
      for (int i = 0; i < k; i++) {
        items[i] = (int) b[i];
      }
    } else {
      for (int i = 0; i < k; i++) {
        int id = map.putIfAbsent(b[i], map.size());
        items[i] = id < 0 ? map.size() - 1 : id;
      }
    }
    Arrays.fill(clients, 0, k, 0);
    return k;
  }

  @Override
  public void close() throws IOException {
    keys.close();
  }
}
