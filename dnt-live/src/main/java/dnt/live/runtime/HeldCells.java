package dnt.live.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The oldest and newest slot each cell twin of this node holds, kept current by the cell twins
 * (after every event and once recovered, like {@link AlertSet}), so the federated aggregator sees
 * how many days of telemetry the twin holds without asking every cell twin. A cell twin that has
 * not run since the node started is not in it yet. Thread-safe.
 */
public final class HeldCells {
  /**
   * The slots one cell holds.
   *
   * @param oldest the oldest slot number
   * @param newest the newest slot number
   */
  public record Span(long oldest, long newest) {}

  private final Map<Integer, Span> spans = new ConcurrentHashMap<>();

  /**
   * Records a cell's span.
   *
   * @param cell the cell number
   * @param oldest its oldest slot
   * @param newest its newest slot
   */
  void set(int cell, long oldest, long newest) {
    spans.put(cell, new Span(oldest, newest));
  }

  /**
   * One cell's span.
   *
   * @param cell the cell number
   * @return its span, or null when its twin holds nothing (or has not run yet)
   */
  public @Nullable Span span(int cell) {
    return spans.get(cell);
  }

  /**
   * Every cell's span now.
   *
   * @return cell number to span (a copy)
   */
  public Map<Integer, Span> all() {
    return Map.copyOf(spans);
  }
}
