package dnt.data.twinbuild;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import java.util.random.RandomGenerator;

/**
 * A synthetic city for scaling tests: stations and users placed uniformly at random (a Poisson
 * layout) over an area, users offering a uniform random demand. With the Milan grid's extent,
 * 10,000 stations and 1,000,000 users it is the benchmark of issue 4.
 *
 * @param stations number of stations
 * @param users number of users
 * @param profile the stations' radio settings
 * @param meanDemandMbps mean user demand; demands are uniform on [0, 2 x mean]
 * @param userHeightM user antenna height, metres
 * @param seed seed of the layout
 */
public record SyntheticCity(
    int stations,
    int users,
    StationProfile profile,
    double meanDemandMbps,
    double userHeightM,
    long seed) {
  /** Validates the sizes. */
  public SyntheticCity {
    if (stations < 1 || users < 0) {
      throw new InvalidInputException(
          "a synthetic city needs at least one station and no negative users, got "
              + stations
              + " and "
              + users);
    }
    if (!(meanDemandMbps >= 0) || !(userHeightM > 0)) {
      throw new InvalidInputException("demand must be non-negative and user height positive");
    }
  }

  /**
   * Builds the twin.
   *
   * @param config the twin's configuration; its area is the city
   * @param progress receives progress
   * @return the twin
   */
  public NetworkTwin build(TwinConfig config, Progress progress) {
    GeoBounds a = config.area();
    RandomGenerator rng = Seeds.generator(seed);
    NetworkTwinBuilder b = NetworkTwin.builder(config);
    for (int s = 0; s < stations; s++) {
      double x = a.minX() + rng.nextDouble() * a.width();
      double y = a.minY() + rng.nextDouble() * a.height();
      b.station(profile.station(BaseStationId.of(s), new Position(x, y)));
    }
    RandomGenerator userRng = Seeds.generator(Seeds.derive(seed, 1));
    for (int u = 0; u < users; u++) {
      double x = a.minX() + userRng.nextDouble() * a.width();
      double y = a.minY() + userRng.nextDouble() * a.height();
      b.user(u, x, y, userHeightM, userRng.nextDouble() * 2 * meanDemandMbps);
    }
    return b.build(progress);
  }
}
