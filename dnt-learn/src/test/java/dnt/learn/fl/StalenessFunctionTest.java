package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Staleness weights against the formulas of FedAsync (Xie et al. 2019), worked by hand. */
final class StalenessFunctionTest {
  @Test
  void polynomialDecaysAsAPowerOfStalenessPlusOne() {
    StalenessFunction p = new StalenessFunction.Polynomial(0.5);
    assertThat(p.weight(0)).isEqualTo(1.0);
    // Math.pow and one division: within an ulp or two of values below 1 (~2e-16)
    assertThat(p.weight(3)).isCloseTo(0.5, within(1e-12)); // 4^-0.5
    assertThat(p.weight(8)).isCloseTo(1 / 3.0, within(1e-12)); // 9^-0.5
  }

  @Test
  void hingeIsFlatUpToBThenDecaysHyperbolically() {
    StalenessFunction h = new StalenessFunction.Hinge(2, 3);
    assertThat(h.weight(0)).isEqualTo(1.0);
    assertThat(h.weight(3)).isEqualTo(1.0);
    assertThat(h.weight(4)).isCloseTo(1 / 3.0, within(1e-12)); // 1/(2*1+1)
    assertThat(h.weight(8)).isCloseTo(1 / 11.0, within(1e-12)); // 1/(2*5+1)
  }

  @Test
  void constantIgnoresStalenessAndBadParametersFailLoudly() {
    assertThat(new StalenessFunction.Constant().weight(100)).isEqualTo(1.0);
    assertThatThrownBy(() -> new StalenessFunction.Polynomial(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StalenessFunction.Hinge(1, -2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
