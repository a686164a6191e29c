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
 * minority of arbitrarily large outliers moves the result only by a bounded amount.
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
    return new AggregationContext(0, new double[updates.get(0).delta().length], 7, () -> reference);
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

  @Test
  void aMinorityOfHugeOutliersHasBoundedInfluenceOnlyForRobustRules() {
    double small = distanceFromCentreWithOutliersOfSize(1e3);
    double huge = distanceFromCentreWithOutliersOfSize(1e9);
    if (robust()) {
      // bounded: the error does not grow with the outliers' size and stays near the benign spread
      assertThat(huge).isLessThan(5.0);
      assertThat(huge).isLessThanOrEqualTo(small * 1.01 + 1e-9);
    } else {
      assertThat(huge).isGreaterThan(1e6);
    }
  }

  private double distanceFromCentreWithOutliersOfSize(double size) {
    List<ClientUpdate> u = new ArrayList<>(benignCloud(benign(), 21));
    for (int k = 0; k < outliers(); k++) {
      double[] bad = new double[D];
      for (int j = 0; j < D; j++) {
        bad[j] = (j % 2 == 0 ? size : -size) * (1 + 0.001 * k);
      }
      u.add(new ClientUpdate("bad" + k, bad, 1, true));
    }
    double[] out = rule().aggregate(u, context(u, benignCentre()));
    return Math.sqrt(Columns.squaredDistance(out, benignCentre()));
  }
}
