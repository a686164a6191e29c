package dnt.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class MultiplicativeUtilityTest {
  /**
   * Bisection stops at adjacent doubles of its bracket; the rounding of the log1p sums in h (a few
   * ulps of values of order 1) divided by h's slope at the root (of order 0.1 here) moves the
   * computed root by at most about 1e-14. 1e-12 bounds that with room.
   */
  private static final double ROOT = 1e-12;

  @Test
  void twoEqualConstantsBelowOneHalfGiveThePositiveRootOfTheQuadratic() {
    // 1 + K = (1 + 0.4 K)^2  =>  0.16 K^2 - 0.2 K = 0  =>  K = 0.2 / 0.16 = 1.25.
    assertThat(MultiplicativeUtility.masterConstant(0.4, 0.4)).isCloseTo(1.25, within(ROOT));
  }

  @Test
  void twoEqualConstantsAboveOneHalfGiveTheNegativeRoot() {
    // 1 + K = (1 + 0.6 K)^2  =>  0.36 K^2 + 0.2 K = 0  =>  K = -0.2 / 0.36 = -5/9.
    assertThat(MultiplicativeUtility.masterConstant(0.6, 0.6)).isCloseTo(-5.0 / 9, within(ROOT));
  }

  @Test
  void threeConstantsSolveTheCubicWithItsZeroRootDividedOut() {
    // 1 + K = (1 + 0.3 K)^3  =>  0.027 K^2 + 0.27 K - 0.1 = 0 (after dividing by K).
    double expected = (-0.27 + Math.sqrt(0.27 * 0.27 + 4 * 0.027 * 0.1)) / (2 * 0.027);
    assertThat(MultiplicativeUtility.masterConstant(0.3, 0.3, 0.3))
        .isCloseTo(expected, within(ROOT));
  }

  @Test
  void manyUnequalConstantsSatisfyTheDefiningEquation() {
    double[] k = {0.05, 0.12, 0.2, 0.07, 0.31, 0.09};
    double kk = MultiplicativeUtility.masterConstant(k);
    double product = 1;
    for (double ki : k) {
      product *= 1 + kk * ki;
    }
    assertThat(kk).isPositive();
    // The residual of a root good to ~1e-14 in K, times a slope of order 1: well below 1e-12.
    assertThat(product).isCloseTo(1 + kk, within(ROOT));
  }

  @Test
  void constantsSummingToOneAreTheAdditiveForm() {
    MultiplicativeUtility utility = new MultiplicativeUtility(0.5, 0.3, 0.2);
    assertThat(utility.master()).isZero();
    assertThat(utility.interaction()).isEqualTo(Interaction.ADDITIVE);
    // 0.5 * 0.2 + 0.3 * 0.9 + 0.2 * 0.4 = 0.1 + 0.27 + 0.08 = 0.45, to rounding.
    assertThat(utility.utility(0.2, 0.9, 0.4)).isCloseTo(0.45, within(1e-15));
  }

  @Test
  void theMultiplicativeFormTendsToTheAdditiveOneAsTheConstantsSumToOne() {
    double[] u = {0.7, 0.2};
    double previousGap = Double.POSITIVE_INFINITY;
    for (double epsilon : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
      MultiplicativeUtility utility = new MultiplicativeUtility(0.6 - epsilon, 0.4);
      double additive = (0.6 - epsilon) * u[0] + 0.4 * u[1];
      double gap = Math.abs(utility.utility(u) - additive);
      assertThat(gap).isLessThan(previousGap);
      previousGap = gap;
    }
    // At epsilon = 1e-4 K is of order 1e-3, and U differs from the sum by K k1 k2 u1 u2 + O(K^2).
    assertThat(previousGap).isLessThan(1e-4);
  }

  @Test
  void theScalingConstantIsTheUtilityOfOneAttributeAtBestAndTheRestAtWorst() {
    double[] k = {0.2, 0.45, 0.15};
    MultiplicativeUtility utility = new MultiplicativeUtility(k);
    // Keeney and Raiffa's normalisation: U(worst..) = 0, U(best..) = 1, U(best only at i) = k_i.
    assertThat(utility.utility(0, 0, 0)).isCloseTo(0, within(1e-15));
    assertThat(utility.utility(1, 1, 1)).isCloseTo(1, within(1e-12));
    assertThat(utility.utility(1, 0, 0)).isCloseTo(0.2, within(1e-15));
    assertThat(utility.utility(0, 1, 0)).isCloseTo(0.45, within(1e-15));
    assertThat(utility.utility(0, 0, 1)).isCloseTo(0.15, within(1e-15));
  }

  @Test
  void theJointUtilityRisesWithEveryAttribute() {
    SplittableRandom random = new SplittableRandom(7);
    for (double[] k : new double[][] {{0.2, 0.3, 0.1}, {0.6, 0.5, 0.4}, {0.5, 0.5}}) {
      MultiplicativeUtility utility = new MultiplicativeUtility(k);
      for (int trial = 0; trial < 500; trial++) {
        double[] u = new double[k.length];
        for (int i = 0; i < u.length; i++) {
          u[i] = random.nextDouble();
        }
        int i = random.nextInt(k.length);
        double[] better = u.clone();
        better[i] = u[i] + (1 - u[i]) * random.nextDouble(0.01, 1);
        assertThat(utility.utility(better)).isGreaterThan(utility.utility(u));
      }
    }
  }

  @Test
  void complementsScoreABalancedTwinAboveALopsidedOneThatTheWeightedSumTies() {
    // docs/quality.md's worked example: k = (0.3, 0.3), so 1 + K = (1 + 0.3 K)^2, K = 0.4 / 0.09.
    MultiplicativeUtility utility = new MultiplicativeUtility(0.3, 0.3);
    double kk = 0.4 / 0.09;
    assertThat(utility.master()).isCloseTo(kk, within(ROOT));
    assertThat(utility.interaction()).isEqualTo(Interaction.COMPLEMENTS);
    double lopsided = ((1 + kk * 0.3) - 1) / kk;
    double balanced = ((1 + kk * 0.15) * (1 + kk * 0.15) - 1) / kk;
    assertThat(utility.utility(1, 0)).isCloseTo(lopsided, within(1e-12));
    assertThat(utility.utility(0.5, 0.5)).isCloseTo(balanced, within(1e-12));
    assertThat(lopsided).isCloseTo(0.3, within(1e-12));
    assertThat(balanced).isCloseTo(0.4, within(1e-12));
    assertThat(utility.weightedSum(1, 0)).isEqualTo(utility.weightedSum(0.5, 0.5));
  }

  @Test
  void substitutesScoreALopsidedTwinAboveABalancedOne() {
    // k = (0.7, 0.7): 0.49 K^2 + 0.4 K = 0, K = -0.4 / 0.49.
    MultiplicativeUtility utility = new MultiplicativeUtility(0.7, 0.7);
    assertThat(utility.master()).isCloseTo(-0.4 / 0.49, within(ROOT));
    assertThat(utility.interaction()).isEqualTo(Interaction.SUBSTITUTES);
    assertThat(utility.utility(1, 0)).isGreaterThan(utility.utility(0.5, 0.5));
  }

  @Test
  void badConstantsAndUtilitiesAreRefusedNamingThePosition() {
    assertThatThrownBy(() -> new MultiplicativeUtility(0.3, 1.2))
        .hasMessageContaining("scaling constant 2 must be in (0, 1)");
    assertThatThrownBy(() -> new MultiplicativeUtility(0.5))
        .hasMessageContaining("must be exactly 1 for a single attribute");
    assertThatThrownBy(() -> new MultiplicativeUtility(0.3, 0.3).utility(0.2, 1.5))
        .hasMessageContaining("utility 2 must be in [0, 1]");
    assertThatThrownBy(() -> new MultiplicativeUtility(0.3, 0.3).utility(0.2))
        .hasMessageContaining("expected 2 utilities");
  }

  @Test
  void aSingleAttributeIsItsOwnUtility() {
    assertThat(new MultiplicativeUtility(1.0).utility(0.37)).isEqualTo(0.37);
  }
}
