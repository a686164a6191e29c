package dnt.cli.experiment;

import dnt.experiments.integrity.IntegrityExperiment;
import dnt.experiments.integrity.IntegrityRunSettings;
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
 * {@code dnt experiment integrity}: the live twin's synchronization-integrity check on the bundled
 * Milan subset with seeded faults (paper Sec. III-C1; docs/integrity.md).
 *
 * {@snippet lang="shell" :
 * dnt experiment integrity --seeds 5
 * dnt experiment integrity --set faults.share=0.8 --set detector.threshold=4
 * }
 */
@Command(
    name = "integrity",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replay the bundled 25-cell Milan subset with seeded faults (scaling, offset, frozen,"
          + " replay of an old day, drift) in some streams; the live twin's detector and"
          + " mask-predict rule judge every stream: detection delay, false alarms on clean"
          + " streams, forecast error with and without masking.",
      "Writes results/integrity/<run>/: metrics.csv, summary.csv, detection.png,"
          + " forecast_error.png, report.md, config.yaml, manifest.json."
    })
public final class IntegrityExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, cells, detector.*, faults.*). Options given on the command"
              + " line override the file; the file overrides the defaults.")
  @Nullable Path config;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications seed, seed+1, ..., at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--cells",
      defaultValue = "0",
      description = "Use only the first N cells, N >= 0 (0: all 25; default: ${DEFAULT-VALUE}).")
  int cells;

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .putAtLeast("--seeds", "seeds", seeds, 1)
            .putAtLeast("--cells", "cells", cells, 0);
    IntegrityRunSettings settings =
        IntegrityRunSettings.resolve(Optional.ofNullable(config), given.values());
    PrintWriter err = spec.commandLine().getErr();
    // checked before any folder is made, so bad settings leave nothing behind
    IntegrityExperiment experiment =
        new IntegrityExperiment(
            settings, (done, total, message) -> err.println("dnt: integrity " + message));
    return runOptions.run(
        spec, IntegrityRunSettings.EXPERIMENT, settings.seed(), settings.seeds(), experiment::run);
  }
}
