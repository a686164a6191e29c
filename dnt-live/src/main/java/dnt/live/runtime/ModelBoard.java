package dnt.live.runtime;

import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineTwinning;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The forecasting model of each cell on this node, for the cell twins' integrity check: once a cell
 * has a model, its twin judges every observation against the model's one-step prediction instead of
 * the day before (docs/live.md, "Synchronization integrity"). The federated aggregator writes it
 * after the V-twin, after every H-twin day, when cells join, and when it reads its models back on
 * start; the cell twins read it. Thread-safe, like {@link AlertSet}; the cluster issue replicates
 * it to the other nodes.
 */
public final class ModelBoard {
  private final Map<Integer, CellModel> models = new ConcurrentHashMap<>();

  /**
   * Puts every client's model of a twinning (its cluster twin now).
   *
   * @param t the twinning
   */
  void publish(OnlineTwinning t) {
    for (OnlineTwinning.ClientStatus c : t.clients()) {
      CellModel m = t.model(c.cell());
      if (m != null) {
        models.put(Integer.parseInt(c.cell()), m);
      }
    }
  }

  /**
   * A cell's model.
   *
   * @param cell the cell number
   * @return its model, or null while it has none
   */
  public @Nullable CellModel get(int cell) {
    return models.get(cell);
  }
}
