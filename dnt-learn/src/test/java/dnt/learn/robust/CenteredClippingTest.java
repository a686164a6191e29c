package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Centered clipping: the contract (tau = 10) and hand-computed rounds. */
final class CenteredClippingTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new CenteredClipping(10, 1);
  }

  @Override
  boolean robust() {
    return true;
  }

  /** From v = 0 with L = 1 the rule is the clipped mean {@code (1/n) sum clip_10(g_i)}. */
  @Override
  double robustnessBound(Honest honest) {
    return honest.clippedMeanBound(10);
  }

  @Test
  void clipsEachUpdateAroundTheMomentumAndCarriesItToTheNextRound() {
    CenteredClipping cc = new CenteredClipping(1, 1);
    List<ClientUpdate> u = updates(new double[] {3, 4}, new double[] {0, 0.5});
    // round 1, v = 0: clip((3,4)) = (0.6, 0.8); (0, 0.5) unclipped -> v = (0.3, 0.65)
    double[] r1 = cc.aggregate(u, context(u, new double[2]));
    // hand-worked values of order 1 reached in a few floating-point operations (each within
    // 2^-53 relative): the error is ~1e-15, and 1e-12 leaves three orders of magnitude
    assertThat(r1[0]).isCloseTo(0.3, within(1e-12));
    assertThat(r1[1]).isCloseTo(0.65, within(1e-12));
    // round 2 from v = (0.3, 0.65): (3,4)-v = (2.7, 3.35), norm 4.3026..., clipped to norm 1;
    // (0,0.5)-v = (-0.3,-0.15) unclipped
    double n1 = Math.hypot(2.7, 3.35);
    double[] r2 = cc.aggregate(u, context(u, new double[2]));
    assertThat(r2[0]).isCloseTo(0.3 + (2.7 / n1 - 0.3) / 2, within(1e-12));
    assertThat(r2[1]).isCloseTo(0.65 + (3.35 / n1 - 0.15) / 2, within(1e-12));
  }
}
