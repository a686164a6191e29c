package dnt.data.store;

import dnt.data.Service;
import java.util.Map;

/**
 * A summary of a store.
 *
 * @param files files ingested
 * @param syntheticFiles how many of them are synthetic
 * @param cells distinct cells with any activity
 * @param rows stored per-(cell, slot) rows
 * @param firstSlotMillis start of the first slot, epoch ms (0 when empty)
 * @param lastSlotMillis start of the last slot, epoch ms (0 when empty)
 * @param slots slots in the span from the first to the last
 * @param slotsWithoutData slots of the span with no row in any cell
 * @param absentCellSlots (cell, slot) pairs of the span with no row (no activity, read as 0)
 * @param totals total activity per service
 */
public record StoreInfo(
    long files,
    long syntheticFiles,
    long cells,
    long rows,
    long firstSlotMillis,
    long lastSlotMillis,
    long slots,
    long slotsWithoutData,
    long absentCellSlots,
    Map<Service, Double> totals) {
  /** Copies the totals. */
  public StoreInfo {
    totals = Map.copyOf(totals);
  }
}
