package dnt.data.twinbuild;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.core.util.WeightedIndex;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.BaseStations;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.RadioLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Builds a twin of Milan: the OpenCellID base stations of a radio layer at their positions on the
 * grid's plane, each given the same {@link StationProfile}, and users placed in the grid's squares
 * by a {@link UserPlacement}, uniformly inside each square, with uniform random demand. The twin's
 * area is the grid's extent, widened to take in stations just outside it.
 *
 * @param grid the Milan grid
 * @param stations the base stations
 * @param profile radio settings of every station
 * @param users number of users
 * @param placement how users are spread
 * @param slot the subset's 10-minute slot for {@link UserPlacement#TRAFFIC} (0..4319)
 * @param meanDemandMbps mean user demand, Mbit/s
 * @param seed seed of the placement and demands
 */
public record MilanTwin(
    MilanGrid grid,
    BaseStations stations,
    StationProfile profile,
    int users,
    UserPlacement placement,
    int slot,
    double meanDemandMbps,
    long seed) {
  /** User antenna height, metres (TR 38.901 outdoor users). */
  public static final double USER_HEIGHT_M = 1.5;

  /** Validates the request. */
  public MilanTwin {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(stations, "stations");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(placement, "placement");
    if (users < 0) {
      throw new InvalidInputException("the number of users must be non-negative, got " + users);
    }
    if (slot < 0 || slot >= MilanSubset.SLOTS) {
      throw new InvalidInputException(
          "slot " + slot + " is outside the subset's 0.." + (MilanSubset.SLOTS - 1));
    }
    if (!(meanDemandMbps >= 0) || Double.isInfinite(meanDemandMbps)) {
      throw new InvalidInputException("mean demand must be non-negative, got " + meanDemandMbps);
    }
  }

  /**
   * The bundled grid and the stations of a layer.
   *
   * @param layer the radio layer
   * @param profile radio settings
   * @param users number of users
   * @param placement how users are spread
   * @param slot subset slot for traffic placement
   * @param meanDemandMbps mean demand
   * @param seed seed
   * @return the request
   */
  public static MilanTwin bundled(
      RadioLayer layer,
      StationProfile profile,
      int users,
      UserPlacement placement,
      int slot,
      double meanDemandMbps,
      long seed) {
    MilanGrid grid = MilanGrid.load();
    return new MilanTwin(
        grid,
        BaseStations.load(layer, grid),
        profile,
        users,
        placement,
        slot,
        meanDemandMbps,
        seed);
  }

  /**
   * The area of the twin: the grid's extent widened to every station.
   *
   * @return the bounds, metres
   */
  public GeoBounds area() {
    GeoBounds g = grid.bounds();
    double minX = g.minX();
    double minY = g.minY();
    double maxX = g.maxX();
    double maxY = g.maxY();
    for (BaseStations.Station s : stations.stations()) {
      minX = Math.min(minX, s.position().x());
      minY = Math.min(minY, s.position().y());
      maxX = Math.max(maxX, s.position().x());
      maxY = Math.max(maxY, s.position().y());
    }
    return new GeoBounds(minX, minY, maxX, maxY);
  }

  /**
   * A twin's users grouped by the grid square nearest to each (the square whose telemetry sets the
   * user's demand in the live twin), keyed by cell number, each list in the twin's user order.
   *
   * @param twin a twin built from this Milan twin (or any twin on the grid's plane)
   * @return the users of each square that holds at least one
   */
  public Map<Integer, List<UserId>> usersByCell(NetworkTwin twin) {
    Map<Integer, List<UserId>> byCell = new HashMap<>();
    for (UserId u : twin.userIds()) {
      byCell
          .computeIfAbsent(
              grid.nearestCell(twin.userSpec(u).position()).value(), c -> new ArrayList<>())
          .add(u);
    }
    return byCell;
  }

  /**
   * Builds the twin.
   *
   * @param config the twin configuration; its area is replaced by {@link #area()}
   * @param progress receives progress
   * @return the twin
   */
  public NetworkTwin build(TwinConfig config, Progress progress) {
    NetworkTwinBuilder b = NetworkTwin.builder(config.withArea(area()));
    for (BaseStations.Station s : stations.stations()) {
      b.station(profile.station(s.id(), s.position()));
    }
    List<CellId> cells = grid.cells();
    WeightedIndex byWeight = new WeightedIndex(weights(cells));
    if (!(byWeight.total() > 0) && users > 0) {
      throw new InvalidInputException("no square has a positive weight for " + placement);
    }
    RandomGenerator rng = Seeds.generator(seed);
    for (int u = 0; u < users; u++) {
      int i = byWeight.draw(rng);
      GeoBounds box = boundingBox(grid.polygon(cells.get(i)));
      double x = box.minX() + rng.nextDouble() * box.width();
      double y = box.minY() + rng.nextDouble() * box.height();
      b.user(u, x, y, USER_HEIGHT_M, rng.nextDouble() * 2 * meanDemandMbps);
    }
    return b.build(progress);
  }

  private double[] weights(List<CellId> cells) {
    double[] w = new double[cells.size()];
    switch (placement) {
      case UNIFORM -> {
        for (int i = 0; i < w.length; i++) {
          GeoBounds box = boundingBox(grid.polygon(cells.get(i)));
          w[i] = box.width() * box.height();
        }
      }
      case STATIONS -> {
        double[] count = new double[CellId.MAX];
        for (BaseStations.Station s : stations.stations()) {
          count[grid.nearestCell(s.position()).value() - 1] += s.baseStationCount();
        }
        for (int i = 0; i < w.length; i++) {
          w[i] = 1 + count[cells.get(i).value() - 1];
        }
      }
      case TRAFFIC -> {
        TrafficDataset subset = MilanSubset.load();
        Set<CellId> measured = new HashSet<>(subset.cells());
        for (int i = 0; i < w.length; i++) {
          CellId cell = cells.get(i);
          w[i] =
              measured.contains(cell)
                  ? Math.max(0, subset.value(subset.indexOf(cell), slot, Service.INTERNET))
                  : 0;
        }
      }
    }
    return w;
  }

  private static GeoBounds boundingBox(List<Position> ring) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Position p : ring) {
      minX = Math.min(minX, p.x());
      minY = Math.min(minY, p.y());
      maxX = Math.max(maxX, p.x());
      maxY = Math.max(maxY, p.y());
    }
    return new GeoBounds(minX, minY, maxX, maxY);
  }
}
