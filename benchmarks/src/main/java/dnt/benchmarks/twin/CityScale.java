package dnt.benchmarks.twin;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinEvent;
import dnt.core.util.Progress;
import dnt.data.milan.MilanGrid;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.SyntheticCity;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** The benchmark city of issue 4 and the random events run against it. */
final class CityScale {
  private CityScale() {}

  /** The Milan grid's extent, in metres. */
  static GeoBounds milanExtent() {
    return MilanGrid.load().bounds();
  }

  static TwinConfig config(GeoBounds area, LosMode los) {
    return TwinConfig.defaults(area).withLinks(new LinkBudget(new UrbanMicro(3.5), los, false, 42));
  }

  static NetworkTwin build(GeoBounds area, LosMode los, int stations, int users) {
    return new SyntheticCity(stations, users, StationProfile.smallCell(), 0.5, 1.5, 42)
        .build(config(area, los), Progress.NONE);
  }

  /** A handover of a random user to the second-nearest station of a few candidates. */
  static TwinEvent handover(NetworkTwin twin, RandomGenerator rng, List<BaseStationId> stations) {
    int users = twin.userCount();
    UserId u = UserId.of(rng.nextInt(users));
    Position p = twin.userSpec(u).position();
    BaseStationId serving = twin.user(u).serving();
    BaseStationId best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 64; i++) {
      BaseStationId s = stations.get(rng.nextInt(stations.size()));
      if (s.equals(serving)) {
        continue;
      }
      double d = twin.stationSpec(s).position().distanceTo(p);
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    // 64 draws among the city's stations find one other than the serving station
    return new TwinEvent.Handover(u, Objects.requireNonNull(best, "another station"));
  }

  /** A move of a random user by up to 20 m (a pedestrian or a slow car between measurements). */
  static TwinEvent move(NetworkTwin twin, RandomGenerator rng, GeoBounds area, long timeMs) {
    UserId u = UserId.of(rng.nextInt(twin.userCount()));
    Position p = twin.userSpec(u).position();
    double x = Math.max(area.minX(), Math.min(area.maxX(), p.x() + rng.nextDouble(-20, 20)));
    double y = Math.max(area.minY(), Math.min(area.maxY(), p.y() + rng.nextDouble(-20, 20)));
    return new TwinEvent.UserMoved(u, new Position(x, y), timeMs);
  }
}
