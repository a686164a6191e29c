package dnt.caching.network;

import dnt.caching.policy.PolicyRegistry;

/**
 * The clairvoyant reference of a caching network: Belady's MIN (L. A. Belady, IBM Systems Journal
 * 1966) at every station, each over the substream of the requests of its own clients, admitting
 * every miss at the home station. It sees the future, so it is a strong reference for the online
 * policies, but on a network it is <em>not</em> a bound, and must not be called one:
 *
 * <ul>
 *   <li>MIN is optimal only for one cache that must admit every miss; a learned agent that may
 *       refuse admission (bypass) can beat it on the same stream;
 *   <li>stations serve each other's dual-homed clients, so what one station caches changes the hits
 *       of another, which per-station MIN ignores (cooperative placement is a different, hard
 *       problem; e.g. K. Shanmugam et al., "FemtoCaching", IEEE Trans. Inf. Theory 2013).
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
