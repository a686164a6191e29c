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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One replication of the fusion study: a synthetic city of the replication's seed ({@link
 * SyntheticCity}, stream 0), small cells and users drawn in its streets (stream 1), one ray-traced
 * path-gain map per cell (second-order reflections, the ground, rooftop diffraction; {@link
 * RadioMaps#trace}), and three twins that differ only in path loss: {@code umi} (TR 38.901 UMi,
 * random LOS from the seed, no shadowing), {@code raymap} and {@code fused} ({@link
 * RadioMapModels#MODELS} over UMi). Every cell has capacity 1 Mbit/s and every user asks 1 Mbit/s,
 * so every cell with a user is fully active (a cell with no user is silent, as in the twin). With
 * {@code twin: milan} the stations, users and buildings are {@link MilanFusion}'s instead (the
 * Milan twin's stations and traffic-placed users under seeded synthetic buildings or a footprints
 * file), and a station's map covers the users' area within {@code mapRangeM} of it. No I/O besides
 * the bundled data and the footprints file that {@link MilanFusion} reads when the study is made.
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
  private final @Nullable MilanFusion milan;
  private final Map<Long, MilanFusion.Inputs> inputs = new ConcurrentHashMap<>();

  /**
   * Creates the study; for {@code twin: milan} loads the bundled Milan data and the footprints
   * file.
   *
   * @param settings the settings
   * @throws dnt.core.InvalidInputException when the footprints file is malformed
   */
  public FusionStudy(FusionSettings settings) {
    this.settings = settings;
    this.milan = settings.milan() ? new MilanFusion(settings) : null;
  }

  @Override
  public List<Row> replicate(Replication replication) {
    long seed = replication.seed();
    if (milan != null) {
      MilanFusion.Inputs in = milan.inputs(seed);
      inputs.put(seed, in);
      RayTracer tracer = tracer(in.scene());
      List<PathGainMap> maps = new ArrayList<>();
      for (MilanFusion.Site c : in.stations()) {
        RadioMaps.Grid grid = milan.grid(c.at());
        if (grid != null) {
          maps.add(RadioMaps.trace(tracer, c.id(), c.at(), grid));
        }
      }
      return rows(seed, in.stations(), in.users(), maps, milan.sceneArea());
    }
    FusionSettings s = settings;
    double size = s.citySizeM();
    List<Building> buildings =
        new SyntheticCity(size, size).generate(Seeds.generator(Seeds.derive(seed, 0)));
    Scene scene = new Scene(buildings, Material.named("medium-dry-ground"));
    RandomGenerator place = Seeds.generator(Seeds.derive(seed, 1));
    List<MilanFusion.Site> cells = new ArrayList<>();
    while (cells.size() < s.stations()) {
      cells.add(
          new MilanFusion.Site(cells.size() + 1, street(scene, place, size, s.stationHeightM())));
    }
    List<MilanFusion.Site> people = new ArrayList<>();
    while (people.size() < s.users()) {
      people.add(new MilanFusion.Site(people.size(), street(scene, place, size, USER_HEIGHT_M)));
    }
    int columns = (int) Math.floor(size / s.stepM()) + 1;
    RadioMaps.Grid grid = new RadioMaps.Grid(0, 0, s.stepM(), columns, columns, USER_HEIGHT_M);
    RayTracer tracer = tracer(scene);
    List<PathGainMap> maps = new ArrayList<>();
    for (MilanFusion.Site c : cells) {
      maps.add(RadioMaps.trace(tracer, c.id(), c.at(), grid));
    }
    return rows(seed, cells, people, maps, new GeoBounds(0, 0, size, size));
  }

  /** Second-order reflections, the ground and rooftop diffraction at the study's carrier. */
  private RayTracer tracer(Scene scene) {
    return new RayTracer(scene, new TraceSettings(settings.carrierGhz(), 2, true, true));
  }

  /**
   * The inputs of the Milan replications run so far, by seed (empty for a synthetic city).
   *
   * @return them, in seed order
   */
  public List<MilanFusion.Inputs> milanInputs() {
    return List.copyOf(new TreeMap<>(inputs).values());
  }

  /** Evaluates every user under every model, given the stations' maps. */
  private List<Row> rows(
      long seed,
      List<MilanFusion.Site> cells,
      List<MilanFusion.Site> people,
      List<PathGainMap> maps,
      GeoBounds area) {
    UrbanMicro umi = new UrbanMicro(settings.carrierGhz());
    List<Row> rows = new ArrayList<>();
    for (String model : MODELS) {
      PropagationModel m =
          model.equals("umi") ? umi : RadioMapModels.MODELS.factory(model).make(umi, maps);
      NetworkTwin twin = twin(m, cells, people, seed, area);
      for (MilanFusion.Site u : people) {
        UserState st = twin.user(UserId.of(u.id()));
        BaseStationId serving = st.serving();
        rows.add(
            new Row(
                seed,
                model,
                u.id(),
                u.at().x(),
                u.at().y(),
                serving == null ? 0 : serving.value(),
                st.rsrpDbm(),
                st.sinrDb()));
      }
    }
    return rows;
  }

  private NetworkTwin twin(
      PropagationModel model,
      List<MilanFusion.Site> cells,
      List<MilanFusion.Site> people,
      long seed,
      GeoBounds area) {
    TwinConfig config =
        TwinConfig.defaults(area)
            .withLinks(new LinkBudget(model, LosMode.RANDOM, false, seed))
            .withGridCellM(100);
    NetworkTwinBuilder b = NetworkTwin.builder(config);
    for (MilanFusion.Site c : cells) {
      Point3 p = c.at();
      // capacity 1 Mbit/s under 1 Mbit/s per user: every cell with a user is fully active
      b.station(
          new StationSpec(
              BaseStationId.of(c.id()),
              new Position(p.x(), p.y()),
              p.z(),
              settings.txPowerDbm(),
              0,
              1));
    }
    for (MilanFusion.Site u : people) {
      b.user(u.id(), u.at().x(), u.at().y(), u.at().z(), 1);
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
