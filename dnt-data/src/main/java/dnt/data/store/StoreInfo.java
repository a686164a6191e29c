package dnt.data.store;

import dnt.data.Service;
import java.util.Map;

/**
 * A summary of a store.
 *
 * @param files files ingested
 * @param syntheticFiles how many of them are synthetic
 * @param cells distinct cells with any activity
 * @param rows stored raw rows, one per key (cell, slot, country code)
 * @param cellSlots distinct (cell, slot) pairs with a row
 * @param rowsReplaced rows that a later ingested row of the same key replaced (a day ingested twice
 *     replaces every row of the first ingest instead of adding to it)
 * @param firstSlotMillis start of the first slot, epoch ms (0 when empty)
 * @param lastSlotMillis start of the last slot, epoch ms (0 when empty)
 * @param slots slots in the span from the first to the last
 * @param slotsWithoutData slots of the span that no ingested file holds (gaps: not ingested)
 * @param absentCellSlots (cell, slot) pairs of ingested slots with no row (no activity, read as 0)
 * @param totals total activity per service
 */
public record StoreInfo(
    long files,
    long syntheticFiles,
    long cells,
    long rows,
    long cellSlots,
    long rowsReplaced,
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
