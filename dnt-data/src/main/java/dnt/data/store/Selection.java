package dnt.data.store;

import dnt.core.CellId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which part of a store to export or load.
 *
 * @param cells the cells, or empty for every cell in the store
 * @param fromMillis first instant (inclusive), or empty for the store's first slot
 * @param toMillis end instant (exclusive), or empty for the end of the store's last slot
 * @param resolution the time step
 */
public record Selection(
    List<CellId> cells, OptionalLong fromMillis, OptionalLong toMillis, Resolution resolution) {
  /** Copies the cell list. */
  public Selection {
    cells = List.copyOf(cells);
    Objects.requireNonNull(fromMillis, "fromMillis");
    Objects.requireNonNull(toMillis, "toMillis");
    Objects.requireNonNull(resolution, "resolution");
  }

  /**
   * Everything, at 10-minute resolution.
   *
   * @return the selection
   */
  public static Selection all() {
    return new Selection(
        List.of(), OptionalLong.empty(), OptionalLong.empty(), Resolution.TEN_MINUTES);
  }

  /**
   * The same selection restricted to some cells.
   *
   * @param keep the cells
   * @return a new selection
   */
  public Selection withCells(List<CellId> keep) {
    return new Selection(keep, fromMillis, toMillis, resolution);
  }

  /**
   * The same selection at another resolution.
   *
   * @param r the resolution
   * @return a new selection
   */
  public Selection withResolution(Resolution r) {
    return new Selection(cells, fromMillis, toMillis, r);
  }

  /**
   * The same selection over a time range.
   *
   * @param from first instant, epoch ms
   * @param to end instant (exclusive), epoch ms
   * @return a new selection
   */
  public Selection between(long from, long to) {
    return new Selection(cells, OptionalLong.of(from), OptionalLong.of(to), resolution);
  }
}
