package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.caching.network.ServingRule;
import dnt.caching.network.Topology;
import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The study's network: the twin's small cells by default, the first study's ring on request. */
final class CachingNetworkTest {
  @Test
  void theDefaultNetworkIsTheTwinsSmallCellsWithTheLeastLoadedRule() {
    CachingStudyConfig c = CachingStudyConfig.DEFAULTS;
    assertThat(c.network().servingRule()).isEqualTo(ServingRule.LEAST_LOADED);
    Topology t = new CachingStudy(c).topology(42);
    assertThat(t.stationCount()).isEqualTo(5);
    assertThat(t.clientCount()).isEqualTo(40);
    int dual = 0;
    for (int u = 0; u < 40; u++) {
      // eight home clients per station, at most two stations each
      assertThat(t.stationsOf(u)[0]).isEqualTo(u / 8);
      dual += t.stationsOf(u).length - 1;
    }
    assertThat(dual).isBetween(1, 39);
    // the same seed builds the same network
    Topology again = new CachingStudy(c).topology(42);
    for (int u = 0; u < 40; u++) {
      assertThat(again.stationsOf(u)).containsExactly(t.stationsOf(u));
    }
  }

  @Test
  void theRingLayoutAndTheFirstRuleRemainSelectable() {
    CachingStudyConfig c =
        SettingsYaml.with(
            CachingStudyConfig.DEFAULTS,
            Map.of("layout", "ring", "serving", "home-fetch"),
            CachingStudyConfig.class,
            "test");
    assertThat(c.network().servingRule()).isEqualTo(ServingRule.HOME_FETCH);
    Topology t = new CachingStudy(c).topology(42);
    assertThat(t.clientCount()).isEqualTo(40);
  }

  @Test
  void anUnknownLayoutOrRuleIsNamed() {
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(), false, Map.of("study.layout", "hexagon")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("layout must be one of [twin, ring], got 'hexagon'");
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(), false, Map.of("study.serving", "nearest")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("serving must be least-loaded or home-fetch, got 'nearest'");
  }
}
