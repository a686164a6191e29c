package dnt.cli.experiment;

import dnt.experiments.forecasting.CostExperiment;
import dnt.experiments.forecasting.CostSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt experiment forecasting-cost}: the forecasting study's methods priced on a network with
 * a hierarchy, and where the paper's 43.8% cut would appear (Sec. IV-A; docs/forecasting.md).
 *
 * {@snippet lang="shell" :
 * dnt experiment forecasting-cost
 * dnt experiment forecasting-cost --run results/forecasting/<run> --set raw.preset=cdr
 * }
 */
@Command(
    name = "forecasting-cost",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The cost of the forecasting study's methods (Traditional DT daily and one-time, V-twin and"
          + " H-twin with and without clusters) on stations -> cluster heads -> cloud, with"
          + " fibre, microwave or wireless backhaul (rated by the twin's link budget), counted"
          + " from a forecasting run's settings and its measured training seconds; the cut of the"
          + " joint V-H workflow against the centralized baselines as a function of raw-data"
          + " volume and update frequency, and where the paper's 43.8% would appear.",
      "Writes results/forecasting-cost/<run>/: cost.csv, sweep.csv, breakeven.csv, check.csv,"
          + " cost_ratio.png, report.md, config.yaml, manifest.json."
    })
public final class ForecastingCostExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Option(
      names = "--results-dir",
      defaultValue = "results",
      description = "Results root (default: ${DEFAULT-VALUE}).")
  Path resultsDir = Path.of("results");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (run, updatesPerDay, raw.preset, network.mix.wireless, sweep.bytesPerDay,"
              + " ...). Options given on the command line override the file.")
  @Nullable Path config;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      description =
          "The forecasting run to price: a folder with config.yaml, metrics.csv and timing.csv"
              + " (default: docs/results/forecasting/fedda-5seeds-20261203).")
  @Nullable Path run;

  @Override
  public Integer call() {
    Path r = run;
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--run", "run", r == null ? null : r.toString());
    CostSettings settings = CostSettings.resolve(Optional.ofNullable(config), given.values());
    CostExperiment experiment = new CostExperiment(settings);
    RunOptions options = new RunOptions();
    options.resultsDir = resultsDir;
    return options.run(
        spec, CostSettings.EXPERIMENT, experiment.seed(), experiment.seeds(), experiment::run);
  }
}
