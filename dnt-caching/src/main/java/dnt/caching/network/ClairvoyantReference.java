package dnt.caching.network;

import dnt.caching.policy.PolicyRegistry;

/**
 * The clairvoyant reference of a caching network: Belady's MIN (L. A. Belady, "A study of
 * replacement algorithms for a virtual-storage computer", IBM Systems Journal 5(2), 1966) at every
 * station, with the network's serving rule deciding which station serves a hit and which one
 * fetches and admits a miss (every miss is admitted).
 *
 * <p><b>What "next use" means here</b> (reconstructed; the paper gives no reference): when station
 * s must evict, it evicts the cached item whose next request <em>by any client that s covers</em>
 * lies farthest in the future (never again = infinitely far; ties by the smallest item), whichever
 * station will serve that request. The exact next use <em>at s</em> is not knowable offline per
 * station: whether s or the client's other station serves a dual-covered client's request depends
 * on both caches' contents and windowed loads at that time, which depend on every later decision of
 * every station; computing it would be the joint offline problem, not MIN. The definition chosen
 * counts a dual-covered client's request as a possible use at both covering stations, so it never
 * forgets a request that s might serve. The simulator keeps it current: a request from one of s's
 * clients for an item that s holds moves the item's next use on, also when the other station serves
 * it ({@link dnt.caching.policy.CachePolicy#servedElsewhere}). Until issue 16's fix it did not, and
 * the item kept a next use in the past, looked needed soonest and stayed cached for good (a hit
 * rate of 0.147 on 10-million-request streams, below LRU).
 *
 * <p>It sees the future, so it is a strong reference for the online policies, but on a network it
 * is <em>not</em> a bound, and must not be called one:
 *
 * <ul>
 *   <li>MIN is optimal only for one cache that must admit every miss; a learned agent that may
 *       refuse admission (bypass) can beat it on the same stream;
 *   <li>stations serve each other's dual-covered clients, so what one station caches changes the
 *       hits of another, which per-station MIN ignores: it may keep an item for a request that the
 *       neighbour will serve anyway, and two stations may hold the same item, so even an online
 *       policy that admits every miss can beat it (LRU does on a six-request trace with one
 *       dual-covered client, ClairvoyantReferenceTest; cooperative placement is a different, hard
 *       problem; e.g. K. Shanmugam et al., "FemtoCaching", IEEE Trans. Inf. Theory 2013);
 *   <li>under the least-loaded rule its choices move load, and so the later serving decisions,
 *       differently from another policy's.
 * </ul>
 *
 * <p>For one shared cache ({@link Topology#shared()}) with forced admission, the same replay is the
 * Belady bound.
 */
public final class ClairvoyantReference {
  private ClairvoyantReference() {}

  /**
   * Replays a trace with per-station MIN.
   *
   * @param trace the requests, in time order
   * @param topology the client-station association
   * @param capacity slots per station
   * @param options the measurement settings
   * @return the metrics
   */
  public static SimulationResult replay(
      Trace trace, Topology topology, int capacity, SimulationOptions options) {
    return NetworkSimulator.run(
        trace,
        topology,
        capacity,
        StationCacheFactory.of(PolicyRegistry.spec("belady"), 0),
        options);
  }

  /**
   * Whether per-station MIN on this topology is a bound on every policy that admits every miss:
   * only for a single cache.
   *
   * @param topology the association
   * @return true when there is one station
   */
  public static boolean isBound(Topology topology) {
    return topology.stationCount() == 1;
  }
}
