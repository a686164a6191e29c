package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The 95% interval against a hand-worked example. */
final class StatsTest {
  @Test
  void intervalMatchesHandComputedStudentT() {
    // values 1..5: mean 3, sample sd sqrt(2.5), t(0.975, 4) = 2.7764451
    Stats.MeanCi ci = Stats.meanCi95(1, 2, 3, 4, 5);
    assertThat(ci.mean()).isEqualTo(3.0);
    assertThat(ci.halfWidth()).isCloseTo(2.7764451 * Math.sqrt(2.5) / Math.sqrt(5), within(1e-6));
  }

  @Test
  void singleValueHasNoWidth() {
    assertThat(Stats.meanCi95(7).halfWidth()).isZero();
    assertThat(Stats.meanCi95(7).mean()).isEqualTo(7);
  }
}
