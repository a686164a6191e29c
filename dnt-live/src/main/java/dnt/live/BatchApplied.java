package dnt.live;

import dnt.core.CellId;
import java.util.List;

/**
 * What one acknowledged telemetry batch changed, as {@link LiveTwin#subscribe} listeners hear it:
 * published once the batch is durable, whichever way it came (the HTTP API or a replay).
 *
 * @param cells the cells whose rows the batch held, ascending, each once
 * @param newestSlotMillis start of the newest slot in the batch, epoch ms UTC
 * @param rows rows in the batch
 */
public record BatchApplied(List<CellId> cells, long newestSlotMillis, int rows) {
  /** Copies the cells. */
  public BatchApplied {
    cells = List.copyOf(cells);
  }
}
