package dnt.caching.network;

import dnt.caching.policy.PolicyRegistry;

/**
 * Upper estimates of the heap that caches and generated traces need, from their data structures, so
 * that a size that cannot fit is refused before any work starts instead of ending in an {@link
 * OutOfMemoryError}.
 *
 * <p>Per cache slot (a full cache; the hash tables are fastutil open-addressing tables of a power
 * of two at most twice the expected size over the load factor, two 4-byte arrays per map entry):
 *
 * <ul>
 *   <li>every slot policy: the slot's item (4 bytes) and the item-to-slot index sized for 2C
 *       entries at load 0.5, at most 8C entries of 8 bytes: 68 bytes (FIFO, random);
 *   <li>LRU adds the two links of its list (8): 76; Belady its indexed heap (int heap, int
 *       position, long key: 16): 84; LFU the heap and a count (20): 88;
 *   <li>ARC holds up to 2C items (C cached, C ghosts) in linked hash sets of at most 2.67 entries
 *       per item of 12 bytes (int key, long links), with room for a rehash: 96;
 *   <li>W-TinyLFU: a count-min sketch of 4 rows of up to 8C bytes and up to C items in linked hash
 *       sets: 64.
 * </ul>
 */
public final class Footprint {
  /**
   * The largest capacity a cache can have: the policies' item index holds 2C entries at load 0.5,
   * and a fastutil table has at most 2^30 entries (W-TinyLFU's sketch width, about 4C, has the same
   * limit).
   */
  public static final int MAX_CAPACITY = 1 << 28;

  /** Bytes per request of a trace: a double time, an int client and an int item. */
  public static final int TRACE_BYTES_PER_REQUEST = 16;

  private Footprint() {}

  /**
   * The heap one slot of a full cache of the policy needs, at most.
   *
   * @param policy the policy
   * @return bytes per slot
   */
  public static long bytesPerSlot(PolicyRegistry.Spec policy) {
    return switch (policy.name()) {
      case "fifo", "random" -> 68;
      case "lru" -> 76;
      case "belady" -> 84;
      case "lfu" -> 88;
      case "wtinylfu" -> 64;
      default -> 96;
    };
  }

  /**
   * The heap that the caches of a network need when full, at most.
   *
   * @param policy the policy at every station
   * @param stations the number of stations
   * @param capacity slots per station
   * @return bytes
   */
  public static long caches(PolicyRegistry.Spec policy, int stations, int capacity) {
    return saturatedProduct(bytesPerSlot(policy), (long) stations, capacity);
  }

  /**
   * The heap that generating a trace needs for the trace at its peak, at most: its columns are
   * allocated for 1.2 times the expected requests, grow by doubling, and are copied to their length
   * at the end; five times the columns of the expected requests covers one doubling (2.2 times when
   * the requests stay within the 20% reserve).
   *
   * @param expectedRequests the expected number of requests
   * @return bytes
   */
  public static long generatedTrace(double expectedRequests) {
    return saturated(5.0 * TRACE_BYTES_PER_REQUEST * expectedRequests);
  }

  /**
   * The heap of the per-station Zipf popularity of a catalogue: a CDF of 8 bytes per item, a global
   * ranking and one ranking per station of 4 bytes per item.
   *
   * @param stations the number of stations
   * @param catalogue the number of items
   * @return bytes
   */
  public static long popularity(long stations, long catalogue) {
    return saturated((12.0 + 4.0 * stations) * catalogue);
  }

  /**
   * The heap of an association: a small array and a hash-map entry per client, 64 bytes at most.
   *
   * @param clients the number of clients
   * @return bytes
   */
  public static long association(long clients) {
    return saturated(64.0 * clients);
  }

  /**
   * The heap this Java VM can still give: its maximum less what is in use now.
   *
   * @return bytes
   */
  public static long available() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * A byte count for messages: "1.5 GiB", "300 MiB".
   *
   * @param bytes the count
   * @return the text
   */
  public static String format(long bytes) {
    double gib = bytes / (double) (1L << 30);
    if (gib >= 1) {
      return String.format(java.util.Locale.ROOT, "%.1f GiB", gib);
    }
    return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
  }

  private static long saturatedProduct(long a, long b, long c) {
    return saturated((double) a * b * c);
  }

  private static long saturated(double bytes) {
    return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
  }
}
