package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.StalenessFunction;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.SeriesScaler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The board of forecasting models (docs/cluster.md, "The forecasting models on every node"): the
 * pages the aggregator sends other nodes rebuild every cell's model exactly, keep within their byte
 * budget at 10,000 cells, and a cell's model never goes back to an older version.
 */
final class ModelBoardTest {
  /** The live twin's default network: an MLP reading 6 slots and the slot a day before. */
  static Architecture mlp() {
    return Architectures.REGISTRY
        .factory("mlp")
        .apply(
            new Architectures.Options(new WindowSpec(6, 1, 144, true, false, false), 32, 1, 0.0));
  }

  /** Settings as the live twin's defaults make them (only the architecture matters here). */
  static OnlineSettings settings() {
    TrainingRecipe recipe =
        new TrainingRecipe(2, 32, TrainingRecipe.Optimizer.ADAM, 0.005, 0.9, true);
    return new OnlineSettings(
        mlp(),
        2,
        3,
        1.0,
        0.5,
        recipe,
        recipe,
        0.1,
        new StalenessFunction.Polynomial(0.5),
        2,
        7,
        64,
        10_000);
  }

  /** A twinning of n cells (numbered 1 + 3 i) in three cluster twins, each cell its own scaler. */
  static OnlineTwinning twinning(int n) {
    int d = mlp().parameterCount();
    List<float[]> twins = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      float[] w = new float[d];
      for (int i = 0; i < d; i++) {
        w[i] = k + i / 1000f;
      }
      twins.add(w);
    }
    List<OnlineTwinning.Admission> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(
          new OnlineTwinning.Admission(
              Integer.toString(1 + 3 * i),
              i,
              -i,
              (i * 7) % 3,
              new SeriesScaler(100 + i / 3.0, 1 + i / 7.0)));
    }
    return OnlineTwinning.fromRounds(settings(), clients, twins, new float[d], List.of(1.0), 1, 0);
  }

  @Test
  void thePagesOfTenThousandCellsRebuildEveryCellsModelAndKeepWithinTheirBudget() {
    OnlineTwinning t = twinning(10_000);
    List<NodeView.Models> pages = ModelBoard.pages(t);
    ModelBoard direct = new ModelBoard();
    direct.publish(t);
    ModelBoard paged = new ModelBoard();
    Set<Integer> seen = new HashSet<>();
    int d = mlp().parameterCount();
    for (NodeView.Models p : pages) {
      paged.publish(p);
      for (int c : p.cells()) {
        assertThat(seen.add(c)).as("cell %s in two pages", c).isTrue();
      }
      // the format's size (MessageSerializer: 20 n + 4 d + 54 for mlp) within the budget
      assertThat(20L * p.cells().length + 4L * d + 54).isLessThanOrEqualTo(ModelBoard.PAGE_BYTES);
    }
    assertThat(seen).hasSize(10_000);
    // three twins of 289 parameters; 9,935 cells fit a page with one twin, so each of the three
    // twins' 3,333 or 3,334 cells takes one page
    assertThat(d).isEqualTo(289);
    assertThat(pages).hasSize(3);
    assertThat(paged.versions()).isEqualTo(direct.versions()).hasSize(10_000);
    for (OnlineTwinning.ClientStatus c : t.clients()) {
      int cell = Integer.parseInt(c.cell());
      CellModel x = Objects.requireNonNull(direct.get(cell));
      CellModel y = Objects.requireNonNull(paged.get(cell));
      assertThat(y).usingRecursiveComparison().isEqualTo(x);
    }
  }

  @Test
  void aCellsModelNeverGoesBackToAnOlderVersion() {
    OnlineTwinning t = twinning(4);
    NodeView.Models v1 = ModelBoard.pages(t).get(0);
    int cell = v1.cells()[0];
    float[] other = new float[v1.twin().length];
    NodeView.Models v3 =
        new NodeView.Models(v1.architecture(), 3, other, v1.cells(), v1.means(), v1.stds());
    ModelBoard board = new ModelBoard();
    board.publish(v3);
    board.publish(v1); // arrives late: ignored
    assertThat(Objects.requireNonNull(board.get(cell)).version()).isEqualTo(3);
    assertThat(Objects.requireNonNull(board.get(cell)).parameters()).containsOnly(0f);
    board.publish(t); // the aggregator's own node, version 1: ignored as well
    assertThat(Objects.requireNonNull(board.get(cell)).version()).isEqualTo(3);
    NodeView.Models v4 =
        new NodeView.Models(v1.architecture(), 4, v1.twin(), v1.cells(), v1.means(), v1.stds());
    board.publish(v4);
    assertThat(Objects.requireNonNull(board.get(cell)).version()).isEqualTo(4);
    assertThat(Objects.requireNonNull(board.get(cell)).parameters()).containsExactly(v1.twin());
  }
}
