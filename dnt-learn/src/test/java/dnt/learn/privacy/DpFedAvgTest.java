package dnt.learn.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DP-FedAvg: clipping, the fixed denominator, the noise level and the accounting. */
final class DpFedAvgTest {
  @Test
  void clipsEachUpdateAndDividesByTheExpectedClientCount() {
    List<ClientUpdate> u =
        List.of(
            ClientUpdate.benign("a", new double[] {3, 4}, 1),
            ClientUpdate.benign("b", new double[] {0, 0.5}, 1));
    DpFedAvg dp = DpFedAvg.fixed(0, 1, 2, 0.5);
    double[] r = dp.aggregate(u, AggregationContext.withoutReference(0, new double[2], 1));
    // no noise: clipping (3, 4) to norm 1 and averaging, a few roundings of order-1 values
    assertThat(r[0]).isCloseTo(0.3, within(1e-12));
    assertThat(r[1]).isCloseTo(0.65, within(1e-12));
  }

  @Test
  void theNoiseHasStandardDeviationZTimesCOverTheExpectedCount() {
    int d = 20_000;
    List<ClientUpdate> u = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      u.add(ClientUpdate.benign("c" + i, new double[d], 1));
    }
    DpFedAvg dp = DpFedAvg.fixed(1.5, 2, 4, 0.1);
    double[] r = dp.aggregate(u, AggregationContext.withoutReference(0, new double[d], 9));
    double ss = 0;
    for (double x : r) {
      ss += x * x;
    }
    // expected std 1.5 * 2 / 4 = 0.75; the sample std of d = 20,000 Gaussians has standard error
    // 0.75 / sqrt(2d) = 0.0038: 4 sigma
    assertThat(Math.sqrt(ss / d)).isCloseTo(0.75, within(4 * 0.75 / Math.sqrt(2.0 * d)));
    assertThat(dp.privacySpent(1e-5).epsilon()).isPositive();
  }

  @Test
  void adaptiveClippingMovesTheNormTowardsTheTargetQuantile() {
    AdaptiveClipping ac = new AdaptiveClipping(0.1, 0.5, 0.2, 0);
    double[] norms = {1, 1, 1, 1};
    double before = ac.clip();
    for (int t = 0; t < 20; t++) {
      ac.update(norms, 4, t);
    }
    // every norm exceeds C: the unclipped fraction is 0 < 0.5, so C grows by exp(0.1) per round
    // 20 products by exp(0.1), each within an ulp, against one exp(2): ~40 x 2^-53 = 4.4e-15
    assertThat(ac.clip()).isCloseTo(before * Math.exp(0.1 * 20), within(1e-13 * ac.clip()));
    for (int t = 0; t < 200; t++) {
      ac.update(norms, 4, t);
    }
    // once above every norm the fraction is 1 and C shrinks by exp(-0.1), below them it grows by
    // exp(0.1): it stays in [exp(-0.1), exp(0.1)) = [0.905, 1.105)
    assertThat(ac.clip()).isBetween(0.9, 1.11);
  }

  @Test
  void poissonSamplingTakesEachClientWithTheGivenProbability() {
    List<Integer> clients = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      clients.add(i);
    }
    List<Integer> s = new ClientSampler(0.1).sample(clients, 3);
    // Binomial(10,000, 0.1): mean 1000, standard deviation 30; the window is 3.3 sigma
    assertThat(s.size()).isBetween(900, 1100);
    assertThat(new ClientSampler(0.1).sample(clients, 3)).isEqualTo(s);
  }
}
