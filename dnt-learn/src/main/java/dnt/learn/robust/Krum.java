package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/**
 * Krum and Multi-Krum (Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant
 * Gradient Descent", NeurIPS 2017). Each update is scored by the sum of squared distances to its
 * {@code n - f - 2} nearest neighbours; Krum returns the best-scored update, Multi-Krum averages
 * the {@code m} best ({@code m = n - f} by default). Needs {@code n >= 2f + 3}. The O(n^2 d)
 * distance matrix is computed once, through the Gram matrix of the updates accumulated in double,
 * with nearly equal pairs recomputed directly ({@link PairwiseDistances} states the error bound:
 * every distance within about 1e-6 relative of the exact one). Krum returns the selected update
 * exactly; Multi-Krum's mean is accumulated in double in row order.
 */
public final class Krum implements AggregationRule, MinimumClients {
  private final int f;
  private final boolean multi;

  private Krum(int f, boolean multi) {
    if (f < 0) {
      throw new IllegalArgumentException("f must be >= 0, got " + f);
    }
    this.f = f;
    this.multi = multi;
  }

  /**
   * Krum: the single best-scored update.
   *
   * @param f the number of Byzantine clients tolerated
   * @return the rule
   */
  public static Krum krum(int f) {
    return new Krum(f, false);
  }

  /**
   * Multi-Krum: the mean of the {@code n - f} best-scored updates.
   *
   * @param f the number of Byzantine clients tolerated
   * @return the rule
   */
  public static Krum multiKrum(int f) {
    return new Krum(f, true);
  }

  /**
   * The Byzantine budget.
   *
   * @return f
   */
  public int f() {
    return f;
  }

  @Override
  public String name() {
    return multi ? "multi-krum" : "krum";
  }

  @Override
  public int minClients() {
    return 2 * f + 3;
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    MinimumClients.check(name(), n, "n >= 2f + 3 with f = " + f, minClients());
    int[] order = KrumScores.order(selectionScores(rows));
    if (!multi) {
      return rows[order[0]].toDouble();
    }
    double[] w = new double[n];
    for (int r = 0; r < n - f; r++) {
      w[order[r]] = 1;
    }
    return Columns.weightedAverage(rows, w);
  }

  /**
   * The Krum score of every update (lower is more central).
   *
   * @param rows the updates
   * @return their scores
   */
  double[] selectionScores(UpdateVector[] rows) {
    double[][] dist = PairwiseDistances.squaredDistances(rows);
    return KrumScores.scores(dist, KrumScores.all(rows.length), f);
  }

  /**
   * The index Krum selects among the updates (used by attacks that target Krum).
   *
   * @param updates the updates
   * @return the index of the selected update
   */
  public int selectedIndex(List<ClientUpdate> updates) {
    UpdateVector[] rows = Columns.rows(updates);
    return KrumScores.order(selectionScores(rows))[0];
  }
}
