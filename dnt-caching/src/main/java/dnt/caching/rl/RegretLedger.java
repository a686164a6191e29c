package dnt.caching.rl;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * The eviction-regret ledger of one station (after LeCaR, G. Vietri et al., HotStorage 2018): the
 * items evicted or refused at its decisions, each charged −1 on its decision's outcome when it
 * misses again at the station within the horizon (in the station's requests).
 *
 * <p>Ticks count the station's requests before the current one, so the request that triggered a
 * decision has the decision's own tick: a refused item is not charged by the very request that it
 * was refused on, only by a later miss.
 */
final class RegretLedger {
  private record Entry(Outcome outcome, long tick) {}

  private final long horizon;
  private final Int2ObjectOpenHashMap<Entry> open = new Int2ObjectOpenHashMap<>();

  /**
   * An empty ledger.
   *
   * @param horizon the most requests after a decision at which a miss is still charged to it
   */
  RegretLedger(long horizon) {
    this.horizon = horizon;
  }

  /**
   * Records that a decision at tick {@code now} evicted or refused the item. When the item is
   * refused on a miss that settles an earlier entry, that entry is charged first.
   *
   * @param item the item evicted or refused
   * @param outcome the decision's outcome, charged later
   * @param now the station's request count before the current request
   */
  void remember(int item, Outcome outcome, long now) {
    missed(item, now);
    open.put(item, new Entry(outcome, now));
    if (open.size() > 8 * horizon) {
      open.values().removeIf(e -> now - e.tick() > horizon);
    }
  }

  /**
   * A request at tick {@code now} missed the item at this station: charges the decision that
   * evicted or refused it, when that decision was earlier and within the horizon.
   *
   * @param item the item missed
   * @param now the station's request count before this request
   */
  void missed(int item, long now) {
    Entry e = open.get(item);
    if (e == null || e.tick() >= now) {
      return; // nothing open, or opened by this very request
    }
    open.remove(item);
    if (now - e.tick() <= horizon) {
      e.outcome().reward -= 1;
    }
  }

  /**
   * The items still open (for tests).
   *
   * @return the count
   */
  int size() {
    return open.size();
  }
}
