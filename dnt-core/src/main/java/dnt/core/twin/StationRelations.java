package dnt.core.twin;

import dnt.core.BaseStationId;
import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The relations between the station twins of a {@link NetworkTwin} (Zhang et al., Sec. II: twins
 * related by distance, coverage and traffic), computed from its current state: the distance, the
 * coverage overlap (users of either station that receive the other within the A3 hysteresis of
 * their own: the pair's handover candidates) and the similarity of their traffic distributions
 * ({@code 1 - JSD} of their users' demand histograms); the nearest active neighbours of a station,
 * and the JGraphT graph of stations linked to their nearest neighbours. Read-only.
 */
final class StationRelations {
  /** The received power of a station at a user, mW, by internal indices. */
  @FunctionalInterface
  interface ReceivedPower {
    /**
     * The power.
     *
     * @param station internal station index
     * @param user internal user index
     * @return mW
     */
    double mw(int station, int user);
  }

  private static final int DEMAND_BINS = 16;

  private final StationColumns st;
  private final UserColumns us;
  private final double hysteresis;
  private final ReceivedPower rx;

  /**
   * Relations over a twin's state.
   *
   * @param st its stations
   * @param us its users
   * @param hysteresis the A3 offset, linear
   * @param rx the received power of a link
   */
  StationRelations(StationColumns st, UserColumns us, double hysteresis, ReceivedPower rx) {
    this.st = st;
    this.us = us;
    this.hysteresis = hysteresis;
    this.rx = rx;
  }

  /**
   * The relation between two stations.
   *
   * @param sa internal index of one
   * @param sb internal index of the other
   * @return distance, coverage overlap and traffic similarity
   */
  StationRelation relation(int sa, int sb) {
    double distance = Math.hypot(st.x[sa] - st.x[sb], st.y[sa] - st.y[sb]);
    int na = us.served.size(sa);
    int nb = us.served.size(sb);
    int overlap = countWithinHysteresis(sa, sb) + countWithinHysteresis(sb, sa);
    double coverage = na + nb == 0 ? 0 : (double) overlap / (na + nb);
    return new StationRelation(
        BaseStationId.of(st.id[sa]),
        BaseStationId.of(st.id[sb]),
        distance,
        coverage,
        trafficSimilarity(sa, sb));
  }

  /** Users of {@code own} that receive {@code other} within the hysteresis of their server. */
  private int countWithinHysteresis(int own, int other) {
    int count = 0;
    for (int k = 0; k < us.served.size(own); k++) {
      int u = us.served.get(own, k);
      if (st.active[other] && rx.mw(other, u) * hysteresis >= us.rec.get(u, UserColumns.SIGNAL)) {
        count++;
      }
    }
    return count;
  }

  private double trafficSimilarity(int sa, int sb) {
    int na = us.served.size(sa);
    int nb = us.served.size(sb);
    if (na == 0 || nb == 0) {
      return Double.NaN;
    }
    double max = 0;
    for (int k = 0; k < na; k++) {
      max = Math.max(max, demand(sa, k));
    }
    for (int k = 0; k < nb; k++) {
      max = Math.max(max, demand(sb, k));
    }
    double[] p = new double[DEMAND_BINS];
    double[] q = new double[DEMAND_BINS];
    for (int k = 0; k < na; k++) {
      p[bin(demand(sa, k), max)] += 1.0 / na;
    }
    for (int k = 0; k < nb; k++) {
      q[bin(demand(sb, k), max)] += 1.0 / nb;
    }
    double jsd = 0;
    for (int i = 0; i < DEMAND_BINS; i++) {
      double m = 0.5 * (p[i] + q[i]);
      if (p[i] > 0) {
        jsd += 0.5 * p[i] * Math.log(p[i] / m);
      }
      if (q[i] > 0) {
        jsd += 0.5 * q[i] * Math.log(q[i] / m);
      }
    }
    return Math.max(0, Math.min(1, 1 - jsd / Math.log(2)));
  }

  /** The demand of the k-th user a station serves. */
  private double demand(int s, int k) {
    return us.rec.get(us.served.get(s, k), UserColumns.DEMAND);
  }

  private static int bin(double v, double max) {
    return max == 0 ? 0 : Math.min(DEMAND_BINS - 1, (int) (v / max * DEMAND_BINS));
  }

  /**
   * The nearest active stations to a station, closest first (ties: lower id).
   *
   * @param s internal index of the station
   * @param k how many
   * @return up to k station ids
   */
  List<BaseStationId> neighbours(int s, int k) {
    List<int[]> candidates = new ArrayList<>();
    double[] d = new double[st.n];
    for (int t = 0; t < st.n; t++) {
      if (t != s && st.active[t]) {
        d[t] = Math.hypot(st.x[t] - st.x[s], st.y[t] - st.y[s]);
        candidates.add(new int[] {t});
      }
    }
    candidates.sort(
        (x, y) -> {
          int c = Double.compare(d[x[0]], d[y[0]]);
          return c != 0 ? c : Integer.compare(st.id[x[0]], st.id[y[0]]);
        });
    List<BaseStationId> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, candidates.size()); i++) {
      out.add(BaseStationId.of(st.id[candidates.get(i)[0]]));
    }
    return out;
  }

  /**
   * The graph of station twins: each active station linked to its {@code k} nearest active
   * neighbours, every edge weighted by the pair's coverage overlap.
   *
   * @param k neighbours per station
   * @return an undirected weighted graph
   */
  Graph<BaseStationId, DefaultWeightedEdge> graph(int k) {
    Graph<BaseStationId, DefaultWeightedEdge> g =
        new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int s = 0; s < st.n; s++) {
      if (st.active[s]) {
        g.addVertex(BaseStationId.of(st.id[s]));
      }
    }
    for (int s = 0; s < st.n; s++) {
      if (!st.active[s]) {
        continue;
      }
      BaseStationId a = BaseStationId.of(st.id[s]);
      for (BaseStationId b : neighbours(s, k)) {
        if (!g.containsEdge(a, b)) {
          DefaultWeightedEdge e = g.addEdge(a, b);
          g.setEdgeWeight(e, relation(s, st.index.get(b.value())).coverageOverlap());
        }
      }
    }
    return g;
  }
}
