package dnt.learn.robust;

import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Krum's and Multi-Krum's choice of updates from the float32 Gram matrix ({@link FloatGram}), with
 * a guard that returns nothing unless the choice is certainly the one the exact computation ({@link
 * PairwiseDistances#squaredDistances} then {@link KrumScores}) makes; the caller then falls back to
 * the exact computation, Krum to the exact scores of the {@link #candidates} alone.
 *
 * <p><b>Guard.</b> Every exact pipeline distance lies within {@code r_ik} of the float one: {@link
 * FloatGram.Result#distanceRadius} (the float distance's error against the true distance) plus the
 * exact pipeline's own bound against the true distance ({@link PairwiseDistances#errorFactor} times
 * {@code G_ii + G_kk} for a Gram-formulated distance, {@code gamma_d D_ik <= 2 gamma_d (G_ii +
 * G_kk)} for a directly recomputed one). A Krum score is the sum of the {@code t = n - f - 2}
 * smallest distances of a row, nondecreasing in each of them, so the exact score of update i lies
 * in {@code [lo_i, hi_i]}, lo the sum of the t smallest {@code max(0, D'_ik - r_ik)} and hi of the
 * t smallest {@code D'_ik + r_ik}, widened by {@code 3 gamma_t} relatively for the rounding of both
 * sums. Krum's choice is certain when the candidate with the smallest score has {@code hi} below
 * every other {@code lo}; Multi-Krum's set of the m best is certain when the largest {@code hi}
 * inside it is below the smallest {@code lo} outside. Ties are never certified (the exact order
 * breaks them by index), so the chosen updates are always those of the exact computation.
 *
 * <p>Why Krum's choice is rarely certified on Gaussian updates: at n = 100, d = 1,000,000 (the
 * speed benchmark's data, f = 10) a benign update's score is about 439,000, its interval {@code
 * [lo, hi]} is 28 wide (the worst-case float32 bound, {@code 2 eps (G_ii + G_kk)} with eps = 1.5e-5
 * per distance, over 88 distances), and the exact scores of the best two updates differ by 18.8:
 * the guard is sound, and a runner-up within 6e-5 relatively is common. A tighter bound would have
 * to be probabilistic (the rounding errors of sgemm's sums largely cancel); instead the two
 * candidates are scored exactly, which costs two rows of the exact distance matrix.
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
   * The guarded choice from a computed float Gram matrix (see the class comment).
   *
   * @param g the float Gram matrix and its bound
   * @param d the number of coordinates
   * @param f the Byzantine budget
   * @param m how many to select
   * @return the selected indices (ascending), or null when not certain
   */
  static int @Nullable [] certified(FloatGram.Result g, int d, int f, int m) {
    int n = g.n();
    double[][] bounds = scoreBounds(g, d, f);
    double[] lo = bounds[0];
    double[] hi = bounds[1];
    Integer[] byCentre = new Integer[n];
    for (int i = 0; i < n; i++) {
      byCentre[i] = i;
    }
    Arrays.sort(byCentre, (x, y) -> Double.compare(lo[x] + hi[x], lo[y] + hi[y]));
    double insideHigh = Double.NEGATIVE_INFINITY;
    boolean[] in = new boolean[n];
    for (int r = 0; r < m; r++) {
      insideHigh = Math.max(insideHigh, hi[byCentre[r]]);
      in[byCentre[r]] = true;
    }
    int[] out = new int[m];
    int o = 0;
    for (int i = 0; i < n; i++) {
      if (in[i]) {
        out[o++] = i;
      } else if (!(lo[i] > insideHigh)) {
        return null;
      }
    }
    return out;
  }

  /**
   * The updates that can still be Krum's choice by the guard's bounds: every i whose lower score
   * bound {@code lo_i} is not above the smallest upper bound {@code H = min_k hi_k}. Any other
   * update j has an exact score of at least {@code lo_j > H}, above the exact score of the update
   * that attains H, so it is neither the exact minimum nor tied with it; the exact choice (the
   * smallest exact score, the lowest index among equal ones) is therefore the candidates' smallest
   * exact score, the lowest index among equal ones. One candidate is {@link #certified}'s Krum
   * choice.
   *
   * @param g the float Gram matrix and its bound
   * @param d the number of coordinates
   * @param f the Byzantine budget
   * @return the candidates in ascending index order, at least one
   */
  static int[] candidates(FloatGram.Result g, int d, int f) {
    int n = g.n();
    double[][] bounds = scoreBounds(g, d, f);
    double[] lo = bounds[0];
    double best = Double.POSITIVE_INFINITY;
    for (double h : bounds[1]) {
      best = Math.min(best, h);
    }
    int count = 0;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      // a NaN bound (never expected from finite sums) keeps the update in play
      if (!(lo[i] > best)) {
        out[count++] = i;
      }
    }
    return Arrays.copyOf(out, count);
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
