package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
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
  void namesAreMatchedWithoutRegardToLetterCase() {
    for (String name : AggregationRules.names()) {
      String upper = name.toUpperCase(java.util.Locale.ROOT);
      assertThat(AggregationRules.contains(upper)).as(upper).isTrue();
      assertThat(AggregationRules.canonicalName(upper)).isEqualTo(name);
      assertThat(AggregationRules.create(upper, AggregationRules.Options.defaults()).name())
          .isEqualTo(name);
    }
    assertThat(AggregationRules.canonicalName("Trimmed-Mean")).isEqualTo("trimmed-mean");
    assertThatThrownBy(() -> AggregationRules.canonicalName("MEDIAN-OF-MEANS"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "unknown aggregation rule 'MEDIAN-OF-MEANS'; known: "
                + String.join(", ", AggregationRules.names()));
  }

  @Test
  void theZScoreBandIsNotOffered() {
    // a z-score band cannot hold two equal outliers among 13: they sit sqrt(11/2) = 2.35 standard
    // deviations from the mean, inside mean +- 3 std however large they are (docs/security.md)
    assertThat(AggregationRules.contains("tid-zscore")).isFalse();
    assertThat(java.util.Arrays.stream(BandRule.values()).map(Enum::name))
        .containsExactly("PERCENTILE", "MAD", "IQR");
  }

  @Test
  void optionsAreApplied() {
    var rule = AggregationRules.create("trimmed-mean", new AggregationRules.Options(0, 0.3));
    assertThat(((TrimmedMean) rule).beta()).isEqualTo(0.3);
    assertThat(((Krum) AggregationRules.create("krum", new AggregationRules.Options(3, 0.1))).f())
        .isEqualTo(3);
  }
}
