package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FLAME: the contract (its noise needs a looser identity tolerance) and a hand example. */
final class FlameTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new Flame();
  }

  @Override
  boolean robust() {
    return true;
  }

  /**
   * The outliers fall outside the majority cosine cluster, so the result is the mean of admitted
   * honest updates clipped to S (the median norm of all n): each within the honest radius plus its
   * clipping {@code max(0, ||h|| - S)} of the honest mean. Then noise N(0, (0.001 S)^2) per
   * coordinate, whose norm exceeds 5 standard deviations times sqrt(d) with probability far below
   * 1e-6 (chi distribution, 6 degrees of freedom).
   */
  @Override
  double robustnessBound(Honest honest) {
    double s = honest.medianNormWithLargestOutliers();
    double clipping = 0;
    for (double[] h : honest.rows()) {
      clipping = Math.max(clipping, Columns.norm(h) - s);
    }
    return honest.radius() + clipping + 5 * 0.001 * s * Math.sqrt(D);
  }

  @Override
  double identityTolerance() {
    // the aggregate carries Gaussian noise of std lambda S = 0.001 |v| per coordinate (S, the
    // median norm, is |v| for identical updates): 5 sigma, so the 6 coordinates all pass with
    // probability 1 - 3.4e-6
    return 0.005;
  }

  @Test
  void admitsTheMajorityCosineClusterClipsToTheMedianNormAndAverages() {
    List<ClientUpdate> u =
        updates(
            new double[] {1, 0},
            new double[] {1, 0.1},
            new double[] {1, -0.1},
            new double[] {1.2, 0},
            new double[] {-5, 0},
            new double[] {-5, 0});
    Flame flame = new Flame(0);
    assertThat(flame.admitted(u)).containsExactly(true, true, true, true, false, false);
    // norms 1, 1.005, 1.005, 1.2, 5, 5 -> S = (1.005 + 1.2) / 2; (1.2, 0) is clipped to S
    double s = (Math.hypot(1, 0.1) + 1.2) / 2;
    double[] r = flame.aggregate(u, context(u, new double[2]));
    // no noise (lambda 0): a mean of four order-1 values, a few roundings (~1e-16)
    assertThat(r[0]).isCloseTo((3 + s) / 4, within(1e-12));
    assertThat(r[1]).isCloseTo(0, within(1e-12));
  }
}
