package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every radio-map model: the fallback without maps, the map at a reliable grid point. */
final class RadioMapModelsContractTest {
  /** A 3 x 3 map of station 7 around (100, 100), 10 m apart, every point reliable. */
  private static PathGainMap map() {
    double[] gain = new double[9];
    boolean[] reliable = new boolean[9];
    for (int k = 0; k < 9; k++) {
      gain[k] = -80 - k;
      reliable[k] = true;
    }
    return new PathGainMap(7, 0, 0, 10, 3.5, 90, 90, 10, 3, 3, 1.5, gain, reliable);
  }

  @Test
  void everyModelIsItsFallbackWithoutAMapAndTheMapOnIt() {
    UrbanMacro uma = new UrbanMacro(3.5);
    for (String name : RadioMapModels.MODELS.names()) {
      RadioMapModel m = RadioMapModels.MODELS.factory(name).make(uma, List.of(map()));
      assertThat(m.name()).isEqualTo(name);
      assertThat(m.fallback()).isEqualTo(uma);
      for (double d : new double[] {10, 50, 300, 2000}) {
        for (boolean los : new boolean[] {true, false}) {
          assertThat(m.pathLossDb(d, 25, 1.5, los)).isEqualTo(uma.pathLossDb(d, 25, 1.5, los));
        }
        assertThat(m.losProbability(d, 1.5)).isEqualTo(uma.losProbability(d, 1.5));
      }
      LinkBudget links = new LinkBudget(m, LosMode.NEVER, false, 1);
      // grid point (1, 1) at (100, 100) holds -84 dB; station 8 has no map
      assertThat(links.lossDb(7, 1, 100, 100, 141.4, 10, 1.5)).isEqualTo(84);
      assertThat(links.lossDb(8, 1, 100, 100, 141.4, 10, 1.5))
          .isEqualTo(uma.pathLossDb(141.4, 10, 1.5, false));
      assertThat(links.lossDb(7, 1, 500, 500, 707, 10, 1.5))
          .isEqualTo(uma.pathLossDb(707, 10, 1.5, false));
      assertThat(links.minLossDb(141.4, 10, 1.5)).isLessThanOrEqualTo(84);
    }
  }

  @Test
  void twoMapsForOneStationAreRefused() {
    assertThatThrownBy(
            () ->
                RadioMapModels.MODELS
                    .factory("raymap")
                    .make(new UrbanMicro(3.5), List.of(map(), map())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("two path-gain maps for station 7");
  }
}
