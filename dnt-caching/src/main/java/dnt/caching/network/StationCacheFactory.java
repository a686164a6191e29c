package dnt.caching.network;

import dnt.caching.policy.CachePolicy;
import dnt.caching.policy.PolicyRegistry;
import dnt.core.util.Seeds;

/** Creates the cache of each station of a network. */
public interface StationCacheFactory {
  /**
   * A new, empty cache for a station.
   *
   * @param station the station index
   * @param capacity its number of slots
   * @param view the network as the cache may observe it
   * @return the cache
   */
  CachePolicy create(int station, int capacity, NetworkView view);

  /**
   * Whether the caches read next-use positions (offline policies such as Belady's MIN); the
   * simulator computes them only then.
   *
   * @return true for offline policies
   */
  default boolean needsFuture() {
    return false;
  }

  /**
   * Called after each request has been served, so that network-wide controllers (learned policies,
   * safety modules, forecasters) can observe every request; the default ignores it.
   *
   * @param view the network
   * @param item the item requested
   * @param server the station that served it
   * @param hit whether it was a hit
   */
  default void observe(NetworkView view, int item, int server, boolean hit) {}

  /**
   * The same registered policy at every station, each seeded from {@code seed} and its index.
   *
   * @param spec the policy
   * @param seed the base seed
   * @return the factory
   */
  static StationCacheFactory of(PolicyRegistry.Spec spec, long seed) {
    return new StationCacheFactory() {
      @Override
      public CachePolicy create(int station, int capacity, NetworkView view) {
        return spec.factory().create(capacity, Seeds.derive(seed, station));
      }

      @Override
      public boolean needsFuture() {
        return spec.offline();
      }
    };
  }
}
