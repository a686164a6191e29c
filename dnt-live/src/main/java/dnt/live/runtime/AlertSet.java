package dnt.live.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The integrity flag of every cell whose twin has run on this node, kept current by the cell twins
 * of this node: each tells it its flag after every event and once it has recovered, so the set of
 * alerts is read without asking every cell twin. A cell twin that has not run since the node
 * started (they recover when first used) is not in it yet. Thread-safe.
 *
 * <p>Each flag carries the cell twin's event sequence number when it was told ({@code seq}, from
 * the shared journal, so it grows across nodes): when a cell's shard moves to another node, the old
 * node keeps the flag its twin told last, and a cluster-wide view ({@link NodeView}) takes, per
 * cell, the flag with the highest sequence number.
 */
public final class AlertSet {
  /**
   * A cell's flag.
   *
   * @param cell the cell number
   * @param seq the cell twin's event sequence number when it told the flag
   * @param diverging whether its stream is flagged
   */
  public record Flag(int cell, long seq, boolean diverging) {}

  private final ConcurrentSkipListMap<Integer, Flag> flags = new ConcurrentSkipListMap<>();

  /**
   * Records a cell's flag.
   *
   * @param cell the cell number
   * @param seq the cell twin's event sequence number
   * @param diverging whether its stream is flagged
   */
  void set(int cell, long seq, boolean diverging) {
    flags.put(cell, new Flag(cell, seq, diverging));
  }

  /**
   * The flagged cells now.
   *
   * @return cell numbers, ascending
   */
  public int[] cells() {
    return flags.values().stream().filter(Flag::diverging).mapToInt(Flag::cell).toArray();
  }

  /**
   * Up to {@code limit} flags of the cells above {@code afterCell}, flagged or not: a page of the
   * view other nodes gather.
   *
   * @param afterCell the page starts after this cell number
   * @param limit the most flags in the page
   * @return the flags, by ascending cell
   */
  List<Flag> page(int afterCell, int limit) {
    List<Flag> out = new ArrayList<>(Math.min(limit, flags.size()));
    for (Map.Entry<Integer, Flag> e : flags.tailMap(afterCell, false).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }
}
