package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The registry: every name creates a rule that reports that name. */
final class AggregationRulesTest {
  @Test
  void everyRegisteredNameCreatesARuleOfThatName() {
    for (String name : AggregationRules.names()) {
      assertThat(AggregationRules.create(name, AggregationRules.Options.defaults()).name())
          .isEqualTo(name);
      assertThat(name).matches("[a-z]+(-[a-z]+)*");
    }
    assertThat(AggregationRules.names())
        .contains("mean", "median", "trimmed-mean", "krum", "multi-krum", "bulyan", "geomed")
        .contains("fltrust", "tid", "dnc", "flame", "centered-clipping", "norm-bounding");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(
            () -> AggregationRules.create("average", AggregationRules.Options.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trimmed-mean");
  }

  @Test
  void optionsAreApplied() {
    var rule = AggregationRules.create("trimmed-mean", new AggregationRules.Options(0, 0.3));
    assertThat(((TrimmedMean) rule).beta()).isEqualTo(0.3);
    assertThat(((Krum) AggregationRules.create("krum", new AggregationRules.Options(3, 0.1))).f())
        .isEqualTo(3);
  }
}
