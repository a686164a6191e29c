package dnt.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.rl.AgentSettings;
import dnt.experiments.caching.CachingStudyConfig;
import dnt.experiments.poisoning.Phase;
import dnt.experiments.poisoning.PoisoningConfig;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code --quick} presets are commented YAML resources over the defaults; each gives exactly
 * the settings the smoke tests were written for (the values below are the presets' documented
 * settings, written out by hand, not read from the resources).
 */
final class QuickPresetsTest {
  @Test
  void theCachingQuickPresetIsTheTinyNetwork() {
    CachingStudyConfig expected =
        new CachingStudyConfig(
            3,
            4,
            0.5,
            15,
            600,
            0.9,
            0.3,
            0.5,
            0.2,
            1.0,
            20,
            60,
            1,
            1,
            80,
            3.0,
            60,
            1.3,
            new AgentSettings(8, 1e-3f, 0.9, 16, 500, 4, 20, 1.0, 0.05, 200),
            2);
    assertThat(CachingStudyConfig.quick()).isEqualTo(expected);
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
            2,
            2,
            0.2,
            1e5,
            2.0,
            0.1,
            16,
            2,
            false,
            false,
            PoisoningConfig.Grids.DEFAULTS);
    assertThat(PoisoningConfig.quick(7, 3, phases)).isEqualTo(expected);
  }
}
