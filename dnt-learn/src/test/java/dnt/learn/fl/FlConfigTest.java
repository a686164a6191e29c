package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidSettingException;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.DualLstm;
import dnt.learn.forecast.TrainingRecipe;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The forecasting configuration's records: their checks, the key an error names, and the learning
 * settings derived from them (reading them from YAML is tested in dnt-experiments).
 */
final class FlConfigTest {
  /** The values of the forecasting study's defaults.yaml. */
  static FlConfig reference() {
    return reference(
        new FlConfig.Model("dual-lstm", 64, 2, 0.2), new FlConfig.Codec("none", 4, 0.01));
  }

  private static FlConfig reference(FlConfig.Model model, FlConfig.Codec codec) {
    return new FlConfig(
        model,
        new FlConfig.Windows(3, 3, true, false, false),
        new FlConfig.Training("adam", 0.002, 0.9, 20, 1, false),
        new FlConfig.Sync(40, 1.0, false, 0),
        new FlConfig.Clustering(3, 10, 1.0, 0.5),
        new FlConfig.Async(0.5, "polynomial", 0.5, 4, 1, 900, 3, 7, 1.0),
        new FlConfig.Centralized(10),
        new FlConfig.Cost(0.02, 50, 0.5, 0.3, 1e-4, 4),
        codec,
        new FlConfig.Personalise("fine-tune", 1),
        2);
  }

  @Test
  void theSectionsMakeTheLearningSettings() {
    FlConfig c = reference();
    assertThat(c.architecture(24)).isInstanceOf(DualLstm.class);
    assertThat(c.windowSpec(24).closeness()).isEqualTo(3);
    assertThat(c.windowSpec(24).slotsPerDay()).isEqualTo(24);
    assertThat(c.recipe())
        .isEqualTo(new TrainingRecipe(1, 20, TrainingRecipe.Optimizer.ADAM, 0.002, 0.9, false));
    assertThat(c.syncSettings(true).rounds()).isEqualTo(40);
    assertThat(c.syncSettings(false).clustering().enabled()).isFalse();
    assertThat(c.asyncSettings(true).recipe().epochs()).isEqualTo(3);
    assertThat(c.async().function()).isInstanceOf(StalenessFunction.Polynomial.class);
    assertThat(new FlConfig.Async(0.5, "hinge", 0.5, 4, 1, 900, 3, 7, 1.0).function())
        .isInstanceOf(StalenessFunction.Hinge.class);
  }

  @Test
  void impossibleValuesAreRefusedWithTheFieldInTheMessage() {
    assertThatThrownBy(() -> new FlConfig.Sync(40, 1.5, false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientFraction must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> new FlConfig.Sync(0, 1.0, false, 0))
        .hasMessage("rounds must be at least 1, got 0");
    assertThatThrownBy(() -> new FlConfig.Training("rmsprop", 0.1, 0.9, 20, 1, false))
        .hasMessage("optimizer must be sgd or adam, got 'rmsprop'");
    assertThatThrownBy(() -> new FlConfig.Async(0.5, "linear", 0.5, 4, 1, 900, 3, 7, 1.0))
        .hasMessage("staleness must be constant, polynomial or hinge, got 'linear'");
    assertThatThrownBy(() -> new FlConfig.Codec("none", 4, 0))
        .hasMessage("density must be in (0, 1], got 0.0");
  }

  @Test
  void anUnknownArchitectureNamesItsKeyAndListsTheKnownOnes() {
    assertThatThrownBy(() -> new FlConfig.Model("transformer", 64, 2, 0.2))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("architecture"))
        .hasMessage(
            "unknown forecaster architecture 'transformer'; known: "
                + String.join(", ", Architectures.REGISTRY.names()));
  }

  @Test
  void everyRegisteredArchitectureIsMadeByItsNameInAnyLetterCase() {
    for (String name : Architectures.REGISTRY.names()) {
      FlConfig c =
          reference(
              new FlConfig.Model(name.toUpperCase(Locale.ROOT), 64, 2, 0.2),
              new FlConfig.Codec("none", 4, 0.01));
      assertThat(c.model().architecture()).isEqualTo(name);
      assertThat(c.architecture(24).name()).isEqualTo(name);
      assertThat(c.architecture(24).windows()).isEqualTo(c.windowSpec(24));
    }
  }

  @Test
  void theCodecSectionMakesTheCodecAndNamesItsKeyWhenWrong() {
    assertThat(reference().updateCodec().identity()).isTrue();
    FlConfig c =
        reference(new FlConfig.Model("dual-lstm", 64, 2, 0.2), new FlConfig.Codec("QSGD", 8, 0.01));
    assertThat(c.codec().name()).isEqualTo("qsgd");
    assertThat(c.updateCodec().bytes(1000)).isEqualTo(4 + 1000); // float32 norm + 8 bits each
    assertThatThrownBy(() -> new FlConfig.Codec("zip", 4, 0.01))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("name"))
        .hasMessageContaining("unknown update codec 'zip'");
  }
}
