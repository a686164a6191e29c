package dnt.experiments.fusion;

import dnt.core.CellId;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Material;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RadioMaps;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.SyntheticCity;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.UserSpec;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.data.milan.BaseStations;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.RadioLayer;
import dnt.data.scene.SceneFile;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Milan variant of the fusion study's inputs ({@code twin: milan}): the real stations and users
 * of the Milan twin under buildings that are, by default, <b>synthetic</b>: the repository has no
 * building footprints of Milan, so seeded blocks of {@link SyntheticCity} are laid over the real
 * station and traffic positions, unless a user's GeoJSON footprints are given ({@code scene}).
 *
 * <ul>
 *   <li><b>Users' area</b>: the bounding box of the bundled subset's 25 squares (about 1.18 km x
 *       1.18 km of central Milan), the only squares where {@link UserPlacement#TRAFFIC} puts users.
 *   <li><b>Users</b>: exactly those of {@link MilanTwin} with the LTE layer, {@code users} users
 *       placed by the subset's internet traffic at {@code slot}, mean demand {@value
 *       #MEAN_DEMAND_MBPS} Mbit/s (the defaults of {@code dnt twin}) and the replication's seed,
 *       read back from the twin it builds. A user whose position lies inside a building (below its
 *       roof) is <b>dropped</b>: the study is about street-level users, and moving indoor users to
 *       the nearest street would pile them along walls, while dropping leaves the kept ones uniform
 *       over the streets of each square and weighted by its traffic.
 *   <li><b>Stations</b>: the Milan twin's LTE stations (OpenCellID aggregated positions) inside the
 *       users' area widened by {@code marginM}, with the twin's small-cell profile ({@code
 *       stationHeightM}, {@code txPowerDbm}). A station whose position lies inside a footprint is
 *       put on that building's roof: its antenna height becomes the roof plus {@value #ROOF_MAST_M}
 *       m (a rooftop mast) when that is above the profile's height (operators mount urban cells on
 *       roofs; moving the station would change the data's positions). Stations farther away are
 *       left out: a station with no user is silent in the twin, and they would seldom be a user's
 *       best server.
 *   <li><b>Maps</b>: a station's ray-traced map covers the users' area within {@code mapRangeM} of
 *       it (a square; {@link #grid}), the range where its links matter: the serving station is
 *       almost always nearer (the stations are about 240 m apart), and beyond 250 m a UMi NLOS link
 *       at 3.5 GHz is within a few dB of the noise. Links beyond the map take the statistical
 *       model, as outside any map. This bounds the tracing to what one seed can afford on two
 *       cores.
 *   <li><b>Buildings</b>: {@link SyntheticCity} over the same widened area, from stream 0 of the
 *       replication's seed (so the seeds vary the buildings, the users' placement and the random
 *       LOS states), or the footprints file, the same for every seed.
 * </ul>
 */
public final class MilanFusion {
  /** A station inside a footprint stands this high above the roof, m. */
  static final double ROOF_MAST_M = 3;

  /** The users' mean demand, Mbit/s: {@code dnt twin}'s default (the placement draws it). */
  static final double MEAN_DEMAND_MBPS = 0.5;

  /**
   * A station or user of the study.
   *
   * @param id its id in the Milan twin
   * @param at its position (antenna or receiver height as z), m on the Milan grid's plane
   */
  public record Site(int id, Point3 at) {}

  /**
   * One replication's inputs.
   *
   * @param seed the replication's seed
   * @param scene the buildings and ground
   * @param stations the stations, in the data's order
   * @param users the kept (street-level) users, by id
   * @param placedUsers the users the Milan twin placed, before dropping those inside buildings
   * @param raisedStations the stations put on a roof
   */
  public record Inputs(
      long seed,
      Scene scene,
      List<Site> stations,
      List<Site> users,
      int placedUsers,
      int raisedStations) {}

  private final FusionSettings settings;
  private final MilanGrid grid;
  private final BaseStations stations;
  private final GeoBounds userArea;
  private final GeoBounds sceneArea;
  private final @Nullable Scene given;

  /**
   * Loads the bundled grid and stations, and the footprints file when one is given.
   *
   * @param settings the settings ({@code twin: milan})
   * @throws dnt.core.InvalidInputException when the footprints file is malformed
   */
  public MilanFusion(FusionSettings settings) {
    this.settings = settings;
    this.grid = MilanGrid.load();
    this.stations = BaseStations.load(RadioLayer.LTE, grid);
    this.userArea = userArea(grid);
    double m = settings.marginM();
    this.sceneArea =
        new GeoBounds(
            userArea.minX() - m, userArea.minY() - m, userArea.maxX() + m, userArea.maxY() + m);
    this.given =
        settings.scene().isEmpty()
            ? null
            : footprints(Path.of(settings.scene()), grid.projection());
  }

  /**
   * The users' area: the bounding box of the subset's squares.
   *
   * @return it, m on the Milan grid's plane
   */
  public GeoBounds userArea() {
    return userArea;
  }

  /**
   * The users' area widened by the margin: where stations are taken and buildings generated.
   *
   * @return it, m on the Milan grid's plane
   */
  public GeoBounds sceneArea() {
    return sceneArea;
  }

  /**
   * A station's map grid: the points of the lattice over the users' area (every {@code stepM} from
   * its south-west corner, at the users' height) within {@code mapRangeM} of the station along x
   * and y, so that neighbouring stations' grids share points.
   *
   * @param station the station's antenna
   * @return the grid, or null when no point of the area is that close
   */
  public RadioMaps.@Nullable Grid grid(Point3 station) {
    double step = settings.stepM();
    double range = settings.mapRangeM();
    int columns = (int) Math.floor(userArea.width() / step) + 1;
    int rows = (int) Math.floor(userArea.height() / step) + 1;
    int i0 = Math.max(0, (int) Math.ceil((station.x() - range - userArea.minX()) / step));
    int i1 =
        Math.min(columns - 1, (int) Math.floor((station.x() + range - userArea.minX()) / step));
    int j0 = Math.max(0, (int) Math.ceil((station.y() - range - userArea.minY()) / step));
    int j1 = Math.min(rows - 1, (int) Math.floor((station.y() + range - userArea.minY()) / step));
    if (i0 > i1 || j0 > j1) {
      return null;
    }
    return new RadioMaps.Grid(
        userArea.minX() + i0 * step,
        userArea.minY() + j0 * step,
        step,
        i1 - i0 + 1,
        j1 - j0 + 1,
        FusionStudy.USER_HEIGHT_M);
  }

  /**
   * The Milan twin whose users the study takes for a seed.
   *
   * @param seed the replication's seed
   * @return the request
   */
  public MilanTwin milanTwin(long seed) {
    return new MilanTwin(
        grid,
        stations,
        new StationProfile(settings.stationHeightM(), settings.txPowerDbm(), 0, 150),
        settings.users(),
        UserPlacement.TRAFFIC,
        settings.slot(),
        MEAN_DEMAND_MBPS,
        seed);
  }

  /**
   * One replication's scene, stations and users.
   *
   * @param seed the replication's seed
   * @return the inputs
   */
  public Inputs inputs(long seed) {
    Scene scene = given != null ? given : synthetic(seed);
    List<Site> cells = new ArrayList<>();
    int raised = 0;
    for (BaseStations.Station s : stations.stations()) {
      Position p = s.position();
      if (!sceneArea.contains(p)) {
        continue;
      }
      double z = settings.stationHeightM();
      double roof = roof(scene, p.x(), p.y());
      if (roof + ROOF_MAST_M > z) {
        z = roof + ROOF_MAST_M;
        raised++;
      }
      cells.add(new Site(s.id().value(), new Point3(p.x(), p.y(), z)));
    }
    // the placement alone: the twin's links are not used, so the cheapest model will do
    NetworkTwin milan = milanTwin(seed).build(TwinConfig.defaults(sceneArea), Progress.NONE);
    List<Site> people = new ArrayList<>();
    List<UserId> ids = new ArrayList<>(milan.userIds());
    ids.sort(null);
    for (UserId id : ids) {
      UserSpec u = milan.userSpec(id);
      Position p = u.position();
      if (roof(scene, p.x(), p.y()) <= u.heightM()) {
        people.add(new Site(id.value(), new Point3(p.x(), p.y(), u.heightM())));
      }
    }
    return new Inputs(seed, scene, cells, people, ids.size(), raised);
  }

  /** The highest roof over a point that is above the ground, 0 for none. */
  private static double roof(Scene scene, double x, double y) {
    double roof = 0;
    for (Building b : scene.buildings()) {
      if (b.height() > roof && b.contains(x, y)) {
        roof = b.height();
      }
    }
    return roof;
  }

  /** Synthetic blocks over the scene's area, stream 0 of the seed. */
  private Scene synthetic(long seed) {
    List<Building> local =
        new SyntheticCity(sceneArea.width(), sceneArea.height())
            .generate(Seeds.generator(Seeds.derive(seed, 0)));
    List<Building> placed = new ArrayList<>(local.size());
    for (Building b : local) {
      double[] xs = new double[b.size()];
      double[] ys = new double[b.size()];
      for (int i = 0; i < b.size(); i++) {
        xs[i] = b.x(i) + sceneArea.minX();
        ys[i] = b.y(i) + sceneArea.minY();
      }
      placed.add(new Building(b.id(), xs, ys, b.height(), b.material()));
    }
    return new Scene(placed, Material.named(SceneFile.DEFAULT_GROUND));
  }

  /**
   * Reads a user's footprints onto the Milan grid's plane: WGS84 ones are projected as the twin
   * projects its grid, {@code "frame": "local"} ones are taken as metres on that plane.
   */
  private static Scene footprints(Path file, LocalProjection projection) {
    SceneFile own = SceneFile.read(file);
    if (own.projection() == null) {
      return own.scene();
    }
    SceneFile milan = new SceneFile(new Scene(List.of(), own.scene().ground()), projection);
    return SceneFile.readInto(file, milan).scene();
  }

  private static GeoBounds userArea(MilanGrid grid) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (CellId c : MilanSubset.cells()) {
      for (Position p : grid.polygon(c)) {
        minX = Math.min(minX, p.x());
        minY = Math.min(minY, p.y());
        maxX = Math.max(maxX, p.x());
        maxY = Math.max(maxY, p.y());
      }
    }
    return new GeoBounds(minX, minY, maxX, maxY);
  }
}
