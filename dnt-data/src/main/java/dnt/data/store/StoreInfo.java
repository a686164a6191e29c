package dnt.data.store;

import dnt.data.Service;
import java.util.Map;
import java.util.Objects;

/**
 * A summary of a store.
 *
 * @param files files ingested
 * @param syntheticFiles how many of them are synthetic
 * @param cells distinct cells with any activity
 * @param rawRows raw rows the ingested files gave (read and not rejected), one per line (cell,
 *     slot, country code), summed into {@code cellSlots} rows
 * @param cellSlots the stored rows: distinct (cell, slot) pairs, each summed over country codes; in
 *     a store minimised to hours, distinct (cell, hour) pairs
 * @param rowsReplaced raw rows that a later line of the same key (cell, slot, country code) in the
 *     same file replaced (a slot is never taken from two files: ingest refuses that)
 * @param firstSlotMillis start of the first slot, epoch ms (0 when empty)
 * @param lastSlotMillis start of the last slot, epoch ms (0 when empty)
 * @param slots slots in the span from the first to the last
 * @param slotsWithoutData slots of the span that no ingested file holds (gaps: not ingested)
 * @param absentCellSlots (cell, slot) pairs of ingested slots with no row (no activity, read as 0);
 *     in a store minimised to hours, (cell, hour) pairs of hours with an ingested slot
 * @param totals total activity per service
 * @param minimisation the detail the store keeps
 */
public record StoreInfo(
    long files,
    long syntheticFiles,
    long cells,
    long rawRows,
    long cellSlots,
    long rowsReplaced,
    long firstSlotMillis,
    long lastSlotMillis,
    long slots,
    long slotsWithoutData,
    long absentCellSlots,
    Map<Service, Double> totals,
    Minimisation minimisation) {
  /** Copies the totals. */
  public StoreInfo {
    totals = Map.copyOf(totals);
    Objects.requireNonNull(minimisation, "minimisation");
  }
}
