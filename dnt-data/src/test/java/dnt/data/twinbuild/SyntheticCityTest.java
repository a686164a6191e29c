package dnt.data.twinbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Progress;
import org.junit.jupiter.api.Test;

/** The synthetic benchmark city: sizes, area and reproducibility. */
final class SyntheticCityTest {
  private final TwinConfig config = TwinConfig.defaults(new GeoBounds(0, 0, 3000, 3000));

  @Test
  void buildsTheRequestedStationsAndUsersInsideTheArea() {
    NetworkTwin twin =
        new SyntheticCity(40, 2000, StationProfile.smallCell(), 0.5, 1.5, 9)
            .build(config, Progress.NONE);
    assertThat(twin.stationCount()).isEqualTo(40);
    assertThat(twin.userCount()).isEqualTo(2000);
    double demand = 0;
    for (UserId u : twin.userIds()) {
      assertThat(config.area().contains(twin.userSpec(u).position())).isTrue();
      demand += twin.userSpec(u).demandMbps();
    }
    // demands are uniform on [0, 1]: the mean of 2000 has standard error 1 / sqrt(12 x 2000) =
    // 0.0065; 4 sigma
    assertThat(demand / 2000).isCloseTo(0.5, within(4 / Math.sqrt(12 * 2000.0)));
  }

  @Test
  void theSameSeedGivesTheSameCity() {
    SyntheticCity city = new SyntheticCity(10, 300, StationProfile.macro(), 1, 1.5, 4);
    assertThat(city.build(config, Progress.NONE).kpis())
        .isEqualTo(city.build(config, Progress.NONE).kpis());
  }

  @Test
  void badSizesAreRejected() {
    assertThatThrownBy(() -> new SyntheticCity(0, 5, StationProfile.smallCell(), 1, 1.5, 1))
        .isInstanceOf(InvalidInputException.class);
  }
}
