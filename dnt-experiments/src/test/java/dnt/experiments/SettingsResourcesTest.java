package dnt.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.rl.AgentSettings;
import dnt.experiments.caching.CachingStudyConfig;
import dnt.experiments.poisoning.Phase;
import dnt.experiments.poisoning.PoisoningConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The caching defaults and the {@code --quick} presets are commented YAML resources; each gives
 * exactly the settings documented for it (the values below are written out by hand, not read from
 * the resources).
 */
final class SettingsResourcesTest {
  @Test
  void theCachingDefaultsAreThePapersNetworkAndTheAgentsOwnDefaults() {
    CachingStudyConfig expected =
        new CachingStudyConfig(
            new CachingStudyConfig.Network(
                5, 8, 0.4, 150, "twin", 150, 90, -80, 24, "least-loaded"),
            new CachingStudyConfig.Requests(10_000, 0.9, 0.3, 0.5, 0.2, 2.0, 40),
            new CachingStudyConfig.Episodes(150, 4, 4, 300, 3.0, "model", true, true),
            new CachingStudyConfig.Load(400, 1.5),
            new AgentSettings(16, 1e-3f, 0.5, 32, 4000, 16, 50, 1.0, 0.05, 6000),
            2);
    assertThat(CachingStudyConfig.DEFAULTS).isEqualTo(expected);
    // the study's agent section must not drift from the agent's own defaults
    assertThat(CachingStudyConfig.DEFAULTS.agent()).isEqualTo(AgentSettings.DEFAULTS);
  }

  @Test
  void theCachingQuickPresetIsTheTinyNetwork() {
    CachingStudyConfig expected =
        new CachingStudyConfig(
            new CachingStudyConfig.Network(3, 4, 0.5, 15, "twin", 150, 90, -80, 24, "least-loaded"),
            new CachingStudyConfig.Requests(600, 0.9, 0.3, 0.5, 0.2, 1.0, 20),
            new CachingStudyConfig.Episodes(60, 1, 1, 80, 3.0, "model", true, true),
            new CachingStudyConfig.Load(60, 1.3),
            new AgentSettings(8, 1e-3f, 0.9, 16, 500, 4, 20, 1.0, 0.05, 200),
            2);
    assertThat(CachingStudyConfig.quick()).isEqualTo(expected);
  }

  @Test
  void thePoisoningDefaultsAreTheFullTableWithSweepsAndTheDpCurve() {
    EnumSet<Phase> phases = EnumSet.allOf(Phase.class);
    PoisoningConfig expected =
        new PoisoningConfig(
            42,
            1,
            phases,
            List.of(
                "mean",
                "median",
                "fltrust",
                "tid",
                "trimmed-mean",
                "krum",
                "multi-krum",
                "bulyan",
                "geomed",
                "centered-clipping",
                "norm-bounding",
                "dnc",
                "flame",
                "tid-percentile",
                "tid-iqr",
                "tid-history"),
            List.of("none", "mpaf", "tpi"),
            5,
            7,
            0.2,
            1e5,
            2.0,
            0.1,
            10.0,
            16,
            2,
            true,
            true,
            true,
            new PoisoningConfig.Grids(
                List.of(0.0, 0.05, 0.1, 0.2, 0.3),
                List.of(1.0, 10.0, 1e3, 1e5),
                List.of(2.0, 20.0, 200.0, 2000.0),
                List.of(1.0, 10.0, 100.0, 1000.0),
                List.of(0.0, 0.3, 0.6, 1.0, 2.0, 4.0)),
            Map.of(
                "tid",
                List.of("tid", "tid-percentile", "tid-iqr", "glid", "glid-std", "glid-iqr")));
    assertThat(PoisoningConfig.defaults(42, 1, phases)).isEqualTo(expected);
    assertThat(PoisoningConfig.defaults(7, 3, EnumSet.of(Phase.H_TWIN)).seeds()).isEqualTo(3);
  }

  @Test
  void thePoisoningQuickPresetRunsThePapersFourRulesBriefly() {
    EnumSet<Phase> phases = EnumSet.of(Phase.V_TWIN);
    PoisoningConfig expected =
        new PoisoningConfig(
            7,
            3,
            phases,
            List.of("mean", "median", "fltrust", "tid"),
            List.of("none", "mpaf", "tpi"),
            2,
            2,
            0.2,
            1e5,
            2.0,
            0.1,
            10.0,
            16,
            2,
            false,
            false,
            false,
            PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).grids(),
            PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).select());
    assertThat(PoisoningConfig.quick(7, 3, phases)).isEqualTo(expected);
  }
}
