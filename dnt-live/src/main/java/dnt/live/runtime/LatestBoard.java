package dnt.live.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every cell's newest slot and that slot's totals, kept current by the cell twins of this node
 * (each tells it after every event and once it has recovered), so a map of all cells is read
 * without asking 10,000 cell twins. A cell twin that has not run since the node started (they
 * recover when first used) is not on it yet. Thread-safe.
 */
public final class LatestBoard {
  /**
   * A cell's newest slot.
   *
   * @param cell the cell number
   * @param slot the slot number
   * @param totals the slot's totals per service, the prediction where masked
   */
  public record Entry(int cell, long slot, double[] totals) {}

  private final ConcurrentSkipListMap<Integer, Entry> cells = new ConcurrentSkipListMap<>();

  /**
   * Records a cell's newest slot.
   *
   * @param cell the cell number
   * @param slot its newest slot
   * @param totals that slot's totals (not copied: the caller hands it over)
   */
  void set(int cell, long slot, double[] totals) {
    cells.put(cell, new Entry(cell, slot, totals));
  }

  /**
   * The cells' newest slots now.
   *
   * @return one entry per cell that has told the board, by ascending cell; the arrays are copies
   */
  public java.util.List<Entry> entries() {
    java.util.List<Entry> out = new java.util.ArrayList<>(cells.size());
    for (Map.Entry<Integer, Entry> e : cells.entrySet()) {
      Entry v = e.getValue();
      out.add(new Entry(v.cell(), v.slot(), v.totals().clone()));
    }
    return out;
  }
}
