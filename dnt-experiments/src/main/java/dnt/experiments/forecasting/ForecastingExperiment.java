package dnt.experiments.forecasting;

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
  public static final String NAME = ForecastingSettings.EXPERIMENT;

  /** The days held out at the end: the test week (and, for the validation split, its week). */
  static final int TEST_DAYS = 7;

  private ForecastingExperiment() {}

  /**
   * What a run produced.
   *
   * @param dir the run folder (empty for demos)
   * @param results every method's result per seed
   * @param lines a printable summary
   */
  public record Outcome(Optional<Path> dir, List<MethodResult> results, List<String> lines) {}

  /**
   * Loads and prepares the data of a run.
   *
   * @param o the run's settings
   * @param preset the preset the run's settings came from, if any (its protocol is hourly)
   * @param progress progress callback
   * @return the prepared data
   */
  public static ForecastData data(RunSettings o, Optional<String> preset, Progress progress) {
    return data(o, preset, null, progress);
  }

  /**
   * Loads and prepares the data of a run, decrypting an encrypted store with its key. The key is
   * not part of the settings: it changes no result, and a run's {@code config.yaml} must not hold
   * it.
   *
   * @param o the run's settings
   * @param preset the preset the run's settings came from, if any (its protocol is hourly)
   * @param storeKey the key of an encrypted store named by {@code o.data()}, or null
   * @param progress progress callback
   * @return the prepared data
   */
  public static ForecastData data(
      RunSettings o, Optional<String> preset, @Nullable StoreKey storeKey, Progress progress) {
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
    if (preset.isPresent() && !hourly) {
      throw new InvalidInputException(
          "the preset "
              + preset.get()
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
    if (o.validation()) {
      ds = ForecastData.validation(ds, TEST_DAYS);
    }
    MilanGrid grid = MilanGrid.load();
    String label =
        source
            + ", "
            + o.service().toLowerCase(Locale.ROOT)
            + ", "
            + (hourly ? "hourly" : "10-min")
            + (o.validation() ? ", validation week (test week cut off)" : "");
    return ForecastData.prepare(ds, services, hourly ? 6 : 1, TEST_DAYS, grid::centroid, label);
  }

  private static TrafficDataset openStore(Path p, @Nullable StoreKey key) {
    try (TrafficStore store = TrafficStore.open(p, key)) {
      return store.load(Selection.all());
    }
  }

  private static TrafficDataset synthetic(RunSettings o, Progress progress) {
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
   * @param settings the run's complete settings
   * @param preset the preset the settings came from, if any (named in the report and config.yaml)
   * @param resultsDir the results root
   * @param version the dnt version for the manifest
   * @param progress progress callback
   * @return the outcome
   */
  public static Outcome run(
      ForecastingSettings settings,
      Optional<String> preset,
      Path resultsDir,
      String version,
      Progress progress) {
    return run(settings, preset, null, resultsDir, version, progress);
  }

  /**
   * Runs the study, on an encrypted store if the settings name one, and writes the results (the key
   * is not written).
   *
   * @param settings the run's complete settings
   * @param preset the preset the settings came from, if any (named in the report and config.yaml)
   * @param storeKey the key of an encrypted store named by {@code run.data}, or null
   * @param resultsDir the results root
   * @param version the dnt version for the manifest
   * @param progress progress callback
   * @return the outcome
   */
  public static Outcome run(
      ForecastingSettings settings,
      Optional<String> preset,
      @Nullable StoreKey storeKey,
      Path resultsDir,
      String version,
      Progress progress) {
    RunSettings o = settings.run();
    FlConfig config = settings.fl();
    ForecastData data = data(o, preset, storeKey, progress);
    List<Method> methods = o.timing() ? List.of(Method.V_TWIN_NO_CLUSTER) : o.parsedMethods();
    ForecastingStudy study = new ForecastingStudy(config, data, progress);
    try (ResultsRun run = ResultsRun.start(resultsDir, NAME, o.seed(), o.seeds())) {
      List<MethodResult> results = new ArrayList<>();
      // the study reports its own progress, per method over all replications
      Replications.run(rep -> study.run(methods, rep), o.seed(), o.seeds(), Progress.NONE)
          .forEach(results::addAll);
      ForecastingReport.writeMetrics(run.file("metrics.csv"), results);
      ForecastingReport.writeTimings(run.file("timing.csv"), results);
      ForecastingReport.writeCurves(run.file("curve.csv"), results);
      if (methods.stream().anyMatch(Method::clustered)) {
        ClusterDiagnostics.write(
            run.file("clusters.csv"),
            study,
            config.syncSettings(true),
            results.stream().map(MethodResult::seed).distinct().toList());
      }
      String title = data.label().replaceAll(" \\(.*?\\)", "");
      ForecastingReport.writeFigure(run.file("fig3.png"), results, title);
      List<String> header = ForecastingReport.header(o, preset, config, data, study);
      try {
        Files.writeString(run.file("report.md"), ForecastingReport.markdown(results, header));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report", e);
      }
      run.settings(
              new ForecastingSettings(o.written(methods), config).tree(),
              List.of(
                  "dnt experiment forecasting: the complete effective configuration of this run.",
                  "Rerun it with: dnt experiment forecasting --config config.yaml",
                  "(options given beside --config override this file; preset: "
                      + preset.orElse("none")
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
    return ForecastingSettings.defaults().withPreset("demo").fl();
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
    FlConfig c = demoConfig();
    ForecastData data =
        data(ForecastingSettings.defaults().run(), Optional.empty(), Progress.NONE).firstCells(6);
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
