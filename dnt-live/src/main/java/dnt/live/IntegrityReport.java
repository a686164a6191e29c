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
 * @param predictor what predicted the newest judged slot, so what judges the stream (and its alert)
 *     now: {@code seasonal-naive} (the same slot a day earlier, before a forecasting model exists),
 *     {@code forecaster} (the cell's model), or {@code none} before the first judgement
 */
public record IntegrityReport(
    CellId cell, boolean diverging, long checked, List<Long> maskedSlots, String predictor) {
  /** Copies the list. */
  public IntegrityReport {
    maskedSlots = List.copyOf(maskedSlots);
    java.util.Objects.requireNonNull(predictor, "predictor");
  }

  /**
   * A report of a twin that always predicts seasonal-naively.
   *
   * @param cell the cell
   * @param diverging whether the stream is flagged now
   * @param checked observations checked so far
   * @param maskedSlots the masked slots, epoch ms
   */
  public IntegrityReport(CellId cell, boolean diverging, long checked, List<Long> maskedSlots) {
    this(cell, diverging, checked, maskedSlots, checked == 0 ? "none" : "seasonal-naive");
  }
}
