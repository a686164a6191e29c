package dnt.live;

import dnt.core.CellId;
import java.util.List;

/**
 * The synchronization integrity of one cell's stream: whether it diverges from its prediction now,
 * and which slots the twin masks (shows the prediction for) because they arrived while it diverged.
 * The masked observations stay in the journal, marked.
 *
 * @param cell the cell
 * @param diverging whether the stream is flagged now (an alert)
 * @param checked observations (slots) checked so far
 * @param maskedSlots start of each masked slot, epoch ms UTC, ascending
 */
public record IntegrityReport(
    CellId cell, boolean diverging, long checked, List<Long> maskedSlots) {
  /** Copies the list. */
  public IntegrityReport {
    maskedSlots = List.copyOf(maskedSlots);
  }
}
