package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import java.util.List;

/**
 * Bulyan (El Mhamdi, Guerraoui and Rouault, "The Hidden Vulnerability of Distributed Learning in
 * Byzantium", ICML 2018): Krum is applied repeatedly to select {@code theta = n - 2f} updates
 * (removing each pick from the candidates); then, per coordinate, the {@code beta = theta - 2f}
 * selected values closest to their median are averaged. Needs {@code n >= 4f + 3}. The distance
 * matrix is computed once, through the Gram matrix (error bound in {@link PairwiseDistances}), and
 * reused by every Krum round; the per-coordinate step works on the updates' exact double values
 * ({@link dnt.learn.fl.UpdateVector}) and sums in double; it sorts each coordinate's selected
 * values, 128 coordinates at a time by a {@link SelectionNetwork} when the selected updates are
 * float weights over one shared base, else by {@code Arrays.sort} (the same sorted values, so the
 * same result).
 */
public final class Bulyan implements AggregationRule, MinimumClients {
  private final int f;

  /**
   * Creates the rule.
   *
   * @param f the number of Byzantine clients tolerated
   */
  public Bulyan(int f) {
    if (f < 0) {
      throw new IllegalArgumentException("f must be >= 0, got " + f);
    }
    this.f = f;
  }

  @Override
  public String name() {
    return "bulyan";
  }

  @Override
  public int minClients() {
    return 4 * f + 3;
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    MinimumClients.check(name(), n, "n >= 4f + 3 with f = " + f, minClients());
    int theta = n - 2 * f;
    int beta = theta - 2 * f;
    double[][] dist = PairwiseDistances.squaredDistances(rows);
    int[] candidates = KrumScores.all(n);
    UpdateVector[] selected = new UpdateVector[theta];
    for (int s = 0; s < theta; s++) {
      double[] scores = KrumScores.scores(dist, candidates, f);
      int best = KrumScores.order(scores)[0];
      selected[s] = rows[candidates[best]];
      int[] rest = new int[candidates.length - 1];
      for (int a = 0, k = 0; a < candidates.length; a++) {
        if (a != best) {
          rest[k++] = candidates[a];
        }
      }
      candidates = rest;
    }
    double inv = 1.0 / beta;
    if (WeightBlock.applies(selected)) {
      SelectionNetwork network = SelectionNetwork.sorting(theta);
      return WeightBlock.map(
          selected,
          () -> new double[theta],
          (column, block, out) ->
              block.eachSortedColumn(network, column, out, c -> windowSum(c, 0, theta, beta) * inv),
          (column, v, from, cnt, selector, j) -> {
            Arrays.sort(v, from, from + cnt);
            return windowSum(v, from, cnt, beta) * inv;
          },
          column -> {});
    }
    return Columns.map(
        selected,
        (v, from, cnt, selector, j) -> {
          Arrays.sort(v, from, from + cnt);
          return windowSum(v, from, cnt, beta) * inv;
        });
  }

  /**
   * The sum, in sorted order, of the beta sorted values closest to their median (they form a
   * contiguous window of the sorted values).
   */
  private static double windowSum(double[] v, int from, int cnt, int beta) {
    int half = cnt >>> 1;
    double med = (cnt & 1) == 1 ? v[from + half] : v[from + half - 1] / 2 + v[from + half] / 2;
    int lo = (cnt - 1) / 2;
    int hi = lo;
    while (hi - lo + 1 < beta) {
      if (lo == 0) {
        hi++;
      } else if (hi == cnt - 1) {
        lo--;
      } else if (med - v[from + lo - 1] <= v[from + hi + 1] - med) {
        lo--;
      } else {
        hi++;
      }
    }
    double s = 0;
    for (int i = lo; i <= hi; i++) {
      s += v[from + i];
    }
    return s;
  }
}
