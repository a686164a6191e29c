package dnt.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TwinQualityTest {
  private static Map<String, Double> levels(double... values) {
    List<String> names = TwinQuality.defaults().names();
    Map<String, Double> levels = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      levels.put(names.get(i), values[i]);
    }
    return levels;
  }

  @Test
  void theDefaultAttributesAreComplements() {
    TwinQuality quality = TwinQuality.defaults();
    double sum = quality.attributes().stream().mapToDouble(QualityAttribute::scalingConstant).sum();
    assertThat(sum).isLessThan(1);
    assertThat(quality.joint().interaction()).isEqualTo(Interaction.COMPLEMENTS);
  }

  @Test
  void aPerfectTwinScoresOneAndAUselessOneZero() {
    TwinQuality quality = TwinQuality.defaults();
    assertThat(quality.score(levels(0, 0, 0, 0, 0)).joint()).isCloseTo(1, within(1e-12));
    assertThat(quality.score(levels(1, 10, 3600, 1e6, 100)).joint()).isCloseTo(0, within(1e-15));
  }

  @Test
  void theScoreJoinsTheSingleAttributeUtilitiesByTheMultiplicativeForm() {
    TwinQuality quality = TwinQuality.defaults();
    QualityScore score = quality.score(levels(0.2, 3, 600, 2e5, 40));
    double[] u = new double[5];
    List<QualityAttribute> attributes = quality.attributes();
    for (int i = 0; i < 5; i++) {
      u[i] = attributes.get(i).utility().utility(score.levels().get(attributes.get(i).name()));
      assertThat(score.utilities().get(attributes.get(i).name())).isEqualTo(u[i]);
    }
    double kk = quality.joint().master();
    double product = 1;
    for (int i = 0; i < 5; i++) {
      product *= 1 + kk * attributes.get(i).scalingConstant() * u[i];
    }
    assertThat(score.joint()).isCloseTo((product - 1) / kk, within(1e-15));
    assertThat(score.interaction()).isEqualTo(Interaction.COMPLEMENTS);
  }

  @Test
  void aStaleButAccurateTwinScoresBelowWhatTheWeightedSumGivesIt() {
    QualityScore stale = TwinQuality.defaults().score(levels(0, 0, 3600, 0, 0));
    assertThat(stale.joint()).isLessThan(stale.weightedSum());
  }

  @Test
  void missingAndUnknownAttributesAreRefusedByName() {
    TwinQuality quality = TwinQuality.defaults();
    Map<String, Double> missing = levels(0.2, 3, 600, 2e5);
    assertThatThrownBy(() -> quality.score(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'sync-energy-j-per-cell-hour' needs a numeric level");
    Map<String, Double> unknown = levels(0.2, 3, 600, 2e5, 40);
    unknown.put("latency", 1.0);
    assertThatThrownBy(() -> quality.score(unknown))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown quality attribute 'latency'");
  }

  @Test
  void anAttributeNamedTwiceIsRefused() {
    QualityAttribute a = new QualityAttribute("a", "a", new LinearUtility(1, 0), 0.5);
    assertThatThrownBy(() -> new TwinQuality(List.of(a, a))).hasMessageContaining("twice");
  }

  @Test
  void scalingConstantsCanBeReassessedByName() {
    TwinQuality quality =
        TwinQuality.defaults().withScalingConstants(Map.of("forecast-error", 0.45, "age-s", 0.4));
    assertThat(quality.attributes().get(0).scalingConstant()).isEqualTo(0.45);
    assertThat(quality.attributes().get(2).scalingConstant()).isEqualTo(0.4);
    assertThat(quality.attributes().get(1).scalingConstant()).isEqualTo(0.15);
    // 0.45 + 0.15 + 0.4 + 0.1 + 0.1 = 1.2 > 1: the attributes become substitutes.
    assertThat(quality.joint().interaction()).isEqualTo(Interaction.SUBSTITUTES);
    assertThatThrownBy(() -> TwinQuality.defaults().withScalingConstants(Map.of("age-s", 1.0)))
        .hasMessageContaining("'age-s' must be in (0, 1)");
    assertThatThrownBy(() -> TwinQuality.defaults().withScalingConstants(Map.of("x", 0.1)))
        .hasMessageContaining("unknown quality attribute 'x'");
  }
}
