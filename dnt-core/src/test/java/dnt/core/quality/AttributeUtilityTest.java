package dnt.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class AttributeUtilityTest {
  @Test
  void bothShapesGoFromZeroAtWorstToOneAtBestAndClampBeyond() {
    for (String shape : AttributeUtility.SHAPES.names()) {
      AttributeUtility age = AttributeUtility.SHAPES.factory(shape).create(3600, 0, 2);
      assertThat(age.utility(3600)).as(shape).isCloseTo(0, within(1e-15));
      assertThat(age.utility(0)).as(shape).isCloseTo(1, within(1e-15));
      assertThat(age.utility(7200)).as(shape).isZero();
      assertThat(age.utility(-5)).as(shape).isEqualTo(1);
      assertThat(age.utility(600)).as(shape).isGreaterThan(age.utility(1800));
    }
  }

  @Test
  void linearIsProportional() {
    assertThat(new LinearUtility(10, 0).utility(2.5)).isCloseTo(0.75, within(1e-15));
    assertThat(new LinearUtility(0, 200).utility(50)).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void exponentialMatchesItsClosedFormAndIsConcaveForPositiveRiskAversion() {
    ExponentialUtility utility = new ExponentialUtility(0, 1, 2);
    double expected = (1 - Math.exp(-2 * 0.5)) / (1 - Math.exp(-2));
    assertThat(utility.utility(0.5)).isCloseTo(expected, within(1e-15));
    assertThat(utility.utility(0.5)).isGreaterThan(0.5);
    assertThat(new ExponentialUtility(0, 1, -2).utility(0.5)).isLessThan(0.5);
  }

  @Test
  void exponentialTendsToLinearAsRiskAversionVanishes() {
    // u_r(x) = x + r x (1 - x) / 2 + O(r^2), so at r = 1e-6 the gap is below 1e-6.
    assertThat(new ExponentialUtility(0, 1, 1e-6).utility(0.3)).isCloseTo(0.3, within(1e-6));
    assertThat(new ExponentialUtility(0, 1, 0).utility(0.3)).isEqualTo(0.3);
  }

  @Test
  void badScalesAreRefused() {
    assertThatThrownBy(() -> new LinearUtility(1, 1)).hasMessageContaining("two different");
    assertThatThrownBy(() -> new ExponentialUtility(0, 1, Double.NaN))
        .hasMessageContaining("riskAversion");
    assertThatThrownBy(() -> new LinearUtility(0, 1).utility(Double.NaN))
        .hasMessageContaining("NaN");
  }
}
