package dnt.learn.robust;

import dnt.core.util.Seeds;
import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Divide-and-Conquer, DnC (Shejwalkar and Houmansadr, "Manipulating the Byzantine: Optimizing Model
 * Poisoning Attacks and Defenses for Federated Learning", NDSS 2021). Repeated {@code niters}
 * times: sample {@code b} coordinates, centre the sub-vectors, find the top right singular vector v
 * of the centred matrix (power iteration), score {@code s_i = <g_i - mu, v>^2} and keep the {@code
 * n - c*f} lowest scores. The result is the mean of the updates kept in every iteration. Defaults:
 * {@code niters = 5}, {@code b = min(d, 10000)}, {@code c = 1}. Randomised by the round's seed.
 */
public final class DivideAndConquer implements AggregationRule, MinimumClients {
  private final int f;
  private final int iterations;
  private final int subsample;
  private final double filteringFraction;

  /**
   * Creates the rule.
   *
   * @param f the number of Byzantine clients tolerated
   * @param iterations the number of random sub-samplings
   * @param subsample the number of coordinates per sub-sample
   * @param filteringFraction c: each iteration removes {@code c * f} updates
   */
  public DivideAndConquer(int f, int iterations, int subsample, double filteringFraction) {
    if (f < 0 || iterations < 1 || subsample < 1 || !(filteringFraction >= 0)) {
      throw new IllegalArgumentException("dnc needs f >= 0, niters >= 1, b >= 1 and c >= 0");
    }
    this.f = f;
    this.iterations = iterations;
    this.subsample = subsample;
    this.filteringFraction = filteringFraction;
  }

  /**
   * The defaults for a Byzantine budget f.
   *
   * @param f the number of Byzantine clients tolerated
   */
  public DivideAndConquer(int f) {
    this(f, 5, 10_000, 1.0);
  }

  @Override
  public String name() {
    return "dnc";
  }

  @Override
  public int minClients() {
    return (int) Math.ceil(filteringFraction * f) + 1;
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    int d = rows[0].dimension();
    MinimumClients.check(name(), n, "n > c*f with f = " + f, minClients());
    int keep = n - (int) Math.ceil(filteringFraction * f);
    boolean[] good = new boolean[n];
    java.util.Arrays.fill(good, true);
    RandomGenerator rng = Seeds.generator(Seeds.derive(context.seed(), 0x0D1C));
    int b = Math.min(d, subsample);
    for (int it = 0; it < iterations; it++) {
      int[] coords = sample(d, b, rng);
      double[][] sub = new double[n][b];
      double[] mu = new double[b];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < b; k++) {
          sub[i][k] = rows[i].get(coords[k]);
          mu[k] += sub[i][k] / n;
        }
      }
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < b; k++) {
          sub[i][k] -= mu[k];
        }
      }
      double[] v = topRightSingularVector(sub, rng);
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        double p = Columns.dot(sub[i], v);
        scores[i] = p * p;
      }
      int[] order = KrumScores.order(scores);
      boolean[] kept = new boolean[n];
      for (int r = 0; r < keep; r++) {
        kept[order[r]] = true;
      }
      for (int i = 0; i < n; i++) {
        good[i] &= kept[i];
      }
    }
    double[] w = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (good[i]) {
        w[i] = 1;
        count++;
      }
    }
    if (count == 0) {
      // the kept sets did not intersect; fall back to the mean of everything (documented)
      java.util.Arrays.fill(w, 1);
    }
    return Columns.weightedAverage(rows, w);
  }

  private static int[] sample(int d, int b, RandomGenerator rng) {
    if (b == d) {
      return KrumScores.all(d);
    }
    // Floyd's algorithm: b distinct coordinates, sorted for cache-friendly gathering
    java.util.BitSet chosen = new java.util.BitSet(d);
    for (int j = d - b; j < d; j++) {
      int t = rng.nextInt(j + 1);
      chosen.set(chosen.get(t) ? j : t);
    }
    return chosen.stream().toArray();
  }

  /** Power iteration on A^T A for the top right singular vector (zero if A is zero). */
  private static double[] topRightSingularVector(double[][] a, RandomGenerator rng) {
    int b = a[0].length;
    double[] v = new double[b];
    for (int k = 0; k < b; k++) {
      v[k] = rng.nextGaussian();
    }
    normalise(v);
    double[] av = new double[a.length];
    for (int it = 0; it < 100; it++) {
      for (int i = 0; i < a.length; i++) {
        av[i] = Columns.dot(a[i], v);
      }
      double[] next = new double[b];
      for (int i = 0; i < a.length; i++) {
        double s = av[i];
        for (int k = 0; k < b; k++) {
          next[k] += s * a[i][k];
        }
      }
      if (normalise(next) == 0) {
        return next;
      }
      double change = Math.sqrt(Columns.squaredDistance(next, v));
      v = next;
      if (change < 1e-9) {
        break;
      }
    }
    return v;
  }

  private static double normalise(double[] v) {
    double norm = Columns.norm(v);
    if (norm > 0) {
      for (int k = 0; k < v.length; k++) {
        v[k] /= norm;
      }
    }
    return norm;
  }
}
