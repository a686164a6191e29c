package dnt.caching.twin;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.ItemSampler;
import dnt.caching.workload.RareEvent;
import dnt.caching.workload.RequestGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

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
public final class CachingTwin {
  private final Topology topology;
  private final int clients;
  private final double requestProbability;
  private final int[][] itemsByRank;
  private final double[][] cdf;
  private final int[] allItems;
  private final double novelty;
  private final MarkovForecaster @Nullable [] markov;

  private CachingTwin(
      Topology topology,
      int clients,
      double requestProbability,
      int[][] itemsByRank,
      double[][] cdf,
      int[] allItems,
      double novelty,
      MarkovForecaster @Nullable [] markov) {
    this.markov = markov;
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
  public static CachingTwin fit(
      Trace history, Topology topology, int clients, double tau, double novelty) {
    return fit(history, topology, clients, tau, novelty, 0);
  }

  /**
   * Fits the twin with a choice of forecaster: decayed frequency ({@code markovOrder} 0) or, per
   * station, an order-k Markov model of the home clients' request stream, which backs off to the
   * decayed frequencies for unseen contexts.
   *
   * @param history the physical requests (times are slots)
   * @param topology the association
   * @param clients the number of clients (ids 0..clients-1)
   * @param tau the frequency forecaster's decay constant, in requests per station
   * @param novelty ε, the share of synthetic requests drawn uniformly from the seen items
   * @param markovOrder k for the Markov forecaster, or 0 for decayed frequency only
   * @return the twin
   */
  public static CachingTwin fit(
      Trace history, Topology topology, int clients, double tau, double novelty, int markovOrder) {
    if (markovOrder < 0) {
      throw new IllegalArgumentException("markovOrder must be non-negative, got " + markovOrder);
    }
    if (history.size() == 0) {
      throw new IllegalArgumentException("cannot fit a twin to an empty history");
    }
    int b = topology.stationCount();
    DecayedFrequency[] perStation = new DecayedFrequency[b];
    for (int s = 0; s < b; s++) {
      perStation[s] = new DecayedFrequency(tau);
    }
    DecayedFrequency all = new DecayedFrequency(Double.MAX_VALUE / 4);
    MarkovForecaster @Nullable [] markov = null;
    if (markovOrder > 0) {
      markov = new MarkovForecaster[b];
      for (int s = 0; s < b; s++) {
        markov[s] = new MarkovForecaster(markovOrder);
      }
    }
    for (int i = 0; i < history.size(); i++) {
      int home = topology.stationsOf(history.clients()[i])[0];
      perStation[home].record(history.items()[i]);
      all.record(history.items()[i]);
      if (markov != null) {
        markov[home].record(history.items()[i]);
      }
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
    return new CachingTwin(topology, clients, q, ranked, cdf, seen, novelty, markov);
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
      private final int[][] context =
          markov == null ? new int[0][] : new int[cdf.length][markov[0].order()];
      private final int[] drawn = new int[cdf.length];

      @Override
      public int sample(int station, int slot, RandomGenerator random) {
        int item = draw(station, random);
        if (markov != null) {
          int[] c = context[station];
          System.arraycopy(c, 1, c, 0, c.length - 1);
          c[c.length - 1] = item;
          drawn[station]++;
        }
        return item;
      }

      private int draw(int station, RandomGenerator random) {
        if (random.nextDouble() < novelty) {
          return allItems[random.nextInt(allItems.length)];
        }
        if (markov != null && drawn[station] >= context[station].length) {
          int item = markov[station].sample(context[station], random);
          if (item >= 0) {
            return item;
          }
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
