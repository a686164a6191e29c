package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Norm bounding: the contract and a hand-computed example. */
final class NormBoundingTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new NormBounding();
  }

  @Override
  boolean robust() {
    return true;
  }

  /** The clipped mean with C = the median norm of all n updates (the outliers' are the largest). */
  @Override
  double robustnessBound(Honest honest) {
    return honest.clippedMeanBound(honest.medianNormWithLargestOutliers());
  }

  @Test
  void scalesUpdatesAboveTheMedianNormDownToItThenAverages() {
    // norms 5, 1, 2 -> M = 2; (3,4) -> (1.2, 1.6); mean over 3
    List<ClientUpdate> u = updates(new double[] {3, 4}, new double[] {0, 1}, new double[] {0, 2});
    double[] r = new NormBounding().aggregate(u, context(u, new double[2]));
    // hand-worked values of order 1 reached in a few floating-point operations (each within
    // 2^-53 relative): the error is ~1e-15, and 1e-12 leaves three orders of magnitude
    assertThat(r[0]).isCloseTo(0.4, within(1e-12));
    assertThat(r[1]).isCloseTo(4.6 / 3, within(1e-12));
  }

  @Test
  void aFixedBoundIsUsedAsGiven() {
    List<ClientUpdate> u = updates(new double[] {3, 4}, new double[] {0, 1});
    double[] r = new NormBounding(1).aggregate(u, context(u, new double[2]));
    // as above: a few roundings of order-1 values, ~1e-15
    assertThat(r[0]).isCloseTo(0.3, within(1e-12));
    assertThat(r[1]).isCloseTo(0.9, within(1e-12));
  }
}
