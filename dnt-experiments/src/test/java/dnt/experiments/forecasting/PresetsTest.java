package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.learn.fl.FlConfig;
import org.junit.jupiter.api.Test;

/**
 * The forecasting presets are commented YAML resources; each binds to the settings its
 * documentation states (the FedDA protocol of docs/forecasting.md, the demo's MLP).
 */
final class PresetsTest {
  @Test
  void feddaIsThePublishedProtocol() {
    FlConfig c = ForecastingSettings.defaults().withPreset("FedDA").fl();
    assertThat(c.model()).isEqualTo(new FlConfig.Model("dual-lstm", 64, 2, 0.2));
    assertThat(c.windows()).isEqualTo(new FlConfig.Windows(3, 3, true, false, false));
    assertThat(c.training()).isEqualTo(new FlConfig.Training("sgd", 0.01, 0.9, 20, 1, false));
    assertThat(c.sync().rounds()).isEqualTo(100);
    assertThat(c.sync().clientFraction()).isEqualTo(0.1);
    assertThat(c.sync().weighted()).isFalse();
  }

  @Test
  void demoIsASmallMlpWithTwoClusterTwins() {
    FlConfig c = ForecastingExperiment.demoConfig();
    assertThat(c.model()).isEqualTo(new FlConfig.Model("mlp", 64, 1, 0.0));
    assertThat(c.windows().closeness()).isEqualTo(6);
    assertThat(c.windows().hourOfDay()).isTrue();
    assertThat(c.training().optimizer()).isEqualTo("adam");
    assertThat(c.training().learningRate()).isEqualTo(0.003);
    assertThat(c.sync().rounds()).isEqualTo(20);
    assertThat(c.clustering().clusters()).isEqualTo(2);
    assertThat(c.clustering().reclusterEvery()).isEqualTo(5);
  }

  @Test
  void anUnknownPresetNamesTheKnownOnes() {
    assertThatThrownBy(() -> ForecastingSettings.preset("quick"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown --preset 'quick'; known presets: fedda, demo");
  }
}
