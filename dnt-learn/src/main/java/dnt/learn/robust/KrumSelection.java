package dnt.learn.robust;

import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Krum's and Multi-Krum's choice of updates from the float32 Gram matrix ({@link FloatGram}), with
 * a guard that returns nothing unless the choice is certainly the one the exact computation ({@link
 * PairwiseDistances#squaredDistances} then {@link KrumScores}) makes, and otherwise names the few
 * updates it cannot place ({@link #split}), whose exact scores the caller then computes alone.
 *
 * <p><b>Guard.</b> Every exact pipeline distance lies within {@code r_ik} of the float one: {@link
 * FloatGram.Result#distanceRadius} (the float distance's error against the true distance) plus the
 * exact pipeline's own bound against the true distance ({@link PairwiseDistances#errorFactor} times
 * {@code G_ii + G_kk} for a Gram-formulated distance, {@code gamma_d D_ik <= 2 gamma_d (G_ii +
 * G_kk)} for a directly recomputed one). A Krum score is the sum of the {@code t = n - f - 2}
 * smallest distances of a row, nondecreasing in each of them, so the exact score of update i lies
 * in {@code [lo_i, hi_i]}, lo the sum of the t smallest {@code max(0, D'_ik - r_ik)} and hi of the
 * t smallest {@code D'_ik + r_ik}, widened by {@code 3 gamma_t} relatively for the rounding of both
 * sums. An update is certainly among the m best (Krum: m = 1) when fewer than m others have a
 * {@code lo} not above its {@code hi}, certainly not when m others have a {@code hi} below its
 * {@code lo} ({@link #split}). Ties are never certified (the exact order breaks them by index), so
 * the chosen updates are always those of the exact computation.
 *
 * <p>Why Krum's choice is rarely certified on Gaussian updates through PyTorch: at n = 100, d =
 * 1,000,000 (the speed benchmark's data, f = 10) a benign update's score is about 439,000, its
 * interval {@code [lo, hi]} is 28 wide (the worst-case float32 bound for sgemm's unknown order,
 * {@code 2 eps (G_ii + G_kk)} with eps = 1.5e-5 per distance, over 88 distances), and the exact
 * scores of the best two updates differ by 18.8: the guard is sound, and a runner-up within 6e-5
 * relatively is common. A tighter bound for sgemm would have to be probabilistic (the rounding
 * errors of its sums largely cancel); instead the two undecided updates are scored exactly, which
 * costs their rows of the exact distance matrix. {@link BlockGram}'s kernel fixes its order (64
 * fused multiply-adds per float lane), so its eps is 3.9e-6 and the interval about 7 wide: on that
 * data its choice is certified and nothing exact is computed.
 */
final class KrumSelection {
  /**
   * Below this many values ({@code n d}) Krum computes exactly without trying the float product: a
   * native call's fixed cost (engine, copies) is not worth paying there. Chosen, not measured.
   */
  static final long MIN_VALUES = 1L << 22;

  private static final double U = 0x1p-53;

  private KrumSelection() {}

  /**
   * The m best-scored updates by the float32 Gram matrix, if the guard certifies them.
   *
   * @param rows the n updates
   * @param f the Byzantine budget
   * @param m how many to select (1 for Krum)
   * @return the selected indices in ascending index order; null when the guard cannot certify the
   *     choice or float32 overflows
   */
  static int @Nullable [] certified(UpdateVector[] rows, int f, int m) {
    FloatGram.Result g = FloatGram.compute(rows);
    return g == null ? null : certified(g, rows[0].dimension(), f, m);
  }

  /**
   * The guarded choice from a computed float Gram matrix: the {@link #split}'s updates when it
   * leaves none undecided.
   *
   * @param g the float Gram matrix and its bound
   * @param d the number of coordinates
   * @param f the Byzantine budget
   * @param m how many to select
   * @return the selected indices (ascending), or null when not certain
   */
  static int @Nullable [] certified(FloatGram.Result g, int d, int f, int m) {
    Split split = split(g, d, f, m);
    return split != null && split.undecided().length == 0 ? split.in() : null;
  }

  /**
   * The m best-scored updates as far as the bounds decide them.
   *
   * @param in the updates certainly among the m best (ascending)
   * @param undecided the updates the bounds cannot place (ascending); the m best are {@code in} and
   *     the {@code m - in.length} best of these by exact score (the lowest index among equal ones)
   */
  record Split(int[] in, int[] undecided) {}

  /**
   * Splits the updates by the bounds {@code [lo_i, hi_i]} on their exact scores (see the class
   * comment), for the set of the m best, ranked by exact score and then by index. Update j can rank
   * before i only if {@code lo_j <= hi_i}: so i is certainly in when fewer than m others have
   * {@code lo_j <= hi_i}, and certainly out when at least m others have {@code hi_j < lo_i} (they
   * all rank strictly before it). The m best are then the certain ones and the best of the
   * undecided: the m best form a prefix of the exact order, and a prefix restricted to the
   * undecided is a prefix of their own order. For Krum (m = 1) the updates in play are those with
   * {@code lo_i} not above the smallest {@code hi}.
   *
   * @param g the float Gram matrix and its bound
   * @param d the number of coordinates
   * @param f the Byzantine budget
   * @param m how many to select, in {@code [1, n]}
   * @return the split, or null when a bound is not finite
   */
  static @Nullable Split split(FloatGram.Result g, int d, int f, int m) {
    int n = g.n();
    double[][] bounds = scoreBounds(g, d, f);
    double[] lo = bounds[0];
    double[] hi = bounds[1];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
        return null;
      }
    }
    int[] in = new int[n];
    int[] undecided = new int[n];
    int ins = 0;
    int open = 0;
    for (int i = 0; i < n; i++) {
      int mayPrecede = 0;
      int surelyPrecede = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          mayPrecede += lo[j] <= hi[i] ? 1 : 0;
          surelyPrecede += hi[j] < lo[i] ? 1 : 0;
        }
      }
      if (mayPrecede < m) {
        in[ins++] = i;
      } else if (surelyPrecede < m) {
        undecided[open++] = i;
      }
    }
    return new Split(Arrays.copyOf(in, ins), Arrays.copyOf(undecided, open));
  }

  /**
   * The bounds {@code [lo_i, hi_i]} on every update's exact pipeline Krum score (see the class
   * comment).
   *
   * @return {@code {lo, hi}}
   */
  private static double[][] scoreBounds(FloatGram.Result g, int d, int f) {
    int n = g.n();
    int take = Math.min(Math.max(1, n - f - 2), n - 1);
    double pipeline = PairwiseDistances.errorFactor(d) + 2 * gamma(d + 8.0);
    double widen = 3 * gamma(take) + 0x1p-40;
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] low = new double[n - 1];
    double[] high = new double[n - 1];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int k = 0; k < n; k++) {
        if (k == i) {
          continue;
        }
        double norms = (g.get(i, i) + g.get(k, k) + 2 * g.absolute()) / (1 - g.epsilon());
        double r = g.distanceRadius(i, k) + pipeline * norms * (1 + 0x1p-40);
        double dist = g.distance(i, k);
        low[c] = Math.max(0, dist - r);
        high[c] = dist + r;
        c++;
      }
      Arrays.sort(low);
      Arrays.sort(high);
      double sl = 0;
      double sh = 0;
      for (int t = 0; t < take; t++) {
        sl += low[t];
        sh += high[t];
      }
      lo[i] = sl * (1 - widen);
      hi[i] = sh * (1 + widen);
    }
    return new double[][] {lo, hi};
  }

  /** {@code gamma_q = q u / (1 - q u)} in double. */
  private static double gamma(double q) {
    return q * U / (1 - q * U);
  }
}
