package dnt.live;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of a {@link LiveTwin}'s acknowledged batches: registers them and tells each one
 * every batch, on the thread that acknowledged it. A listener that throws is dropped, so one bad
 * listener cannot stop the twin's acknowledgements or the other listeners. Thread-safe.
 */
public final class BatchListeners {
  private final List<Consumer<BatchApplied>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Registers a listener.
   *
   * @param listener told every acknowledged batch; must be quick and never block
   * @return closing it removes the listener
   */
  public Subscription add(Consumer<BatchApplied> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Tells every listener about a batch.
   *
   * @param rows the batch's rows, non-empty
   */
  public void publish(List<RawRow> rows) {
    if (listeners.isEmpty() || rows.isEmpty()) {
      return;
    }
    BatchApplied batch = summary(rows);
    List<Consumer<BatchApplied>> failed = new java.util.ArrayList<>();
    for (Consumer<BatchApplied> l : listeners) {
      try {
        l.accept(batch);
      } catch (RuntimeException e) {
        failed.add(l);
      }
    }
    listeners.removeAll(failed);
  }

  /**
   * The summary of a batch: its cells, ascending, and its newest slot.
   *
   * @param rows the rows, non-empty
   * @return the summary
   */
  static BatchApplied summary(List<RawRow> rows) {
    long newest = Long.MIN_VALUE;
    java.util.BitSet cells = new java.util.BitSet(CellId.MAX + 1);
    for (RawRow r : rows) {
      newest = Math.max(newest, r.timeMillis());
      cells.set(r.cell());
    }
    return new BatchApplied(cells.stream().mapToObj(CellId::of).toList(), newest, rows.size());
  }
}
