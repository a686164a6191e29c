package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The rate models' registry: the names users type, and the round trip snapshots rely on. */
final class RateModelsTest {
  @Test
  void theNamesUsersTypeMakeTheModelsWithTheirDefaults() {
    assertThat(RateModels.byName("shannon")).isEqualTo(new Shannon());
    assertThat(RateModels.byName("Attenuated")).isEqualTo(AttenuatedShannon.downlink());
    assertThat(RateModels.byName("attenuated-shannon")).isEqualTo(AttenuatedShannon.downlink());
    assertThat(RateModels.names()).containsExactly("shannon", "attenuated-shannon");
  }

  @Test
  void everyModelIsMadeAgainFromItsNameAndParameters() {
    RateModel custom = new AttenuatedShannon(0.75, -6.5, 5.1);
    for (RateModel m : new RateModel[] {new Shannon(), AttenuatedShannon.downlink(), custom}) {
      RateModels.Factory f = RateModels.MODELS.factory(m.name());
      assertThat(m.parameters()).hasSize(f.parameterCount());
      assertThat(f.make(m.parameters())).isEqualTo(m);
    }
    for (var e : RateModels.MODELS.entries()) {
      assertThat(e.factory().defaults().get().name()).isEqualTo(e.name());
    }
  }

  @Test
  void anUnknownNameOrAWrongParameterCountIsRejected() {
    assertThatThrownBy(() -> RateModels.byName("turbo"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown rate model 'turbo'; known: shannon, attenuated-shannon");
    assertThatThrownBy(() -> RateModels.MODELS.factory("attenuated").make(new double[] {0.6}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected 3");
  }
}
