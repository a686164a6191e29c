package dnt.data.twinbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThat(demand / 2000).isBetween(0.45, 0.55);
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
