package dnt.caching.network;

/**
 * The metrics of one replay over a caching network.
 *
 * @param requests total requests
 * @param hits total hits
 * @param served requests served per station (its hits plus the misses it fetched)
 * @param fetched backhaul load units per station: the misses it fetched under {@link
 *     ServingRule#LEAST_LOADED}, zeros under {@link ServingRule#HOME_FETCH}
 * @param stationHits hits served per station
 * @param homeRequests requests whose client has the station as home
 * @param hitSeries hit rate per time bucket
 * @param loadSeries load units per station (row) and time bucket (column): served plus fetched
 * @param overloadEvents times a station's windowed load rose above the overload threshold
 * @param interventions safety-module interventions summed over stations
 * @param stationOverloadEvents per station, the times its windowed load rose above the threshold
 *     (they sum to {@code overloadEvents})
 */
public record SimulationResult(
    long requests,
    long hits,
    long[] served,
    long[] fetched,
    long[] stationHits,
    long[] homeRequests,
    double[] hitSeries,
    long[][] loadSeries,
    long overloadEvents,
    long interventions,
    long[] stationOverloadEvents) {

  /**
   * The overall hit rate.
   *
   * @return hits / requests (0 for no requests)
   */
  public double hitRate() {
    return requests == 0 ? 0 : (double) hits / requests;
  }

  /**
   * The hit rate of requests from each station's home clients is not tracked; this is the share of
   * a station's served requests that were hits.
   *
   * @param station the station
   * @return hits / served at that station
   */
  public double stationHitRate(int station) {
    return served[station] == 0 ? 0 : (double) stationHits[station] / served[station];
  }

  /**
   * Each station's load over the whole replay: what it served plus what it fetched.
   *
   * @return served + fetched, per station
   */
  public long[] load() {
    long[] l = served.clone();
    for (int s = 0; s < l.length; s++) {
      l[s] += fetched[s];
    }
    return l;
  }

  /**
   * Imbalance of total load: the largest station load over the mean.
   *
   * @return max/mean (1 = perfectly balanced)
   */
  public double maxOverMean() {
    return LoadStats.maxOverMean(load());
  }

  /**
   * Jain's fairness index of total load, (ΣL)² / (B·ΣL²).
   *
   * @return J in [1/B, 1]
   */
  public double jain() {
    return LoadStats.jain(load());
  }

  /**
   * The mean over time buckets of the per-bucket max/mean load imbalance.
   *
   * @return the mean imbalance over time
   */
  public double meanBucketImbalance() {
    int buckets = loadSeries.length == 0 ? 0 : loadSeries[0].length;
    double sum = 0;
    int n = 0;
    for (int k = 0; k < buckets; k++) {
      long[] col = new long[loadSeries.length];
      for (int b = 0; b < col.length; b++) {
        col[b] = loadSeries[b][k];
      }
      double m = LoadStats.maxOverMean(col);
      if (Double.isFinite(m)) {
        sum += m;
        n++;
      }
    }
    return n == 0 ? 1 : sum / n;
  }
}
