package dnt.experiments.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.store.ExportCsv;
import dnt.data.store.IngestOptions;
import dnt.data.store.Selection;
import dnt.data.store.StoreKey;
import dnt.data.store.TrafficStore;
import dnt.data.synth.SynthConfig;
import dnt.data.synth.SyntheticMilan;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.settings.SettingsYaml;
import dnt.learn.fl.FlConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The forecasting study end to end: loads and prepares the data, runs the methods for each seed,
 * and writes {@code results/forecasting/<run>/} (metrics.csv, curve.csv, fig3.png, report.md,
 * config.yaml, manifest.json).
 *
 * {@snippet lang="shell" :
 * dnt experiment forecasting --seeds 3
 * dnt experiment forecasting --preset fedda --fraction 1.0 --methods v-twin-no-cluster,persistence
 * }
 */
public final class ForecastingExperiment {
  /** The experiment's name (results folder). */
  public static final String NAME = "forecasting";

  private ForecastingExperiment() {}

  /**
   * What to run.
   *
   * @param data subset, synthetic, or a store (.duckdb) / export CSV path
   * @param service internet, sms (in + out) or call (in + out)
   * @param resolution hour or 10min
   * @param seed the base seed
   * @param seeds replications (seed, seed+1, ...)
   * @param preset a protocol preset ("fedda") or empty
   * @param timing time FedAvg over all sampled clients only (seconds per client-round)
   * @param config a YAML file overriding reference.yaml, or empty
   * @param overrides dotted config overrides applied last (e.g. sync.rounds)
   * @param methods the methods to run
   * @param resultsDir the results root
   * @param syntheticCells cells of the synthetic data
   * @param cells use only the first n cells (0: all)
   */
  public record Options(
      String data,
      String service,
      String resolution,
      long seed,
      int seeds,
      Optional<String> preset,
      boolean timing,
      Optional<Path> config,
      Map<String, Object> overrides,
      List<Method> methods,
      Path resultsDir,
      int syntheticCells,
      int cells) {
    /** Checks the fields. */
    public Options {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(resolution, "resolution");
      overrides = Map.copyOf(overrides);
      methods = List.copyOf(methods);
      if (seeds < 1) {
        throw new InvalidInputException("run.seeds (--seeds) must be at least 1, got " + seeds);
      }
      if (methods.isEmpty()) {
        throw new InvalidInputException("run.methods (--methods) names no method");
      }
      if (cells < 0) {
        throw new InvalidInputException("run.cells (--cells) must be >= 0, got " + cells);
      }
    }

    /**
     * The defaults: the bundled subset, internet, hourly, seed 42, one seed, all methods.
     *
     * @return the options
     */
    public static Options defaults() {
      return new Options(
          "subset",
          "internet",
          "hour",
          42,
          1,
          Optional.empty(),
          false,
          Optional.empty(),
          Map.of(),
          List.of(Method.values()),
          Path.of("results"),
          100,
          0);
    }
  }

  /**
   * What a run produced.
   *
   * @param dir the run folder (empty for demos)
   * @param results every method's result per seed
   * @param lines a printable summary
   */
  public record Outcome(Optional<Path> dir, List<MethodResult> results, List<String> lines) {}

  /**
   * The protocol of the published FedDA comparison ({@code --preset fedda}; the commented resource
   * {@code presets/fedda.yaml} beside this class): hourly data, last 7 days as test, closeness 3
   * newest first + period 3, the dual LSTM (2 layers, hidden 64, dropout 0.2), SGD lr 0.01 momentum
   * 0.9 reset each round, batch 20, no shuffling, 1 local epoch, 100 rounds, unweighted FedAvg,
   * client fraction 0.1.
   *
   * @return the overrides
   */
  public static Map<String, Object> feddaPreset() {
    return preset("fedda");
  }

  /** The names of the presets shipped as YAML resources ({@code presets/NAME.yaml}). */
  static final List<String> PRESETS = List.of("fedda", "demo");

  /**
   * A preset's model settings as dotted-path overrides, read from its commented YAML resource.
   *
   * @param name the preset's name, in any letter case
   * @return the overrides
   * @throws InvalidInputException for an unknown preset, naming the known ones
   */
  public static Map<String, Object> preset(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (!PRESETS.contains(key)) {
      throw new InvalidInputException(
          "unknown --preset '" + name + "'; known presets: " + String.join(", ", PRESETS));
    }
    return SettingsYaml.presetOverrides(ForecastingExperiment.class, "presets/" + key + ".yaml");
  }

  /**
   * The effective configuration of the options.
   *
   * @param o the options
   * @return reference.yaml, then the file, then the preset, then the overrides
   */
  public static FlConfig config(Options o) {
    FlConfig c = o.config().map(ForecastingExperiment::flConfig).orElseGet(FlConfig::defaults);
    if (o.preset().isPresent()) {
      c = c.with(preset(o.preset().get()));
    }
    if (!o.overrides().isEmpty()) {
      c = c.with(o.overrides());
    }
    return c;
  }

  /**
   * The model and federation sections of a settings file (every key but {@code experiment} and
   * {@code run}), over {@code reference.yaml}.
   *
   * @param file the settings file
   * @return the configuration
   * @throws InvalidInputException naming the file and the key path
   */
  static FlConfig flConfig(Path file) {
    ObjectNode tree = SettingsYaml.read(file);
    SettingsYaml.expectExperiment(tree, NAME, file.toString());
    SettingsYaml.take(tree, "run");
    return FlConfig.parse(SettingsYaml.text(tree), file.toString());
  }

  /**
   * The options of a run: the defaults of {@link RunSettings}, then the {@code run:} section of the
   * settings file, then the options given on the command line (each layer replaces the one below).
   *
   * @param file the settings file (a {@code config.yaml} a run wrote, or a user's file), if any
   * @param given run keys given on the command line (e.g. {@code seeds}), highest precedence
   * @param preset a protocol preset, applied over the file's model sections
   * @param flOverrides dotted model overrides given on the command line (e.g. {@code sync.rounds})
   * @param resultsDir the results root
   * @return the options
   * @throws InvalidInputException naming the file (or the command line) and the key path
   */
  public static Options options(
      Optional<Path> file,
      Map<String, Object> given,
      Optional<String> preset,
      Map<String, Object> flOverrides,
      Path resultsDir) {
    ObjectNode run = SettingsYaml.tree(RunSettings.defaults());
    if (file.isPresent()) {
      ObjectNode tree = SettingsYaml.read(file.get());
      SettingsYaml.expectExperiment(tree, NAME, file.get().toString());
      JsonNode section = tree.get("run");
      if (section != null) {
        if (!(section instanceof ObjectNode o)) {
          throw new InvalidInputException(file.get() + ": key 'run' must be a mapping");
        }
        SettingsYaml.merge(run, o);
        SettingsYaml.bind(run, RunSettings.class, file.get().toString(), "run");
      }
    }
    SettingsYaml.override(run, given);
    RunSettings r = SettingsYaml.bind(run, RunSettings.class, "command line", "run");
    return new Options(
        r.data(),
        r.service(),
        r.resolution(),
        r.seed(),
        r.seeds(),
        preset,
        r.timing(),
        file,
        flOverrides,
        r.parsedMethods(),
        resultsDir,
        r.syntheticCells(),
        r.cells());
  }

  /**
   * The complete effective settings of a run as written to {@code config.yaml}: {@code experiment},
   * the {@code run:} section and every section of the model configuration (preset and overrides
   * expanded). Passing this file back with {@code --config} reproduces the run.
   *
   * @param o the options
   * @param config the effective model configuration
   * @param methods the methods that ran
   * @return the tree
   */
  public static ObjectNode settings(Options o, FlConfig config, List<Method> methods) {
    String data =
        o.data().equals("subset") || o.data().equals("synthetic")
            ? o.data()
            : Path.of(o.data()).toAbsolutePath().normalize().toString();
    RunSettings run =
        new RunSettings(
            data,
            o.service(),
            o.resolution(),
            o.seed(),
            o.seeds(),
            methods.stream().map(Method::id).toList(),
            o.cells(),
            o.syntheticCells(),
            o.timing());
    ObjectNode tree = SettingsYaml.tree(Map.of("experiment", NAME));
    tree.set("run", SettingsYaml.tree(run));
    SettingsYaml.merge(tree, SettingsYaml.tree(config));
    return tree;
  }

  /**
   * Loads and prepares the data of the options.
   *
   * @param o the options
   * @param progress progress callback
   * @return the prepared data
   */
  public static ForecastData data(Options o, Progress progress) {
    return data(o, null, progress);
  }

  /**
   * Loads and prepares the data of the options, decrypting an encrypted store with its key. The key
   * is not part of the options: it changes no result, and a run's {@code config.yaml} must not hold
   * it.
   *
   * @param o the options
   * @param storeKey the key of an encrypted store named by {@code o.data()}, or null
   * @param progress progress callback
   * @return the prepared data
   */
  public static ForecastData data(Options o, @Nullable StoreKey storeKey, Progress progress) {
    List<Service> services =
        switch (o.service().toLowerCase(Locale.ROOT)) {
          case "internet" -> List.of(Service.INTERNET);
          case "sms" -> List.of(Service.SMS_IN, Service.SMS_OUT);
          case "call" -> List.of(Service.CALL_IN, Service.CALL_OUT);
          default ->
              throw new InvalidInputException(
                  "run.service (--service) must be internet, sms or call, got '"
                      + o.service()
                      + "'");
        };
    boolean hourly =
        switch (o.resolution().toLowerCase(Locale.ROOT)) {
          case "hour" -> true;
          case "10min" -> false;
          default ->
              throw new InvalidInputException(
                  "run.resolution (--resolution) must be hour or 10min, got '"
                      + o.resolution()
                      + "'");
        };
    if (o.preset().isPresent() && !hourly) {
      throw new InvalidInputException(
          "the preset "
              + o.preset().get()
              + " uses hourly data; set run.resolution (--resolution) to hour");
    }
    String source;
    TrafficDataset ds;
    if (o.data().equals("subset")) {
      ds = MilanSubset.load();
      source = "bundled Milan subset (25 cells, 30 days)";
    } else if (o.data().equals("synthetic")) {
      ds = synthetic(o, progress);
      source = "synthetic Milan (" + ds.cellCount() + " cells, 30 days)";
    } else {
      Path p = Path.of(o.data());
      if (!Files.exists(p)) {
        throw new InvalidInputException(
            "run.data (--data) must be subset, synthetic, or an existing store or export CSV; "
                + p
                + " does not exist");
      }
      ds = p.toString().endsWith(".csv") ? ExportCsv.read(p) : openStore(p, storeKey);
      source = p.toString();
    }
    if (ds.synthetic()) {
      source = "SYNTHETIC data (dnt data synth, not measurements): " + source;
    }
    if (o.cells() > 0 && o.cells() < ds.cellCount()) {
      ds = ds.selectCells(ds.cells().subList(0, o.cells()));
    }
    if (!ds.slot().equals(Duration.ofMinutes(10))) {
      throw new InvalidInputException(
          "the data must have 10-minute slots, got " + ds.slot() + " in " + source);
    }
    MilanGrid grid = MilanGrid.load();
    String label =
        source
            + ", "
            + o.service().toLowerCase(Locale.ROOT)
            + ", "
            + (hourly ? "hourly" : "10-min");
    return ForecastData.prepare(ds, services, hourly ? 6 : 1, 7, grid::centroid, label);
  }

  private static TrafficDataset openStore(Path p, @Nullable StoreKey key) {
    try (TrafficStore store = TrafficStore.open(p, key)) {
      return store.load(Selection.all());
    }
  }

  private static TrafficDataset synthetic(Options o, Progress progress) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("dnt-synthetic-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    try {
      List<Path> files =
          SyntheticMilan.bundled()
              .write(
                  SynthConfig.of(o.syntheticCells(), 30, o.seed()), tmp.resolve("raw"), progress);
      try (TrafficStore store = TrafficStore.create(tmp.resolve("store.duckdb"))) {
        store.ingest(files, IngestOptions.defaults());
        return store.load(Selection.all());
      }
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary folder
    }
  }

  /**
   * Runs the study and writes the results.
   *
   * @param o the options
   * @param version the dnt version for the manifest
   * @param progress progress callback
   * @return the outcome
   */
  public static Outcome run(Options o, String version, Progress progress) {
    return run(o, null, version, progress);
  }

  /**
   * Runs the study on an encrypted store and writes the results (the key is not written).
   *
   * @param o the options
   * @param storeKey the key of an encrypted store named by {@code o.data()}, or null
   * @param version the dnt version for the manifest
   * @param progress progress callback
   * @return the outcome
   */
  public static Outcome run(
      Options o, @Nullable StoreKey storeKey, String version, Progress progress) {
    FlConfig config = config(o);
    ForecastData data = data(o, storeKey, progress);
    List<Method> methods = o.timing() ? List.of(Method.V_TWIN_NO_CLUSTER) : o.methods();
    ForecastingStudy study = new ForecastingStudy(config, data, progress);
    try (ResultsRun run = ResultsRun.start(o.resultsDir(), NAME, o.seed(), o.seeds())) {
      List<MethodResult> results = new ArrayList<>();
      // the study reports its own progress, per method over all replications
      Replications.run(rep -> study.run(methods, rep), o.seed(), o.seeds(), Progress.NONE)
          .forEach(results::addAll);
      ForecastingReport.writeMetrics(run.file("metrics.csv"), results);
      ForecastingReport.writeTimings(run.file("timing.csv"), results);
      ForecastingReport.writeCurves(run.file("curve.csv"), results);
      String title = data.label().replaceAll(" \\(.*?\\)", "");
      ForecastingReport.writeFigure(run.file("fig3.png"), results, title);
      List<String> header = ForecastingReport.header(o, config, data, study);
      try {
        Files.writeString(run.file("report.md"), ForecastingReport.markdown(results, header));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report", e);
      }
      run.settings(
              settings(o, config, methods),
              List.of(
                  "dnt experiment forecasting: the complete effective configuration of this run.",
                  "Rerun it with: dnt experiment forecasting --config config.yaml",
                  "(options given beside --config override this file; preset: "
                      + o.preset().orElse("none")
                      + ", expanded below)"))
          .config("architecture", study.architecture().name())
          .config("parameters", study.architecture().parameterCount());
      if (o.data().equals("subset")) {
        run.input(dnt.data.milan.BundledData.file(dnt.data.milan.BundledData.SUBSET_SERIES));
      } else if (o.data().equals("synthetic")) {
        run.note("synthetic data from dnt.data.synth.SyntheticMilan, not measurements");
      } else {
        run.input(Path.of(o.data()));
      }
      run.finish(version);
      List<String> lines = new ArrayList<>(ForecastingReport.summary(results, o.timing()));
      lines.add("results: " + run.dir());
      return new Outcome(Optional.of(run.dir()), results, lines);
    }
  }

  /** The methods of the demo: the two baselines, the clustered V-twin and its H-twin. */
  static final List<Method> DEMO_METHODS =
      List.of(Method.PERSISTENCE, Method.SEASONAL_NAIVE, Method.V_TWIN, Method.H_TWIN);

  /**
   * The settings of {@code dnt demo}'s short run (the preset {@code demo}, the commented resource
   * {@code presets/demo.yaml} beside this class), chosen so that a few seconds of training give a
   * twin that is clearly better than persistence on the 6 cells: an MLP (64 hidden units) over the
   * last 6 hours, the same hour of the previous 3 days and hour-of-day / day-of-week inputs, Adam
   * (learning rate 0.003, shuffled batches), 20 FedAvg rounds with 2 cluster twins.
   *
   * @return the configuration
   */
  public static FlConfig demoConfig() {
    return FlConfig.defaults().with(preset("demo"));
  }

  /**
   * What {@code dnt demo} prints and the numbers behind it.
   *
   * @param results one result per demo method (seed 42)
   * @param lines the printable lines
   */
  public record Demo(List<MethodResult> results, List<String> lines) {}

  /**
   * A short run for {@code dnt demo}: 6 cells of the bundled subset, the settings of {@link
   * #demoConfig()}, persistence, seasonal naive, V-twin and H-twin; a few seconds of training.
   *
   * @return the results and printable lines, ending with the comparison against persistence
   */
  public static Demo demo() {
    Options o = Options.defaults();
    FlConfig c = demoConfig();
    ForecastData data = data(o, Progress.NONE).firstCells(6);
    ForecastingStudy study = new ForecastingStudy(c, data, Progress.NONE);
    List<MethodResult> rs = study.run(DEMO_METHODS, Seeds.derive(42, 0));
    List<String> lines = new ArrayList<>();
    lines.add(
        "Federated forecasting (paper IV-A): 6 Milan cells, hourly internet traffic, last 7 days"
            + " as test; an MLP twin (64 hidden units, "
            + study.architecture().parameterCount()
            + " parameters) trained by 20 FedAvg rounds with 2 cluster twins (V-twin), then"
            + " updated as the 7 test days stream in (H-twin).");
    lines.addAll(ForecastingReport.summary(rs, false));
    double persistence = mse(rs, Method.PERSISTENCE);
    for (Method m : List.of(Method.V_TWIN, Method.H_TWIN)) {
      double twin = mse(rs, m);
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: MSE(z) %.4f, %.1f%% %s persistence (%.4f).",
              m.label(),
              twin,
              100 * Math.abs(1 - twin / persistence),
              twin < persistence ? "below" : "above",
              persistence));
    }
    return new Demo(rs, lines);
  }

  private static double mse(List<MethodResult> rs, Method m) {
    return rs.stream().filter(r -> r.method() == m).findFirst().orElseThrow().scores().mseZ();
  }
}
