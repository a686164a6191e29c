package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FLTrust: the contract and a hand-computed example. */
final class FlTrustTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new FlTrust();
  }

  @Override
  boolean robust() {
    return true;
  }

  /**
   * The outliers point away from the reference (the honest centre), so their trust {@code
   * ReLU(cos)} is zero; the result is a convex combination of honest updates rescaled to the
   * reference's norm, each within the honest radius plus its rescaling {@code | ||g0|| - ||h|| |}
   * of the honest mean.
   */
  @Override
  double robustnessBound(Honest honest) {
    double g0 = Columns.norm(benignCentre());
    double rescaling = 0;
    for (double[] h : honest.rows()) {
      rescaling = Math.max(rescaling, Math.abs(g0 - Columns.norm(h)));
    }
    return honest.radius() + rescaling;
  }

  @Test
  void weighsByClippedCosineAndRescalesToTheReferenceNorm() {
    double[] g0 = {1, 0};
    List<ClientUpdate> u =
        updates(
            new double[] {2, 0}, // cos 1, rescaled (1, 0)
            new double[] {0, 5}, // cos 0 -> trust 0
            new double[] {1, 1}, // cos 1/sqrt2, rescaled (1,1)/sqrt2
            new double[] {-1, 0}); // flipped: cos -1 -> trust 0
    double[] r = new FlTrust().aggregate(u, context(u, g0));
    double t = 1 / Math.sqrt(2);
    // hand-worked values of order 1 reached in a few floating-point operations (each within
    // 2^-53 relative): the error is ~1e-15, and 1e-12 leaves three orders of magnitude
    assertThat(r[0]).isCloseTo((1 + t * t) / (1 + t), within(1e-12));
    assertThat(r[1]).isCloseTo((t * t) / (1 + t), within(1e-12));
  }

  @Test
  void whenNobodyIsTrustedTheRoundContributesNothing() {
    List<ClientUpdate> u = updates(new double[] {-1, 0}, new double[] {0, -2});
    assertThat(new FlTrust().aggregate(u, context(u, new double[] {1, 1})))
        .containsExactly(0.0, 0.0);
  }

  @Test
  void withoutServerRootDataItFailsClearly() {
    List<ClientUpdate> u = updates(new double[] {1});
    assertThatThrownBy(
            () ->
                new FlTrust()
                    .aggregate(u, AggregationContext.withoutReference(0, new double[1], 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reference update");
  }
}
