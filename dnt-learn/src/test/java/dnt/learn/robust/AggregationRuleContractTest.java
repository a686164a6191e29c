package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every aggregation rule passes (JGraphT-style abstract test case): the result has the
 * input's dimension and is finite; identical updates aggregate to that update; the order of the
 * updates does not matter (where the rule is permutation invariant); and, for robust rules, a
 * minority of arbitrarily large outliers leaves the result within the rule's guaranteed distance of
 * the honest updates' mean, a distance smaller than the mean's norm (so a rule that returns zeros
 * fails), and does not move it farther as the outliers grow.
 */
abstract class AggregationRuleContractTest {
  static final int D = 6;

  /**
   * A fresh rule, configured for up to {@link #outliers()} Byzantine clients among {@code benign()
   * + outliers()}.
   */
  abstract AggregationRule rule();

  /** Whether a minority of outliers has bounded influence. */
  abstract boolean robust();

  /** Whether the rule is permutation invariant. */
  boolean permutationInvariant() {
    return true;
  }

  /** Tolerance of the identity check, relative to the update's norm. */
  double identityTolerance() {
    return 1e-12;
  }

  int benign() {
    return 11;
  }

  int outliers() {
    return 2;
  }

  /** The server's reference update (FLTrust): the benign centre. */
  static AggregationContext context(List<ClientUpdate> updates, double[] reference) {
    return new AggregationContext(0, new double[updates.get(0).dimension()], 7, () -> reference);
  }

  static List<ClientUpdate> updates(double[]... rows) {
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(ClientUpdate.benign("c" + i, rows[i], 1));
    }
    return out;
  }

  static double[] benignCentre() {
    double[] c = new double[D];
    for (int j = 0; j < D; j++) {
      c[j] = 0.5 + 0.25 * j;
    }
    return c;
  }

  static List<ClientUpdate> benignCloud(int n, long seed) {
    Random rng = new Random(seed);
    double[] c = benignCentre();
    double[][] rows = new double[n][D];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) {
        rows[i][j] = c[j] + 0.1 * rng.nextGaussian();
      }
    }
    return updates(rows);
  }

  @Test
  void identicalUpdatesAggregateToThatUpdate() {
    double[] v = {0.3, -1.2, 2.5, 0.0, 4.0, -0.7};
    List<ClientUpdate> u = new ArrayList<>();
    for (int i = 0; i < benign() + outliers(); i++) {
      u.add(ClientUpdate.benign("c" + i, v.clone(), 1));
    }
    double[] out = rule().aggregate(u, context(u, v.clone()));
    double tol = identityTolerance() * Columns.norm(v);
    assertThat(out).hasSize(D);
    for (int j = 0; j < D; j++) {
      assertThat(Math.abs(out[j] - v[j])).as("coordinate %d", j).isLessThanOrEqualTo(tol);
    }
  }

  @Test
  void theResultHasTheInputDimensionAndIsFinite() {
    List<ClientUpdate> u = benignCloud(benign() + outliers(), 3);
    double[] out = rule().aggregate(u, context(u, benignCentre()));
    assertThat(out).hasSize(D);
    for (double x : out) {
      assertThat(Double.isFinite(x)).isTrue();
    }
  }

  @Test
  void theOrderOfTheUpdatesDoesNotMatter() {
    if (!permutationInvariant()) {
      return;
    }
    List<ClientUpdate> u = benignCloud(benign() + outliers(), 11);
    double[] a = rule().aggregate(u, context(u, benignCentre()));
    List<ClientUpdate> shuffled = new ArrayList<>(u);
    Collections.shuffle(shuffled, new Random(5));
    double[] b = rule().aggregate(shuffled, context(shuffled, benignCentre()));
    for (int j = 0; j < D; j++) {
      assertThat(b[j]).isCloseTo(a[j], org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  /**
   * The honest updates of the robustness check and the statistics a rule's bound is derived from.
   *
   * @param rows the honest updates
   * @param mean their mean, the target of a robust aggregate
   * @param radius the largest distance of an honest update from the mean
   * @param boxDiagonal the diagonal of the honest updates' per-coordinate range (their bounding
   *     box); the honest mean lies in the box, so every point of the box is within this of it
   * @param n all clients, honest and Byzantine
   * @param f the Byzantine clients
   */
  record Honest(
      List<double[]> rows, double[] mean, double radius, double boxDiagonal, int n, int f) {
    static Honest of(List<ClientUpdate> honest, int f) {
      List<double[]> rows = honest.stream().map(ClientUpdate::deltaAsDouble).toList();
      int d = rows.get(0).length;
      double[] mean = new double[d];
      double box = 0;
      for (int j = 0; j < d; j++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : rows) {
          mean[j] += r[j] / rows.size();
          lo = Math.min(lo, r[j]);
          hi = Math.max(hi, r[j]);
        }
        box += (hi - lo) * (hi - lo);
      }
      double radius = 0;
      for (double[] r : rows) {
        radius = Math.max(radius, Math.sqrt(Columns.squaredDistance(r, mean)));
      }
      return new Honest(rows, mean, radius, Math.sqrt(box), rows.size() + f, f);
    }

    /**
     * The median norm of all n updates when the f Byzantine updates have the largest norms.
     *
     * @return the median of the honest norms padded with f infinite ones
     */
    double medianNormWithLargestOutliers() {
      double[] norms = new double[n];
      java.util.Arrays.fill(norms, Double.POSITIVE_INFINITY);
      for (int i = 0; i < rows.size(); i++) {
        norms[i] = Columns.norm(rows.get(i));
      }
      java.util.Arrays.sort(norms);
      return n % 2 == 1 ? norms[n / 2] : (norms[n / 2 - 1] + norms[n / 2]) / 2;
    }

    /** The norm of the honest mean: the distance of an all-zero aggregate from it. */
    double meanNorm() {
      return Columns.norm(mean);
    }

    /**
     * The bound of a clipped mean {@code (1/n) sum_i clip_C(g_i)} (norm bounding, centered clipping
     * from zero, DP-FedAvg without noise): honest updates move by their clipping, at most {@code
     * sum_h max(0, ||h|| - C) / n}; the honest sum is divided by n instead of {@code n - f}, at
     * most {@code (f/n) ||mean||}; each Byzantine update adds at most {@code C / n}.
     *
     * @param clip the clipping norm C
     * @return the largest distance of the clipped mean from the honest mean
     */
    double clippedMeanBound(double clip) {
      double honestClipping = 0;
      for (double[] r : rows) {
        honestClipping += Math.max(0, Columns.norm(r) - clip);
      }
      return (honestClipping + f * (meanNorm() + clip)) / n;
    }
  }

  /**
   * The largest distance from the honest mean that the rule's robustness guarantee allows with
   * {@code f} Byzantine updates among {@code n}. The default, the honest bounding box's diagonal,
   * holds for every rule whose aggregate is, coordinate by coordinate, a weighted mean or an order
   * statistic of honest values only (median, trimmed mean dropping at least f per end, Krum,
   * Multi-Krum and Bulyan, which select honest updates, TID's masked mean, DnC's mean of the kept
   * updates). Rules with a weaker guarantee override it with theirs. It must stay below the honest
   * mean's norm, or the check could not tell the rule from one that returns zeros.
   *
   * @param honest the honest updates
   * @return the bound
   */
  double robustnessBound(Honest honest) {
    return honest.boxDiagonal();
  }

  /** Honest updates of the robustness check: a cloud around a known non-zero centre. */
  Honest honest() {
    return Honest.of(benignCloud(benign(), 21), outliers());
  }

  @Test
  void aMinorityOfHugeOutliersHasBoundedInfluenceOnlyForRobustRules() {
    if (robust()) {
      assertThat(robustnessViolations(this::rule)).isEmpty();
    } else {
      assertThat(distanceFromHonestMean(rule(), honest(), 1e9)).isGreaterThan(1e6);
    }
  }

  @Test
  void theRobustnessCheckFailsARuleThatReturnsZerosOrTheMean() {
    if (!robust()) {
      return;
    }
    AggregationRule zeros =
        new AggregationRule() {
          @Override
          public String name() {
            return "zeros";
          }

          @Override
          public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
            return new double[updates.get(0).dimension()];
          }
        };
    assertThat(robustnessViolations(() -> zeros)).anyMatch(v -> v.contains("from the honest mean"));
    assertThat(robustnessViolations(() -> new dnt.learn.fl.FedAvg(false))).isNotEmpty();
  }

  /**
   * What the robustness contract finds wrong with a rule: with {@link #outliers()} huge updates
   * among {@link #benign()} honest ones, the aggregate must lie within {@link
   * #robustnessBound(Honest)} of the honest mean (a bound below the mean's norm, so far from zero),
   * and growing the outliers from 1e3 to 1e9 must not move it farther.
   *
   * @param rule creates a fresh rule
   * @return one sentence per violation; empty when the rule passes
   */
  List<String> robustnessViolations(java.util.function.Supplier<AggregationRule> rule) {
    Honest honest = honest();
    double bound = robustnessBound(honest);
    List<String> out = new ArrayList<>();
    if (!(bound < honest.meanNorm())) {
      out.add("the bound " + bound + " does not exclude a zero aggregate");
    }
    double small = distanceFromHonestMean(rule.get(), honest, 1e3);
    double huge = distanceFromHonestMean(rule.get(), honest, 1e9);
    if (!(huge <= bound)) {
      out.add("the aggregate is " + huge + " from the honest mean, more than " + bound);
    }
    // 1% relative slack for the rules' own iterations and noise at the two outlier sizes
    if (!(huge <= small * 1.01 + 1e-9)) {
      out.add("the error grows with the outliers' size: " + small + " -> " + huge);
    }
    return out;
  }

  private double distanceFromHonestMean(AggregationRule rule, Honest honest, double size) {
    List<ClientUpdate> u = new ArrayList<>();
    for (int i = 0; i < honest.rows().size(); i++) {
      u.add(ClientUpdate.benign("c" + i, honest.rows().get(i).clone(), 1));
    }
    for (int k = 0; k < outliers(); k++) {
      double[] bad = new double[D];
      for (int j = 0; j < D; j++) {
        bad[j] = (j % 2 == 0 ? size : -size) * (1 + 0.001 * k);
      }
      u.add(new ClientUpdate("bad" + k, bad, 1, true));
    }
    double[] out = rule.aggregate(u, context(u, benignCentre()));
    return Math.sqrt(Columns.squaredDistance(out, honest.mean()));
  }
}
