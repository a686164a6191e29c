package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.DualLstm;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML configuration: defaults, overrides, and errors that name the field. */
final class FlConfigTest {
  @Test
  void defaultsComeFromReferenceYaml() {
    FlConfig c = FlConfig.defaults();
    assertThat(c.model().architecture()).isEqualTo("dual-lstm");
    assertThat(c.architecture(24)).isInstanceOf(DualLstm.class);
    assertThat(c.recipe().batchSize()).isEqualTo(20);
    assertThat(c.windows().closeness()).isEqualTo(3);
  }

  @Test
  void aPartialFileOverridesOnlyItsKeys() {
    FlConfig c = FlConfig.parse("sync:\n  rounds: 7\nasync:\n  staleness: hinge\n", "t.yaml");
    assertThat(c.sync().rounds()).isEqualTo(7);
    assertThat(c.sync().clientFraction()).isEqualTo(FlConfig.defaults().sync().clientFraction());
    assertThat(c.async().function()).isInstanceOf(StalenessFunction.Hinge.class);
    assertThat(c.with(Map.of("sync.clientFraction", 0.5)).sync().clientFraction()).isEqualTo(0.5);
  }

  @Test
  void unknownKeysAndImpossibleValuesNameTheField() {
    assertThatThrownBy(() -> FlConfig.parse("sync:\n  roundz: 3\n", "a.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a.yaml")
        .hasMessageContaining("roundz");
    assertThatThrownBy(() -> FlConfig.parse("sync:\n  clientFraction: 1.5\n", "b.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sync")
        .hasMessageContaining("clientFraction must be in (0, 1]");
    assertThatThrownBy(() -> FlConfig.parse("sync:\n  rounds: 0\n", "c.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rounds must be at least 1");
    assertThatThrownBy(() -> FlConfig.parse("model: [1, 2\n", "d.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("d.yaml");
  }

  @Test
  void anUnknownArchitectureNamesTheKeyPathAndListsTheKnownOnes() {
    assertThatThrownBy(() -> FlConfig.parse("model:\n  architecture: transformer\n", "m.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "m.yaml: config field 'model.architecture': unknown forecaster architecture"
                + " 'transformer'; known: "
                + String.join(", ", Architectures.REGISTRY.names()));
    assertThatThrownBy(() -> FlConfig.defaults().with(Map.of("model.architecture", "cnn")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'model.architecture'")
        .hasMessageContaining("'cnn'");
  }

  @Test
  void everyRegisteredArchitectureIsMadeByItsNameInAnyLetterCase() {
    for (String name : Architectures.REGISTRY.names()) {
      String yaml = "model:\n  architecture: " + name.toUpperCase(Locale.ROOT) + "\n";
      FlConfig c = FlConfig.parse(yaml, "a.yaml");
      assertThat(c.model().architecture()).isEqualTo(name);
      assertThat(c.architecture(24).name()).isEqualTo(name);
      assertThat(c.architecture(24).windows()).isEqualTo(c.windowSpec(24));
    }
  }

  @Test
  void theCodecSectionMakesTheCodecAndNamesItsFieldWhenWrong() {
    assertThat(FlConfig.defaults().updateCodec().identity()).isTrue();
    FlConfig c = FlConfig.parse("codec:\n  name: QSGD\n  bits: 8\n", "q.yaml");
    assertThat(c.codec().name()).isEqualTo("qsgd");
    assertThat(c.updateCodec().bytes(1000)).isEqualTo(4 + 1000); // float32 norm + 8 bits each
    assertThatThrownBy(() -> FlConfig.parse("codec:\n  name: zip\n", "z.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'codec.name'")
        .hasMessageContaining("unknown update codec 'zip'");
    assertThatThrownBy(() -> FlConfig.defaults().with(Map.of("codec.density", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("density must be in (0, 1]");
  }
}
