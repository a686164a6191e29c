package dnt.live.runtime;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The cells whose stream is flagged as diverging now, kept current by the cell twins of this node:
 * each tells it its flag after every event and once it has recovered, so the set of alerts is read
 * without asking every cell twin. A cell twin that has not run since the node started (they recover
 * when first used) is not in it yet. Thread-safe.
 */
public final class AlertSet {
  private final ConcurrentSkipListSet<Integer> cells = new ConcurrentSkipListSet<>();

  /**
   * Records a cell's flag.
   *
   * @param cell the cell number
   * @param diverging whether its stream is flagged
   */
  void set(int cell, boolean diverging) {
    if (diverging) {
      cells.add(cell);
    } else {
      cells.remove(cell);
    }
  }

  /**
   * The flagged cells now.
   *
   * @return cell numbers, ascending
   */
  public int[] cells() {
    return cells.stream().mapToInt(Integer::intValue).toArray();
  }
}
