package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Krum and Multi-Krum (Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant
 * Gradient Descent", NeurIPS 2017). Each update is scored by the sum of squared distances to its
 * {@code n - f - 2} nearest neighbours; Krum returns the best-scored update, Multi-Krum averages
 * the {@code m} best ({@code m = n - f} by default). Needs {@code n >= 2f + 3}.
 *
 * <p>The exact choice: the O(n^2 d) distance matrix is computed once, through the Gram matrix of
 * the updates accumulated in double, with nearly equal pairs recomputed directly ({@link
 * PairwiseDistances} states the error bound: every distance within about 1e-6 relative of the exact
 * one). With at least {@link KrumSelection#MIN_VALUES} values the updates are first scored from a
 * float32 Gram matrix ({@link FloatGram}: a Java kernel of fused multiply-adds, {@link BlockGram},
 * where the Vector API runs 16 float lanes, PyTorch's BLAS otherwise) with a bound on every score
 * ({@link KrumSelection}): the bounds place most updates in or out of the chosen set, and the exact
 * scores of the few they leave undecided (near ties; for Krum on Gaussian updates under PyTorch's
 * looser bound, often the runner-up) settle the rest ({@link #exactAmong}); otherwise (more than
 * {@link #MAX_UNDECIDED_FRACTION} of the updates undecided, a float32 overflow, no PyTorch engine)
 * the exact choice is computed from the whole distance matrix. The chosen updates, and so the
 * aggregate, are therefore always those of the exact computation. Krum returns the selected update
 * exactly; Multi-Krum's mean is accumulated in double in row order. Multi-Krum with f = 0 averages
 * every update without scoring them.
 */
public final class Krum implements AggregationRule, MinimumClients {
  /**
   * The undecided updates' rows of the exact distances are computed alone ({@link #exactAmong})
   * when they are at most this fraction of the updates; more, and the whole exact matrix costs
   * about the same.
   */
  static final double MAX_UNDECIDED_FRACTION = 0.25;

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
    int[] chosen = chosen(rows, fast(rows));
    if (!multi) {
      return rows[chosen[0]].toDouble();
    }
    double[] w = new double[n];
    for (int i : chosen) {
      w[i] = 1;
    }
    return Columns.weightedAverage(rows, w);
  }

  /**
   * Whether the float32 Gram selection ({@link KrumSelection}) is tried first: with at least {@link
   * KrumSelection#MIN_VALUES} values, where a native product pays off. When the bounds cannot place
   * every update (Krum at n = 100, d = 1,000,000 in docs/PERFORMANCE.md: the runner-up's exact
   * score is within the bound of the winner's), only the undecided updates' rows of the exact
   * distances are computed ({@link #exactAmong}), not the whole matrix.
   */
  private static boolean fast(UpdateVector[] rows) {
    return (long) rows.length * rows[0].dimension() >= KrumSelection.MIN_VALUES;
  }

  /**
   * The updates Krum (one) or Multi-Krum ({@code n - f}) selects, in ascending index order for
   * Multi-Krum: the float32 Gram selection when asked and its guard certifies it, otherwise the
   * exact scores'; both give the same choice (see {@link KrumSelection}). Multi-Krum with f = 0
   * selects every update and computes no score.
   *
   * @param rows the updates
   * @param tryFloat whether to try the float32 selection first
   * @return the selected indices
   */
  int[] chosen(UpdateVector[] rows, boolean tryFloat) {
    int n = rows.length;
    int m = multi ? n - f : 1;
    if (m == n) {
      return KrumScores.all(n);
    }
    if (tryFloat) {
      KrumSelection.Split split = floatSplit(rows, m);
      if (split != null && split.in().length == m) {
        return split.in();
      }
      if (split != null && split.undecided().length <= MAX_UNDECIDED_FRACTION * n) {
        return exactAmong(rows, split, m);
      }
    }
    int[] order = KrumScores.order(selectionScores(rows));
    int[] out = Arrays.copyOf(order, m);
    Arrays.sort(out);
    return out;
  }

  private KrumSelection.@Nullable Split floatSplit(UpdateVector[] rows, int m) {
    try {
      FloatGram.Result g = FloatGram.compute(rows);
      return g == null ? null : KrumSelection.split(g, rows[0].dimension(), f, m);
    } catch (RuntimeException | LinkageError e) {
      // no PyTorch engine here (native library missing): the exact computation needs none
      return null;
    }
  }

  /**
   * The exact choice when the bounds leave some updates undecided ({@link KrumSelection#split}):
   * the undecided updates' exact scores, from their rows of the exact distance matrix alone ({@link
   * PairwiseDistances#squaredDistanceRows}, bit for bit those of {@link #selectionScores}; each
   * score is {@link KrumScores#score}, the same double as in {@link KrumScores#scores}), ranked as
   * {@link KrumScores#order} ranks all scores (ascending, the lowest index first among equal ones);
   * the best {@code m - in} of them join the updates certainly in.
   *
   * @param rows the updates
   * @param split the certain and the undecided updates
   * @param m how many to select
   * @return the selected indices, ascending
   */
  int[] exactAmong(UpdateVector[] rows, KrumSelection.Split split, int m) {
    int[] open = split.undecided();
    double[][] dist = PairwiseDistances.squaredDistanceRows(rows, open);
    int[] all = KrumScores.all(rows.length);
    double[] buf = new double[rows.length - 1];
    double[] scores = new double[open.length];
    for (int r = 0; r < open.length; r++) {
      scores[r] = KrumScores.score(dist, all, f, open[r], buf);
    }
    int[] order = KrumScores.order(scores);
    int[] in = split.in();
    int[] out = Arrays.copyOf(in, m);
    for (int r = 0; r < m - in.length; r++) {
      out[in.length + r] = open[order[r]];
    }
    Arrays.sort(out);
    return out;
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
    return chosen(rows, fast(rows))[0];
  }
}
