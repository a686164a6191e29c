package dnt.learn.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The RDP accountant against independent computations: the expected values below come from a direct
 * numerical integration of the definition {@code A_a = E_(z ~ N(0, s^2)) [((1 - q) + q exp((2z - 1)
 * / (2 s^2)))^a]} with mpmath (30 digits; script in docs/security.md), not from this code's series,
 * and against the published TF-Privacy MNIST tutorial figure.
 */
final class RdpAccountantTest {
  /**
   * The references are mpmath integrals to 30 digits. The code's own worst case is erfc's five-term
   * asymptotic expansion beyond x = 5, whose first omitted term is 945 / (32 x^10) <= 3e-6
   * relative; the series is cut where its terms fall below e^-30. 1e-6 relative is within that
   * worst case; on the inputs below the error is at most 4.8e-10 (measured).
   */
  private static void close(double q, double sigma, double alpha, double expected) {
    assertThat(RdpAccountant.rdpOfSampledGaussian(q, sigma, alpha))
        .as("q=%s sigma=%s alpha=%s", q, sigma, alpha)
        .isCloseTo(expected, within(1e-6 * expected));
  }

  @Test
  void integerOrdersMatchTheNumericalIntegral() {
    close(0.01, 1.1, 2, 0.0001285100816051618);
    close(0.01, 1.1, 8, 0.0005840703355202511);
    close(256.0 / 60000, 1.1, 10, 0.000125239842442897);
  }

  @Test
  void fractionalOrdersMatchTheNumericalIntegral() {
    close(0.01, 1.1, 2.5, 0.00016207740937000372);
    close(0.01, 1.1, 13.3, 0.5206763516199595);
    close(0.1, 2.0, 3.7, 0.005504053024530075);
    close(0.5, 0.8, 1.5, 0.40983886045365725);
  }

  @Test
  void alphaTwoHasTheClosedForm() {
    // A_2 = 1 + q^2 (exp(1/sigma^2) - 1)
    double q = 0.03;
    double s = 0.9;
    close(q, s, 2, Math.log1p(q * q * Math.expm1(1 / (s * s))));
  }

  @Test
  void fullSamplingIsThePlainGaussianMechanism() {
    assertThat(RdpAccountant.rdpOfSampledGaussian(1, 2, 5)).isEqualTo(5 / 8.0);
    assertThat(RdpAccountant.rdpOfSampledGaussian(0, 2, 5)).isZero();
  }

  @Test
  void theMnistTutorialConfigurationGivesTheEpsilonTfPrivacyReports() {
    // DP-SGD on MNIST: N = 60000, batch 256, noise 1.1, 60 epochs, delta 1e-5. TF-Privacy's
    // tutorial README lists eps = 3.01 (Mironov's conversion); mpmath integration: 3.008.
    int steps = (int) Math.ceil(60 * 60000 / 256.0);
    RdpAccountant acc = new RdpAccountant().step(256.0 / 60000, 1.1, steps);
    // 3.01 is printed to 2 decimals (exact 3.008): half a unit of the last digit
    assertThat(acc.epsilonClassic(1e-5).epsilon()).isCloseTo(3.01, within(0.005));
    // the improved conversion (Balle et al. 2020, as in Opacus) is tighter: mpmath gives 2.597
    RdpAccountant.Guarantee g = acc.epsilon(1e-5);
    // 2.597 is printed to 3 decimals: half a unit of the last digit
    assertThat(g.epsilon()).isCloseTo(2.597, within(0.0005));
    assertThat(g.order()).isBetween(6.0, 11.0);
  }

  @Test
  void privacyLossGrowsWithStepsAndShrinksWithNoise() {
    double e1 = new RdpAccountant().step(0.1, 1.0, 10).epsilon(1e-5).epsilon();
    double e2 = new RdpAccountant().step(0.1, 1.0, 100).epsilon(1e-5).epsilon();
    double e3 = new RdpAccountant().step(0.1, 3.0, 100).epsilon(1e-5).epsilon();
    assertThat(e2).isGreaterThan(e1);
    assertThat(e3).isLessThan(e2);
  }

  @Test
  void theCalibratedNoiseMultiplierIsTheSmallestThatMeetsTheTarget() {
    for (double eps : new double[] {0.5, 2, 8, 64}) {
      for (double q : new double[] {1.0, 0.2}) {
        double z = RdpAccountant.noiseMultiplier(eps, 1e-5, q, 10);
        double at = new RdpAccountant().step(q, z, 10).epsilon(1e-5).epsilon();
        // bisection to 1e-6 relative in z, rounded up: z meets the target, 0.1% less does not
        assertThat(at).as("eps %s q %s", eps, q).isLessThanOrEqualTo(eps);
        double below = new RdpAccountant().step(q, z * 0.999, 10).epsilon(1e-5).epsilon();
        assertThat(below).isGreaterThan(eps);
      }
    }
  }

  @Test
  void theGaussianMechanismsNoiseFollowsItsClosedFormRdp() {
    // q = 1 is the plain Gaussian mechanism, RDP a / (2 z^2) per step (Mironov 2017, Prop. 7);
    // the conversion's minimum over the default orders, computed here directly
    double z = RdpAccountant.noiseMultiplier(4, 1e-5, 1.0, 10);
    double best = Double.POSITIVE_INFINITY;
    for (double a : RdpAccountant.DEFAULT_ORDERS) {
      double rdp = 10 * a / (2 * z * z);
      best = Math.min(best, rdp + Math.log((a - 1) / a) - (Math.log(1e-5) + Math.log(a)) / (a - 1));
    }
    // 1e-6 relative precision of the bisection moves epsilon by at most ~2e-6 relative
    assertThat(best).isCloseTo(4.0, within(1e-4));
  }
}
