package dnt.cli.experiment;

import dnt.experiments.privacy.PrivacyConfig;
import dnt.experiments.privacy.PrivacyExperiment;
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
 * {@code dnt experiment privacy}: what one federated update leaks to a curious server under each
 * protection, and what the protection costs (paper Sec. III-C2; docs/privacy.md).
 *
 * {@snippet lang="shell" :
 * dnt experiment privacy --seeds 5
 * dnt experiment privacy --quick
 * }
 */
@Command(
    name = "privacy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Gradient-inversion attacks (dlg, cosine, analytic) on one client's federated update of"
          + " the MLP forecaster, on the bundled Milan subset, under each protection: none, QSGD,"
          + " top-k, sign (negative control), clipping, client-side DP noise, QSGD plus DP; with"
          + " the forecast error and the bytes each protection costs.",
      "Writes results/privacy/<run>/: metrics.csv, utility.csv, leakage_vs_forecast_error.png,"
          + " leakage_vs_bytes.png, report.md, config.yaml, manifest.json."
    })
public final class PrivacyExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, attacks, batchSizes, qsgdBits, dpEpsilons, ...). Options"
              + " given on the command line override the file; the file overrides the defaults"
              + " or --quick.")
  @Nullable Path config;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications seed, seed+1, ..., at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--quick",
      description =
          "One seed, batch sizes 1 and 8, 100 attack steps, one setting per protection kind, 3"
              + " rounds (a smoke test).")
  boolean quick;

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .putAtLeast("--seeds", "seeds", seeds, 1);
    PrivacyConfig settings =
        PrivacyConfig.resolve(Optional.ofNullable(config), quick, given.values());
    PrintWriter err = spec.commandLine().getErr();
    PrivacyExperiment experiment =
        new PrivacyExperiment(
            settings, (done, total, message) -> err.println("dnt: privacy " + message));
    return runOptions.run(
        spec, PrivacyConfig.EXPERIMENT, settings.seed(), settings.seeds(), experiment::run);
  }
}
