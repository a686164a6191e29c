package dnt.cli.experiment;

import dnt.experiments.changedetection.ChangeDetectionConfig;
import dnt.experiments.changedetection.ChangeDetectionExperiment;
import java.io.PrintWriter;
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
 * {@code dnt experiment change-detection}: GNN-based change detection on the Milan twin graph
 * against a raw threshold baseline (paper Sec. III-A2 a; docs/change-detection.md).
 *
 * {@snippet lang="shell" :
 * dnt experiment change-detection --seeds 5
 * dnt experiment change-detection --quick
 * }
 */
@Command(
    name = "change-detection",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "GNN-based change detection (paper Sec. III-A2 a): seeded changes (a station switched off,"
          + " a new station, a shift in traffic similarity) injected into the hourly twin graph of"
          + " the Milan stations serving the bundled subset, detected by the embeddings of a GCN"
          + " autoencoder and by a threshold on the raw degree and load vectors.",
      "Writes results/change-detection/<run>/: metrics.csv, report.md, config.yaml,"
          + " manifest.json."
    })
public final class ChangeDetectionExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, baselineDays, scenariosPerKind, k, persist, ...). Options"
              + " given on the command line override the file; the file overrides the defaults or"
              + " --quick.")
  @Nullable Path config;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications seed, seed+1, ..., at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--quick",
      description = "Two changes of each kind per seed and 150 autoencoder steps (still 5 seeds).")
  boolean quick;

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .putAtLeast("--seeds", "seeds", seeds, 1);
    ChangeDetectionConfig settings =
        ChangeDetectionConfig.resolve(Optional.ofNullable(config), quick, given.values());
    PrintWriter err = spec.commandLine().getErr();
    ChangeDetectionExperiment experiment =
        new ChangeDetectionExperiment(
            settings, (done, total, message) -> err.println("dnt: change-detection " + message));
    return runOptions.run(
        spec, ChangeDetectionConfig.EXPERIMENT, settings.seed(), settings.seeds(), experiment::run);
  }
}
