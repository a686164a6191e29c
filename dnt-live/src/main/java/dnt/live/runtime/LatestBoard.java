package dnt.live.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every cell's newest slot and that slot's totals, kept current by the cell twins of this node
 * (each tells it after every event and once it has recovered), so a map of all cells is read
 * without asking 10,000 cell twins. A cell twin that has not run since the node started (they
 * recover when first used) is not on it yet. Thread-safe.
 *
 * <p>Each entry carries the cell twin's event sequence number when it was told (as {@link
 * AlertSet}): a cluster-wide view ({@link NodeView}) takes, per cell, the entry with the highest.
 */
public final class LatestBoard {
  /**
   * A cell's newest slot.
   *
   * @param cell the cell number
   * @param seq the cell twin's event sequence number when it told the board
   * @param slot the slot number
   * @param totals the slot's totals per service, the prediction where masked
   */
  public record Entry(int cell, long seq, long slot, double[] totals) {}

  private final ConcurrentSkipListMap<Integer, Entry> cells = new ConcurrentSkipListMap<>();

  /**
   * Records a cell's newest slot.
   *
   * @param cell the cell number
   * @param seq the cell twin's event sequence number
   * @param slot its newest slot
   * @param totals that slot's totals (not copied: the caller hands it over)
   */
  void set(int cell, long seq, long slot, double[] totals) {
    cells.put(cell, new Entry(cell, seq, slot, totals));
  }

  /**
   * The cells' newest slots now.
   *
   * @return one entry per cell that has told the board, by ascending cell; the arrays are copies
   */
  public List<Entry> entries() {
    return page(0, Integer.MAX_VALUE);
  }

  /**
   * Up to {@code limit} entries of the cells above {@code afterCell}: a page of the view other
   * nodes gather.
   *
   * @param afterCell the page starts after this cell number
   * @param limit the most entries in the page
   * @return the entries, by ascending cell; the arrays are copies
   */
  List<Entry> page(int afterCell, int limit) {
    List<Entry> out = new ArrayList<>(Math.min(limit, cells.size()));
    for (Map.Entry<Integer, Entry> e : cells.tailMap(afterCell, false).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      Entry v = e.getValue();
      out.add(new Entry(v.cell(), v.seq(), v.slot(), v.totals().clone()));
    }
    return out;
  }
}
