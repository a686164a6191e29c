package dnt.caching.twin;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.ItemSampler;
import dnt.caching.workload.RareEvent;
import dnt.caching.workload.RequestGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The digital twin of a caching network by vertical mapping (Sec. IV-B of the DNT paper; the D-REC
 * method is not public, so this is a reconstruction): from a historical request log it fits, per
 * station, a decayed-frequency next-request forecaster over the requests of the station's home
 * clients, and the clients' mean request rate. As a generator it samples synthetic episodes from
 * these forecasts, with rare regimes (flash crowds, surges, popularity shifts) injected on demand,
 * so that agents can train on corner cases that the physical history rarely shows.
 *
 * <p>Sampling draws from each station's forecast with probability 1 − ε and a uniformly chosen seen
 * item otherwise (so that items outside the current top set keep appearing).
 */
public final class NetworkTwin {
  private final Topology topology;
  private final int clients;
  private final double requestProbability;
  private final int[][] itemsByRank;
  private final double[][] cdf;
  private final int[] allItems;
  private final double novelty;

  private NetworkTwin(
      Topology topology,
      int clients,
      double requestProbability,
      int[][] itemsByRank,
      double[][] cdf,
      int[] allItems,
      double novelty) {
    this.topology = topology;
    this.clients = clients;
    this.requestProbability = requestProbability;
    this.itemsByRank = itemsByRank;
    this.cdf = cdf;
    this.allItems = allItems;
    this.novelty = novelty;
  }

  /**
   * Fits the twin to a request log.
   *
   * @param history the physical requests (times are slots)
   * @param topology the association
   * @param clients the number of clients (ids 0..clients-1)
   * @param tau the forecaster's decay constant, in requests per station
   * @param novelty ε, the share of synthetic requests drawn uniformly from the seen items
   * @return the twin
   */
  public static NetworkTwin fit(
      Trace history, Topology topology, int clients, double tau, double novelty) {
    if (history.size() == 0) {
      throw new IllegalArgumentException("cannot fit a twin to an empty history");
    }
    int b = topology.stationCount();
    DecayedFrequency[] perStation = new DecayedFrequency[b];
    for (int s = 0; s < b; s++) {
      perStation[s] = new DecayedFrequency(tau);
    }
    DecayedFrequency all = new DecayedFrequency(Double.MAX_VALUE / 4);
    for (int i = 0; i < history.size(); i++) {
      perStation[topology.stationsOf(history.clients()[i])[0]].record(history.items()[i]);
      all.record(history.items()[i]);
    }
    int[][] ranked = new int[b][];
    double[][] cdf = new double[b][];
    for (int s = 0; s < b; s++) {
      DecayedFrequency f = perStation[s];
      Integer[] order = new Integer[f.distinctItems()];
      for (int i = 0; i < order.length; i++) {
        order[i] = f.item(i);
      }
      Arrays.sort(
          order,
          (x, y) -> {
            int c = Double.compare(f.count(y), f.count(x));
            return c != 0 ? c : Integer.compare(x, y);
          });
      ranked[s] = new int[order.length];
      cdf[s] = new double[order.length];
      double sum = 0;
      for (int i = 0; i < order.length; i++) {
        ranked[s][i] = order[i];
        sum += f.count(order[i]);
        cdf[s][i] = sum;
      }
      for (int i = 0; i < order.length; i++) {
        cdf[s][i] /= sum;
      }
    }
    int[] seen = new int[all.distinctItems()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = all.item(i);
    }
    Arrays.sort(seen);
    double slots = history.times()[history.size() - 1] - history.times()[0] + 1;
    double q = Math.min(1, history.size() / (slots * clients));
    return new NetworkTwin(topology, clients, q, ranked, cdf, seen, novelty);
  }

  /**
   * The fitted per-client request probability per slot.
   *
   * @return q
   */
  public double requestProbability() {
    return requestProbability;
  }

  /**
   * The twin's forecast that a request at a station is for the item.
   *
   * @param station the station
   * @param item the item
   * @return the probability (0 for items the station's clients never requested)
   */
  public double forecast(int station, int item) {
    int[] r = itemsByRank[station];
    for (int i = 0; i < r.length; i++) {
      if (r[i] == item) {
        double lo = i == 0 ? 0 : cdf[station][i - 1];
        return (1 - novelty) * (cdf[station][i] - lo) + novelty / allItems.length;
      }
    }
    return 0;
  }

  /**
   * A sampler of synthetic requests from the fitted forecasts (its shift rotates the rankings).
   *
   * @return a new sampler
   */
  public ItemSampler sampler() {
    return new ItemSampler() {
      private int offset;

      @Override
      public int sample(int station, int slot, RandomGenerator random) {
        if (random.nextDouble() < novelty) {
          return allItems[random.nextInt(allItems.length)];
        }
        double[] c = cdf[station];
        double u = random.nextDouble();
        int lo = 0;
        int hi = c.length - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (c[mid] < u) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        int[] r = itemsByRank[station];
        return r[(lo + offset) % r.length];
      }

      @Override
      public void shift(int ranks) {
        offset += ranks;
      }
    };
  }

  /**
   * Generates a synthetic episode.
   *
   * @param slots the number of slots
   * @param events rare regimes to inject
   * @param random the source of randomness
   * @return the synthetic trace
   */
  public Trace synthesize(int slots, List<RareEvent> events, RandomGenerator random) {
    return new RequestGenerator(topology, clients, requestProbability)
        .generate(sampler(), slots, events, random);
  }
}
