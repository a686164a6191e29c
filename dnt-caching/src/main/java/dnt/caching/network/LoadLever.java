package dnt.caching.network;

/**
 * How much load caching decisions can move on a network, for a given request stream: the size of
 * the lever a load-aware cache has (issue 16). Under {@link ServingRule#LEAST_LOADED} a request of
 * a client covered by one station always loads that station (one unit on a hit, two on a miss),
 * whatever is cached where; only the requests of dual-covered clients can land on either station,
 * and which one depends on where the item is cached (and on the loads). So whatever the placement
 * and replacement, station b carries at least the requests of its single-covered clients (all hits)
 * and at most twice the requests of every client it covers (all misses, all routed to b), and no
 * placement moves more than the dual-covered clients' requests between stations. These are bounds,
 * not the loads of a particular placement: the serving rule's load balancing keeps real placements
 * well inside them.
 *
 * @param requests the stream's requests
 * @param dualClientShare the share of the topology's clients covered by two stations
 * @param movableShare the share of the stream's requests from dual-covered clients: the most load
 *     (in requests) that the choice of what to cache where can move between stations
 * @param minLoad per station, the fewest load units any caching can leave it
 * @param maxLoad per station, the most load units any caching can give it
 */
public record LoadLever(
    long requests, double dualClientShare, double movableShare, long[] minLoad, long[] maxLoad) {

  /**
   * The lever of a stream on a network.
   *
   * @param trace the requests
   * @param topology the association (not shared)
   * @return the bounds
   */
  public static LoadLever of(Trace trace, Topology topology) {
    int b = topology.stationCount();
    long[] min = new long[b];
    long[] max = new long[b];
    long movable = 0;
    for (int client : trace.clients()) {
      int[] st = topology.stationsOf(client);
      if (st.length == 1) {
        min[st[0]]++;
      } else {
        movable++;
      }
      for (int s : st) {
        max[s] += 2;
      }
    }
    int dual = 0;
    int clients = topology.clientCount();
    for (int c = 0; c < clients; c++) {
      if (topology.stationsOf(c).length == 2) {
        dual++;
      }
    }
    int n = trace.size();
    return new LoadLever(
        n, clients == 0 ? 0 : (double) dual / clients, n == 0 ? 0 : (double) movable / n, min, max);
  }
}
