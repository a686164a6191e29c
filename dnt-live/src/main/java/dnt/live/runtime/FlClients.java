package dnt.live.runtime;

import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.jspecify.annotations.Nullable;

/**
 * How the cell twins of one node create their FL clients: empty until the node's forecasting starts
 * ({@link ForecastRuntime}), then the behavior of a cell's {@link FlClientEntity}, which the cell
 * twin spawns as its child the first time a client message reaches it. Thread-safe (the cell twins
 * read it on their actor threads, forecasting sets it once).
 */
final class FlClients {
  private volatile @Nullable IntFunction<Behavior<FlClientEntity.Command>> factory;

  /**
   * Sets how clients are created.
   *
   * @param f a cell number to its client's behavior
   * @throws IllegalStateException if already set
   */
  synchronized void start(IntFunction<Behavior<FlClientEntity.Command>> f) {
    if (factory != null) {
      throw new IllegalStateException("the FL clients of this node are already started");
    }
    factory = f;
  }

  /**
   * A cell's client behavior.
   *
   * @param cell the cell number
   * @return the behavior, or null while this node's forecasting has not started
   */
  @Nullable Behavior<FlClientEntity.Command> create(int cell) {
    IntFunction<Behavior<FlClientEntity.Command>> f = factory;
    return f == null ? null : f.apply(cell);
  }
}
