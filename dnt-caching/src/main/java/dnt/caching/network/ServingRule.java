package dnt.caching.network;

/**
 * Which covering station serves a request, and what a miss costs.
 *
 * <p>{@link #HOME_FETCH} is the rule of the first version of the caching study (reconstructed; kept
 * for {@code dnt cache simulate} and the tests written against it): a hit at any covering station
 * that holds the item (two holders: the one that has served fewer requests so far, ties to home); a
 * miss is fetched, served and admitted by the home station; load counts served requests only.
 *
 * <p>{@link #LEAST_LOADED} is the rule of issue 16, after the paper's Sec. IV-B ("the reliable RL
 * monitors and reduces the load imbalance among BSs", which presumes that where content is cached
 * decides who serves whom): a request is served by a covering station that holds the item, the
 * least loaded one in the current window when both do (ties to home); a miss is fetched over the
 * backhaul by the least loaded covering station (ties to home), which serves it and decides
 * admission. A station's load is what it serves plus what it fetches (a hit costs one unit, a miss
 * two: one served, one fetched), over the sliding window.
 */
public enum ServingRule {
  /** Misses served at home, no backhaul load (the first study's rule). */
  HOME_FETCH(0),
  /** Least-loaded covering holder; misses fetched by the least-loaded covering station. */
  LEAST_LOADED(1);

  private final int fetchCost;

  ServingRule(int fetchCost) {
    this.fetchCost = fetchCost;
  }

  /**
   * The load units a miss adds to the station that fetches it, beyond serving it.
   *
   * @return 0 or 1
   */
  public int fetchCost() {
    return fetchCost;
  }
}
