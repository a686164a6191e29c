package dnt.cli.raytrace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.cli.version.VersionProvider;
import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
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
import dnt.experiments.report.Stats;
import dnt.experiments.settings.SettingsYaml;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt raytrace fusion}: how the downlink SINR distribution of a small-cell twin over a
 * synthetic city changes when its path loss comes from ray-traced radio maps ({@code raymap}), from
 * their fusion with TR 38.901 ({@code fused}), or from TR 38.901 UMi alone ({@code umi}).
 */
@Command(
    name = "fusion",
    mixinStandardHelpOptions = true,
    description = {
      "Per seed: a synthetic city, small cells and users in its streets, one ray-traced path-gain",
      "map per cell (second-order reflections, ground, rooftop diffraction), and three twins that",
      "differ only in path loss: umi (TR 38.901 UMi, random LOS, no shadowing), raymap, fused.",
      "Writes DIR/metrics.csv (seed,model,user,x,y,serving,rsrp_dbm,sinr_db), summary.csv,",
      "config.yaml (rerun with --config) and manifest.json."
    })
public final class FusionCommand implements Callable<Integer> {
  /** The models compared, in output order. */
  static final List<String> MODELS = List.of("umi", "raymap", "fused");

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "A config.yaml a run wrote.")
  @Nullable Path config;

  @Option(names = "--seed", description = "Base seed (default 42).")
  @Nullable Long seed;

  @Option(names = "--seeds", description = "Replications (default 5).")
  @Nullable Integer seeds;

  @Option(names = "--city-size", description = "City side, m (default 400).")
  @Nullable Double citySize;

  @Option(names = "--stations", description = "Small cells (default 4).")
  @Nullable Integer stations;

  @Option(names = "--users", description = "Users (default 400).")
  @Nullable Integer users;

  @Option(names = "--step", description = "Map grid spacing, m (default 10).")
  @Nullable Double step;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new folder.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Map<String, Object> given = new HashMap<>();
    put(given, "seed", seed);
    put(given, "seeds", seeds);
    put(given, "citySizeM", citySize);
    put(given, "stations", stations);
    put(given, "users", users);
    put(given, "stepM", step);
    FusionSettings s =
        SettingsYaml.resolve(
            FusionSettings.defaults(),
            Optional.ofNullable(config),
            given,
            FusionSettings.EXPERIMENT,
            FusionSettings.class);
    if (Files.exists(out)) {
      throw new InvalidInputException("--out " + out + " exists; give a new folder");
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < s.seeds(); r++) {
      long runSeed = s.seed() + r;
      rows.addAll(replication(s, runSeed));
      err.printf(Locale.ROOT, "dnt: fusion seed %d done%n", runSeed);
      err.flush();
    }
    Files.createDirectories(out);
    writeMetrics(rows);
    writeSummary(s, rows);
    SettingsYaml.write(
        out.resolve("config.yaml"),
        List.of(
            "dnt raytrace fusion: the complete effective configuration of this run.",
            "Rerun it with: dnt raytrace fusion --config config.yaml --out NEW_DIR"),
        SettingsYaml.treeOf(FusionSettings.EXPERIMENT, s));
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = json.createObjectNode();
    manifest.put("command", "dnt raytrace fusion");
    manifest.put("version", VersionProvider.version());
    manifest.put("seed", s.seed());
    manifest.put("seeds", s.seeds());
    manifest.set("config", SettingsYaml.treeOf(FusionSettings.EXPERIMENT, s));
    manifest.put(
        "note",
        "synthetic: a seeded city (dnt raytrace city's generator), cells and users drawn in its"
            + " streets; no measurements");
    json.writerWithDefaultPrettyPrinter()
        .writeValue(out.resolve("manifest.json").toFile(), manifest);
    spec.commandLine().getOut().println(out);
    return 0;
  }

  private static void put(Map<String, Object> given, String key, @Nullable Object value) {
    if (value != null) {
      given.put(key, value);
    }
  }

  /** One user's outcome under one model. */
  record Row(
      long seed,
      String model,
      int user,
      double x,
      double y,
      int serving,
      double rsrpDbm,
      double sinrDb) {}

  /** One seed: the city, the cells, the users, the maps and the three twins. */
  static List<Row> replication(FusionSettings s, long seed) {
    double size = s.citySizeM();
    List<Building> buildings =
        new SyntheticCity(size, size).generate(Seeds.generator(Seeds.derive(seed, 0)));
    Scene scene = new Scene(buildings, Material.named("medium-dry-ground"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(s.carrierGhz(), 2, true, true));
    RandomGenerator place = Seeds.generator(Seeds.derive(seed, 1));
    List<Point3> cells = new ArrayList<>();
    while (cells.size() < s.stations()) {
      Point3 p = street(scene, place, size, s.stationHeightM());
      cells.add(p);
    }
    List<Point3> people = new ArrayList<>();
    while (people.size() < s.users()) {
      people.add(street(scene, place, size, 1.5));
    }
    int columns = (int) Math.floor(size / s.stepM()) + 1;
    RadioMaps.Grid grid = new RadioMaps.Grid(0, 0, s.stepM(), columns, columns, 1.5);
    List<PathGainMap> maps = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      maps.add(RadioMaps.trace(tracer, c + 1, cells.get(c), grid));
    }
    UrbanMicro umi = new UrbanMicro(s.carrierGhz());
    List<Row> rows = new ArrayList<>();
    for (String model : MODELS) {
      PropagationModel m =
          model.equals("umi") ? umi : RadioMapModels.MODELS.factory(model).make(umi, maps);
      TwinConfig config =
          TwinConfig.defaults(new GeoBounds(0, 0, size, size))
              .withLinks(new LinkBudget(m, LosMode.RANDOM, false, seed))
              .withGridCellM(100);
      NetworkTwinBuilder b = NetworkTwin.builder(config);
      for (int c = 0; c < cells.size(); c++) {
        Point3 p = cells.get(c);
        // capacity 1 Mbit/s under 1 Mbit/s per user: every cell with a user is fully active
        b.station(
            new StationSpec(
                BaseStationId.of(c + 1), new Position(p.x(), p.y()), p.z(), s.txPowerDbm(), 0, 1));
      }
      for (int u = 0; u < people.size(); u++) {
        b.user(u, people.get(u).x(), people.get(u).y(), 1.5, 1);
      }
      NetworkTwin twin = b.build();
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

  private void writeMetrics(List<Row> rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("metrics.csv"))) {
      w.write("seed,model,user,x,y,serving,rsrp_dbm,sinr_db\n");
      for (Row r : rows) {
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%s,%d,%.2f,%.2f,%d,%.4f,%.4f%n",
                r.seed(),
                r.model(),
                r.user(),
                r.x(),
                r.y(),
                r.serving(),
                r.rsrpDbm(),
                r.sinrDb()));
      }
    }
  }

  /**
   * Per model: the mean over seeds of each seed's median, 10th and 90th percentile SINR with 95 %
   * Student-t intervals, and the mean difference of the medians from umi on the same seeds.
   */
  private void writeSummary(FusionSettings s, List<Row> rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("summary.csv"))) {
      w.write(
          "model,seeds,p10_sinr_db,p10_ci95_db,median_sinr_db,median_ci95_db,p90_sinr_db,"
              + "p90_ci95_db,median_minus_umi_db,median_minus_umi_ci95_db\n");
      List<double[][]> byModel = new ArrayList<>();
      for (String model : MODELS) {
        double[][] q = new double[3][s.seeds()];
        for (int r = 0; r < s.seeds(); r++) {
          long sd = s.seed() + r;
          double[] sinr =
              rows.stream()
                  .filter(x -> x.seed() == sd && x.model().equals(model))
                  .mapToDouble(Row::sinrDb)
                  .sorted()
                  .toArray();
          q[0][r] = quantile(sinr, 0.1);
          q[1][r] = quantile(sinr, 0.5);
          q[2][r] = quantile(sinr, 0.9);
        }
        byModel.add(q);
      }
      for (int k = 0; k < MODELS.size(); k++) {
        String model = MODELS.get(k);
        double[][] q = byModel.get(k);
        Stats.MeanCi p10 = Stats.meanCi95(q[0]);
        Stats.MeanCi p50 = Stats.meanCi95(q[1]);
        Stats.MeanCi p90 = Stats.meanCi95(q[2]);
        Stats.MeanCi diff = Stats.pairedDifference95(q[1], byModel.get(MODELS.indexOf("umi"))[1]);
        w.write(
            String.format(
                Locale.ROOT,
                "%s,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f%n",
                model,
                s.seeds(),
                p10.mean(),
                p10.halfWidth(),
                p50.mean(),
                p50.halfWidth(),
                p90.mean(),
                p90.halfWidth(),
                diff.mean(),
                diff.halfWidth()));
      }
    }
  }

  /** The nearest-rank quantile of sorted values. */
  static double quantile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int k = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
  }
}
