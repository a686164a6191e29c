package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Geometric median: the contract, and first-order optimality on an asymmetric triangle. */
final class GeometricMedianTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new GeometricMedian();
  }

  @Override
  boolean robust() {
    return true;
  }

  /**
   * The geometric median's breakdown bound (Minsker, Bernoulli 2015, Lemma 2.1; RFA, Pillutla et
   * al. 2022): with a fraction {@code a = f/n < 1/2} of arbitrary points it lies within {@code 2(1
   * - a)/(1 - 2a)} times the honest radius of the honest mean; the smoothed Weiszfeld iterations
   * stop near it, well inside the margin between that bound and the honest mean's norm.
   */
  @Override
  double robustnessBound(Honest honest) {
    double a = (double) honest.f() / honest.n();
    return 2 * (1 - a) / (1 - 2 * a) * honest.radius();
  }

  @Override
  double identityTolerance() {
    // exact: the start, the coordinate median of identical rows, is that row; every row then
    // coincides with it and the Vardi-Zhang step keeps it (keep = 1)
    return 0;
  }

  private static double sumOfDistances(double[] p, List<ClientUpdate> u) {
    double s = 0;
    for (ClientUpdate c : u) {
      s += Math.sqrt(Columns.squaredDistance(p, c.deltaAsDouble()));
    }
    return s;
  }

  @Test
  void theResultMinimisesTheSumOfDistances() {
    // Fermat point of (0,0), (4,0), (0,3): no closed form at hand, so check optimality directly
    List<ClientUpdate> u = updates(new double[] {0, 0}, new double[] {4, 0}, new double[] {0, 3});
    double[] m = new GeometricMedian(200, 1e-9).aggregate(u, context(u, new double[2]));
    double best = sumOfDistances(m, u);
    for (int k = 0; k < 16; k++) {
      double a = 2 * Math.PI * k / 16;
      double[] p = {m[0] + 1e-3 * Math.cos(a), m[1] + 1e-3 * Math.sin(a)};
      // near the minimum a 1e-3 step raises the sum by ~curvature x 1e-6 / 2 ~ 1e-7; the iterate
      // is within ~1e-9 of the optimum (the stopping rule), which can lower it by ~1e-12 at most,
      // and each sum of three distances below 5 carries ~1e-15 of rounding
      assertThat(sumOfDistances(p, u)).isGreaterThanOrEqualTo(best - 1e-12);
    }
    // and it is not the mean (4/3, 1), whose sum of distances is larger
    assertThat(best).isLessThan(sumOfDistances(new double[] {4.0 / 3, 1}, u));
  }

  @Test
  void inOneDimensionItIsTheMedian() {
    List<ClientUpdate> u = updates(new double[] {0}, new double[] {1}, new double[] {10});
    double[] m = new GeometricMedian(500, 1e-12).aggregate(u, context(u, new double[1]));
    // the start, the coordinate median 1, is the 1-D geometric median; the Weiszfeld map sends it
    // to (10 / 9) / (1 + 1 / 9) = 1 up to one rounding, so it stays there: ~1e-16
    assertThat(m[0]).isCloseTo(1.0, within(1e-15));
  }
}
