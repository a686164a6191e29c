package dnt.experiments.fusion;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.PathGainMap;
import dnt.core.radio.PropagationModel;
import dnt.core.radio.RadioMapModels;
import dnt.core.radio.UrbanMicro;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Material;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RadioMaps;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.SyntheticCity;
import dnt.core.raytrace.TraceSettings;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.UserState;
import dnt.core.util.Seeds;
import dnt.experiments.harness.Replication;
import dnt.experiments.harness.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One replication of the fusion study: a synthetic city of the replication's seed ({@link
 * SyntheticCity}, stream 0), small cells and users drawn in its streets (stream 1), one ray-traced
 * path-gain map per cell (second-order reflections, the ground, rooftop diffraction; {@link
 * RadioMaps#trace}), and three twins that differ only in path loss: {@code umi} (TR 38.901 UMi,
 * random LOS from the seed, no shadowing), {@code raymap} and {@code fused} ({@link
 * RadioMapModels#MODELS} over UMi). Every cell has capacity 1 Mbit/s and every user asks 1 Mbit/s,
 * so every cell with a user is fully active. No I/O.
 */
public final class FusionStudy implements Study<List<FusionStudy.Row>> {
  /** The models compared, in output order. */
  public static final List<String> MODELS = List.of("umi", "raymap", "fused");

  /** The receivers' (users' and maps') height, m. */
  static final double USER_HEIGHT_M = 1.5;

  /**
   * One user's outcome under one model.
   *
   * @param seed the replication's seed
   * @param model the path-loss model, one of {@link #MODELS}
   * @param user the user's index
   * @param x its position, m
   * @param y its position, m
   * @param serving its serving cell, 0 for none
   * @param rsrpDbm its received power from the serving cell, dBm
   * @param sinrDb its downlink SINR, dB
   */
  public record Row(
      long seed,
      String model,
      int user,
      double x,
      double y,
      int serving,
      double rsrpDbm,
      double sinrDb) {}

  private final FusionSettings settings;

  /**
   * Creates the study.
   *
   * @param settings the settings
   */
  public FusionStudy(FusionSettings settings) {
    this.settings = settings;
  }

  @Override
  public List<Row> replicate(Replication replication) {
    FusionSettings s = settings;
    long seed = replication.seed();
    double size = s.citySizeM();
    List<Building> buildings =
        new SyntheticCity(size, size).generate(Seeds.generator(Seeds.derive(seed, 0)));
    Scene scene = new Scene(buildings, Material.named("medium-dry-ground"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(s.carrierGhz(), 2, true, true));
    RandomGenerator place = Seeds.generator(Seeds.derive(seed, 1));
    List<Point3> cells = new ArrayList<>();
    while (cells.size() < s.stations()) {
      cells.add(street(scene, place, size, s.stationHeightM()));
    }
    List<Point3> people = new ArrayList<>();
    while (people.size() < s.users()) {
      people.add(street(scene, place, size, USER_HEIGHT_M));
    }
    int columns = (int) Math.floor(size / s.stepM()) + 1;
    RadioMaps.Grid grid = new RadioMaps.Grid(0, 0, s.stepM(), columns, columns, USER_HEIGHT_M);
    List<PathGainMap> maps = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      maps.add(RadioMaps.trace(tracer, c + 1, cells.get(c), grid));
    }
    UrbanMicro umi = new UrbanMicro(s.carrierGhz());
    List<Row> rows = new ArrayList<>();
    for (String model : MODELS) {
      PropagationModel m =
          model.equals("umi") ? umi : RadioMapModels.MODELS.factory(model).make(umi, maps);
      NetworkTwin twin = twin(m, cells, people, seed);
      for (int u = 0; u < people.size(); u++) {
        UserState st = twin.user(UserId.of(u));
        BaseStationId serving = st.serving();
        rows.add(
            new Row(
                seed,
                model,
                u,
                people.get(u).x(),
                people.get(u).y(),
                serving == null ? 0 : serving.value(),
                st.rsrpDbm(),
                st.sinrDb()));
      }
    }
    return rows;
  }

  private NetworkTwin twin(
      PropagationModel model, List<Point3> cells, List<Point3> people, long seed) {
    double size = settings.citySizeM();
    TwinConfig config =
        TwinConfig.defaults(new GeoBounds(0, 0, size, size))
            .withLinks(new LinkBudget(model, LosMode.RANDOM, false, seed))
            .withGridCellM(100);
    NetworkTwinBuilder b = NetworkTwin.builder(config);
    for (int c = 0; c < cells.size(); c++) {
      Point3 p = cells.get(c);
      // capacity 1 Mbit/s under 1 Mbit/s per user: every cell with a user is fully active
      b.station(
          new StationSpec(
              BaseStationId.of(c + 1),
              new Position(p.x(), p.y()),
              p.z(),
              settings.txPowerDbm(),
              0,
              1));
    }
    for (int u = 0; u < people.size(); u++) {
      b.user(u, people.get(u).x(), people.get(u).y(), USER_HEIGHT_M, 1);
    }
    return b.build();
  }

  /** A point in the streets (outside every footprint), coordinates rounded to the centimetre. */
  private static Point3 street(Scene scene, RandomGenerator r, double size, double z) {
    while (true) {
      Point3 p =
          new Point3(
              Math.round(r.nextDouble(size) * 100) / 100.0,
              Math.round(r.nextDouble(size) * 100) / 100.0,
              z);
      boolean inside = false;
      for (Building b : scene.buildings()) {
        inside |= b.contains(p.x(), p.y());
      }
      if (!inside) {
        return p;
      }
    }
  }
}
