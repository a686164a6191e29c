package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.learn.online.OnlineSettings;
import org.junit.jupiter.api.Test;

/** Forecast settings: registry names, checks that name the field, the domain settings made. */
final class ForecastSettingsTest {
  private static ForecastSettings with(String architecture, int period, int minDays) {
    return new ForecastSettings(true, architecture, 8, 1, 6, period, 2, 1, minDays, 1, 1, 1);
  }

  @Test
  void anArchitectureIsARegistryNameInAnyLetterCase() {
    ForecastSettings s = with("MLP", 1, 2);
    assertThat(s.architecture()).isEqualTo("mlp");
    OnlineSettings o = s.online();
    assertThat(o.architecture().name()).isEqualTo("mlp");
    assertThat(o.windows().closeness()).isEqualTo(6);
    assertThat(o.windows().period()).isEqualTo(1);
    assertThat(o.windows().slotsPerDay()).isEqualTo(ForecastSettings.SLOTS_PER_DAY);
  }

  @Test
  void anUnknownArchitectureNamesTheFieldAndTheKnownNames() {
    assertThatThrownBy(() -> with("transformer", 1, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("forecast.architecture: ")
        .hasMessageContaining("'transformer'")
        .hasMessageContaining("mlp")
        .hasMessageContaining("dual-lstm");
  }

  @Test
  void aSpatialArchitectureIsRefusedWithTheReason() {
    for (String name : new String[] {"st-densenet", "GRAPH-GRU"}) {
      assertThatThrownBy(() -> with(name, 1, 2))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("forecast.architecture: ")
          .hasMessageContaining("neighbourhood");
    }
  }

  @Test
  void tooFewDaysForThePeriodWindowAreRefused() {
    assertThatThrownBy(() -> with("mlp", 2, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("forecast.minDays 2")
        .hasMessageContaining("period + 1 = 3");
    assertThat(with("mlp", 2, 3).minDays()).isEqualTo(3);
  }

  @Test
  void offIsTheDefaultsSwitchedOff() {
    assertThat(ForecastSettings.off()).isEqualTo(ForecastSettings.defaults().withEnabled(false));
    assertThat(ForecastSettings.defaults().enabled()).isTrue();
    assertThat(LiveSettings.defaults(java.nio.file.Path.of("s")).forecast())
        .isEqualTo(ForecastSettings.defaults());
  }
}
