package dnt.live.runtime;

import dnt.learn.forecast.Architecture;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.SeriesScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The forecasting model of each cell, on this node, for the cell twins' integrity check: once a
 * cell has a model, its twin judges every observation against the model's one-step prediction
 * instead of the day before (docs/live.md, "Synchronization integrity"). The federated aggregator
 * writes it after the V-twin, after every H-twin day, when cells join, and when it reads its models
 * back on start: directly on its own node, and on every node through the node's {@link NodeView} as
 * {@link NodeView.Models} pages ({@link #pages}; docs/cluster.md, "The forecasting models on every
 * node"). The cell twins read it. A cell's model never goes back to an older version: a page that
 * arrives after a newer one is ignored for the cells the newer one holds. Thread-safe, like {@link
 * AlertSet}.
 */
public final class ModelBoard {
  /**
   * The most bytes a page of models should take in {@link MessageSerializer}'s format, well under
   * Artery's maximum frame (256 KiB by default) to leave room for Artery's envelope.
   */
  static final int PAGE_BYTES = 200_000;

  /**
   * The bytes of a page besides its cluster twin's parameters and its cells: the architecture's
   * name (4 bytes and its UTF-8 length) and options (31), the version (8), the twin's and the
   * cells' counts (8), rounded up.
   */
  static final int PAGE_OVERHEAD = 128;

  /** The bytes per cell in a page: its number (4) and its scaler's mean and deviation (16). */
  static final int CELL_BYTES = 20;

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
        put(Integer.parseInt(c.cell()), m);
      }
    }
  }

  /**
   * Puts the models of a page that came from the aggregator.
   *
   * @param page the page
   */
  void publish(NodeView.Models page) {
    int[] cells = page.cells();
    double[] means = page.means();
    double[] stds = page.stds();
    float[] twin = page.twin();
    for (int i = 0; i < cells.length; i++) {
      put(
          cells[i],
          new CellModel(
              Integer.toString(cells[i]),
              page.architecture(),
              twin,
              new SeriesScaler(means[i], stds[i]),
              page.version()));
    }
  }

  /** Puts a cell's model unless the board holds a newer version already. */
  private void put(int cell, CellModel m) {
    models.merge(cell, m, (old, now) -> now.version() >= old.version() ? now : old);
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

  /**
   * The version of every cell's model, for tests and status.
   *
   * @return cell to version, by ascending cell
   */
  public Map<Integer, Long> versions() {
    Map<Integer, Long> out = new TreeMap<>();
    models.forEach((cell, m) -> out.put(cell, m.version()));
    return out;
  }

  /**
   * A twinning's models as pages for the other nodes: one cluster twin per page with the cells it
   * forecasts (ascending), at most as many cells as keep the page within {@link #PAGE_BYTES} (at
   * least one, so a twin larger than that goes alone with one cell and must fit Artery's frame on
   * its own). A page takes {@link #PAGE_OVERHEAD} + 4 d + {@link #CELL_BYTES} n bytes at most for d
   * parameters and n cells.
   *
   * @param t the twinning
   * @return the pages, by cluster twin and cell
   */
  static List<NodeView.Models> pages(OnlineTwinning t) {
    List<float[]> twins = t.twinsCopy();
    Architecture a = t.settings().architecture();
    Map<Integer, TreeMap<Integer, SeriesScaler>> byTwin = new TreeMap<>();
    for (OnlineTwinning.ClientStatus c : t.clients()) {
      CellModel m = t.model(c.cell());
      if (m != null) {
        byTwin
            .computeIfAbsent(c.cluster(), k -> new TreeMap<>())
            .put(Integer.parseInt(c.cell()), m.scaler());
      }
    }
    List<NodeView.Models> out = new ArrayList<>();
    for (Map.Entry<Integer, TreeMap<Integer, SeriesScaler>> e : byTwin.entrySet()) {
      float[] twin = twins.get(e.getKey());
      int perPage = Math.max(1, (PAGE_BYTES - PAGE_OVERHEAD - 4 * twin.length) / CELL_BYTES);
      List<Map.Entry<Integer, SeriesScaler>> cells = new ArrayList<>(e.getValue().entrySet());
      for (int from = 0; from < cells.size(); from += perPage) {
        List<Map.Entry<Integer, SeriesScaler>> page =
            cells.subList(from, Math.min(cells.size(), from + perPage));
        int n = page.size();
        int[] ids = new int[n];
        double[] means = new double[n];
        double[] stds = new double[n];
        for (int i = 0; i < n; i++) {
          ids[i] = page.get(i).getKey();
          means[i] = page.get(i).getValue().mean();
          stds[i] = page.get(i).getValue().std();
        }
        out.add(new NodeView.Models(a, t.version(), twin, ids, means, stds));
      }
    }
    return out;
  }
}
