package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.FreeSpace;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.UrbanMicro;
import java.util.random.RandomGenerator;

/** Small twins for tests. */
final class TwinFixtures {
  static final GeoBounds AREA = new GeoBounds(0, 0, 2000, 2000);

  private TwinFixtures() {}

  /** Free space at 2 GHz, equal heights, no floor, no hysteresis: easy to work by hand. */
  static TwinConfig freeSpace() {
    return TwinConfig.defaults(AREA)
        .withLinks(new LinkBudget(new FreeSpace(2.0), LosMode.ALWAYS, false, 1))
        .withFloor(InterferenceFloor.NONE)
        .withHandover(new HandoverRule(0, 0));
  }

  /** UMi with random LOS and shadowing, for randomised tests. */
  static TwinConfig umi(InterferenceFloor floor, long seed) {
    return TwinConfig.defaults(AREA)
        .withLinks(new LinkBudget(new UrbanMicro(3.5), LosMode.RANDOM, true, seed))
        .withFloor(floor)
        .withGridCellM(200);
  }

  static StationSpec station(int id, double x, double y, double txDbm, double capacity) {
    return new StationSpec(BaseStationId.of(id), new Position(x, y), 10, txDbm, 0, capacity);
  }

  static NetworkTwin random(TwinConfig config, int stations, int users, RandomGenerator rng) {
    NetworkTwinBuilder b = NetworkTwin.builder(config);
    for (int s = 0; s < stations; s++) {
      b.station(
          station(
              100 + s,
              rng.nextDouble(2000),
              rng.nextDouble(2000),
              20 + rng.nextDouble(20),
              5 + rng.nextDouble(30)));
    }
    for (int u = 0; u < users; u++) {
      b.user(u, rng.nextDouble(2000), rng.nextDouble(2000), 1.5, rng.nextDouble(3));
    }
    return b.build();
  }
}
