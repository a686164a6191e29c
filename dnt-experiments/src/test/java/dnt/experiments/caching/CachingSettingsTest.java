package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The caching settings are grouped in sections but written and read as the flat {@code study:} keys
 * users know; an unknown key beside the sections is refused like any other.
 */
final class CachingSettingsTest {
  @Test
  void theSectionsStayFlatInConfigYamlInTheDocumentedOrder() {
    var study = CachingRunSettings.resolve(Optional.empty(), false, Map.of()).tree().get("study");
    List<String> keys = new ArrayList<>();
    study.fieldNames().forEachRemaining(keys::add);
    // the keys of defaults.yaml, in its order, written out by hand
    assertThat(keys)
        .containsExactly(
            "stations",
            "clientsPerStation",
            "overlap",
            "capacity",
            "layout",
            "interSiteM",
            "clientRadiusM",
            "coverageDbm",
            "txPowerDbm",
            "serving",
            "catalogue",
            "alpha",
            "locality",
            "requestProbability",
            "shotShare",
            "shotArrivals",
            "shotLifetime",
            "episodeSlots",
            "physicalEpisodes",
            "twinEpisodes",
            "testSlots",
            "surgeFactor",
            "twinEvents",
            "equalBudget",
            "learnedSystems",
            "loadWindow",
            "overloadFactor",
            "agent",
            "threads");
  }

  @Test
  void aKeyReachesItsSection() {
    CachingRunSettings s =
        CachingRunSettings.resolve(
            Optional.empty(), true, Map.of("study.loadWindow", 97, "study.stations", 4));
    assertThat(s.study().load().loadWindow()).isEqualTo(97);
    assertThat(s.study().network().stations()).isEqualTo(4);
    // the rest stays the quick preset's
    assertThat(s.study().requests()).isEqualTo(CachingStudyConfig.quick().requests());
  }

  @Test
  void anUnknownOrBadKeyIsNamed() {
    assertThatThrownBy(
            () -> CachingRunSettings.resolve(Optional.empty(), false, Map.of("study.statons", 4)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key 'study.statons'");
    assertThatThrownBy(
            () -> CachingRunSettings.resolve(Optional.empty(), false, Map.of("study.stations", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stations, clientsPerStation and capacity must be at least 1");
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(Optional.empty(), false, Map.of("study.catalogue", 10)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("catalogue must be at least the capacity C = 150, got 10");
  }
}
