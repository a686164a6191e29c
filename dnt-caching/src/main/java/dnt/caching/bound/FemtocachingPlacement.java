package dnt.caching.bound;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The static oracle placement for overlapping caches (K. Shanmugam, N. Golrezaei, A. G. Dimakis, A.
 * F. Molisch and G. Caire, "FemtoCaching: Wireless Content Delivery Through Distributed Caching
 * Helpers", IEEE Trans. Inf. Theory 59(12), 2013): maximise the requests covered, Σ_u Σ_f n_uf · [f
 * is cached at some station of u], subject to C items per station, where n_uf are the realised
 * request counts of the trace.
 *
 * <p>The objective is monotone submodular over a partition matroid, so the greedy choice of the
 * (station, item) pair with the largest marginal gain is within 1/2 of the optimum (within 1 − (1 −
 * 1/d)^d for d stations per client). Lazy evaluation (Minoux's accelerated greedy) keeps it fast.
 * The result counts every request of a covered item as a hit, including first requests: it bounds
 * static placements from above, not online replacement.
 */
public final class FemtocachingPlacement {
  /**
   * A placement and the requests it covers.
   *
   * @param placement the items placed at each station
   * @param hits requests covered
   * @param requests all requests
   */
  public record Result(List<IntSet> placement, long hits, long requests) {
    /**
     * The covered share of requests.
     *
     * @return hits / requests
     */
    public double hitRate() {
      return requests == 0 ? 0 : (double) hits / requests;
    }
  }

  private record Candidate(long gain, int station, int item) {}

  private FemtocachingPlacement() {}

  /**
   * Computes the greedy placement.
   *
   * @param trace the requests whose counts define the objective
   * @param topology the association (clients with one or two stations)
   * @param capacity items per station
   * @return the placement and its value
   */
  public static Result greedy(Trace trace, Topology topology, int capacity) {
    int b = topology.stationCount();
    // Group clients by their station set: a key s0 * b + s1 (s1 = s0 for single-station clients).
    Map<Integer, Int2IntOpenHashMap> counts = new HashMap<>();
    for (int i = 0; i < trace.size(); i++) {
      int[] st = topology.stationsOf(trace.clients()[i]);
      if (st.length == 0) {
        throw new IllegalArgumentException("client " + trace.clients()[i] + " has no station");
      }
      int key = st[0] * b + (st.length == 2 ? st[1] : st[0]);
      counts.computeIfAbsent(key, k -> new Int2IntOpenHashMap()).addTo(trace.items()[i], 1);
    }
    List<IntSet> placed = new ArrayList<>();
    for (int s = 0; s < b; s++) {
      placed.add(new IntOpenHashSet());
    }
    PriorityQueue<Candidate> queue =
        new PriorityQueue<>(
            (x, y) -> {
              int c = Long.compare(y.gain(), x.gain());
              if (c != 0) {
                return c;
              }
              c = Integer.compare(x.station(), y.station());
              return c != 0 ? c : Integer.compare(x.item(), y.item());
            });
    for (int s = 0; s < b; s++) {
      Int2IntOpenHashMap total = new Int2IntOpenHashMap();
      for (var e : counts.entrySet()) {
        int s0 = e.getKey() / b;
        int s1 = e.getKey() % b;
        if (s0 == s || s1 == s) {
          e.getValue().int2IntEntrySet().forEach(x -> total.addTo(x.getIntKey(), x.getIntValue()));
        }
      }
      int station = s;
      total
          .int2IntEntrySet()
          .forEach(x -> queue.add(new Candidate(x.getIntValue(), station, x.getIntKey())));
    }
    long hits = 0;
    while (!queue.isEmpty()) {
      Candidate c = queue.poll();
      if (placed.get(c.station()).size() >= capacity) {
        continue;
      }
      long gain = gain(c.station(), c.item(), counts, placed, b);
      if (gain <= 0) {
        continue;
      }
      Candidate top = queue.peek();
      if (gain < c.gain() && top != null && top.gain() > gain) {
        queue.add(new Candidate(gain, c.station(), c.item()));
        continue;
      }
      placed.get(c.station()).add(c.item());
      hits += gain;
    }
    return new Result(placed, hits, trace.size());
  }

  private static long gain(
      int station, int item, Map<Integer, Int2IntOpenHashMap> counts, List<IntSet> placed, int b) {
    long gain = 0;
    for (var e : counts.entrySet()) {
      int s0 = e.getKey() / b;
      int s1 = e.getKey() % b;
      if (s0 != station && s1 != station) {
        continue;
      }
      int other = s0 == station ? s1 : s0;
      if (other != station && placed.get(other).contains(item)) {
        continue;
      }
      gain += e.getValue().get(item);
    }
    return gain;
  }
}
