package dnt.cli.experiment;

import dnt.cli.data.StoreKeyOption;
import dnt.cli.version.VersionProvider;
import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.experiments.forecasting.ForecastingExperiment;
import dnt.experiments.forecasting.ForecastingSettings;
import dnt.experiments.forecasting.Method;
import dnt.experiments.forecasting.RunSettings;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt experiment forecasting}: the paper's case study IV-A (Fig. 3), federated traffic
 * forecasting with Traditional DT, V-twin and H-twin (with and without clusters) plus the
 * persistence and seasonal-naive baselines.
 */
@Command(
    name = "forecasting",
    mixinStandardHelpOptions = true,
    description = {
      "Federated traffic forecasting on Milan (paper IV-A, Fig. 3): Traditional DT, V-twin,"
          + " V-twin w/o cluster, H-twin, H-twin w/o cluster, persistence and seasonal naive.",
      "Writes results/forecasting/<run>/ (metrics.csv, timing.csv, curve.csv, fig3.png,"
          + " report.md, config.yaml, manifest.json)."
    })
public final class ForecastingExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Mixin StoreKeyOption storeKey;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (run: data, service, resolution, seed, seeds, split, methods, cells,"
              + " syntheticCells, timing; and the model sections of the study's defaults.yaml)."
              + " Options given on the command line override the file.")
  @Nullable Path config;

  @Option(
      names = "--data",
      defaultValue = "subset",
      description =
          "subset (bundled 25 cells), synthetic, or a store (.duckdb) / export CSV path (default:"
              + " ${DEFAULT-VALUE}).")
  String data;

  @Option(
      names = "--service",
      defaultValue = "internet",
      description = "internet, sms (in + out) or call (in + out) (default: ${DEFAULT-VALUE}).")
  String service;

  @Option(
      names = "--resolution",
      defaultValue = "hour",
      description = "hour or 10min (default: ${DEFAULT-VALUE}).")
  String resolution;

  @Option(
      names = "--seeds",
      defaultValue = "1",
      description = "Replications seed, seed+1, ..., at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--preset",
      description =
          "fedda: the published FedDA protocol exactly (see docs/forecasting.md); demo: the"
              + " settings of dnt demo (an MLP that trains in seconds). Presets are commented YAML"
              + " files in the dnt-experiments resources; applied over --config, below --set,"
              + " --rounds, --fraction, --async-fraction, --threads.")
  @Nullable String preset;

  @Option(
      names = "--timing",
      description = "Time FedAvg over all sampled clients only; print seconds per client-round.")
  boolean timing;

  @Option(names = "--rounds", description = "Override sync.rounds, at least 1.")
  @Nullable Integer rounds;

  @Option(
      names = "--fraction",
      description =
          "Override sync.clientFraction, in (0, 1]: the stations sampled each synchronous round"
              + " (V-twin phase).")
  Double fraction;

  @Option(
      names = "--async-fraction",
      description =
          "Override async.clientFraction, in (0, 1]: the stations (a seeded ceil(C n)) that send"
              + " an H-twin update each streamed day.")
  @Nullable Double asyncFraction;

  @Option(
      names = "--threads",
      description = "Override threads (parallel clients), at least 1; results do not depend on it.")
  @Nullable Integer threads;

  @Option(
      names = "--methods",
      split = ",",
      paramLabel = "METHOD",
      completionCandidates = MethodIds.class,
      description = "Comma-separated methods to run (default: all): ${COMPLETION-CANDIDATES}.")
  @Nullable List<String> methods;

  @Option(
      names = "--cells",
      defaultValue = "0",
      description = "Use only the first N cells, N >= 0 (0: all; default: ${DEFAULT-VALUE}).")
  int cells;

  @Option(
      names = "--synthetic-cells",
      defaultValue = "100",
      description = "Cells generated for --data synthetic, at least 1 (default: ${DEFAULT-VALUE}).")
  int syntheticCells;

  /** The method ids, for the help of {@code --methods}. */
  static final class MethodIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return RunSettings.ids().iterator();
    }
  }

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--rounds", "sync.rounds", rounds)
            .put("--fraction", "sync.clientFraction", fraction)
            .put("--async-fraction", "async.clientFraction", asyncFraction)
            .put("--threads", "threads", threads)
            .put("--data", "run.data", data)
            .put("--service", "run.service", service)
            .put("--resolution", "run.resolution", resolution)
            .put("--seed", "run.seed", runOptions.seed)
            .putAtLeast("--seeds", "run.seeds", seeds, 1)
            .put("--timing", "run.timing", timing)
            .putAtLeast("--cells", "run.cells", cells, 0)
            .put("--synthetic-cells", "run.syntheticCells", syntheticCells);
    if (methods != null && !methods.isEmpty()) {
      for (String m : methods) {
        try {
          Method.parse(m);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(
              "--methods: unknown method '" + m + "' (use " + ids() + ")", e);
        }
      }
      given.put("--methods", "run.methods", methods);
    }
    Optional<String> presetName = Optional.ofNullable(preset);
    ForecastingSettings settings =
        ForecastingSettings.resolve(Optional.ofNullable(config), presetName, given.values());
    ForecastingExperiment.Outcome out =
        ForecastingExperiment.run(
            settings,
            presetName,
            storeKey.key(),
            runOptions.resultsDir,
            VersionProvider.version(),
            progress(spec.commandLine().getErr()));
    out.lines().forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String ids() {
    return String.join(", ", RunSettings.ids());
  }

  /** Progress on stderr, at most one line per message change. */
  private static Progress progress(java.io.PrintWriter err) {
    String[] last = {""};
    return (done, total, message) -> {
      String head = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
      boolean milestone = total > 0 && (done == total || done % Math.max(1, total / 5) == 0);
      if (!head.equals(last[0]) || milestone) {
        err.println("forecasting: " + message + (total > 0 ? " (" + done + "/" + total + ")" : ""));
        err.flush();
        last[0] = head;
      }
    };
  }
}
