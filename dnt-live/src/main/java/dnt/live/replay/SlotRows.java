package dnt.live.replay;

import dnt.data.raw.RawRow;
import java.util.List;

/**
 * The rows of one 10-minute slot, in the order a replay sends them.
 *
 * @param slotMillis the slot's start, epoch ms UTC
 * @param rows its rows (every one has this slot's time)
 */
public record SlotRows(long slotMillis, List<RawRow> rows) {
  /** Copies the rows. */
  public SlotRows {
    rows = List.copyOf(rows);
  }
}
