package dnt.cli.experiment;

import dnt.experiments.deployment.DeploymentConfig;
import dnt.experiments.deployment.DeploymentExperiment;
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
 * {@code dnt experiment deployment}: PPO with a hybrid action over a GCN state choosing each
 * station's mapping method and uplink resources, against the baselines and the exhaustive optimum
 * (paper Sec. III-B2; docs/deployment.md).
 *
 * {@snippet lang="shell" :
 * dnt experiment deployment --seeds 5
 * dnt experiment deployment --quick
 * }
 */
@Command(
    name = "deployment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Optimised twin deployment: each period every station of a synthetic city chooses vertical"
          + " or horizontal mapping, a bandwidth share and a transmit power for its"
          + " synchronisation transfer; PPO with a hybrid action over a GCN state against"
          + " all-vertical, all-horizontal, per-station greedy, random, the exhaustive optimum on"
          + " a small instance, and a sweep over the number of stations.",
      "Writes results/deployment/<run>/: metrics.csv, learning_curve.csv, timing.csv,"
          + " traffic.csv (bytes of split learning against the centralised agent),"
          + " utility_by_policy.png, learning_curve.png, scaling.png, report.md, config.yaml,"
          + " manifest.json."
    })
public final class DeploymentExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, stations, horizon, ppoUpdates, scale, ...). Options given on"
              + " the command line override the file; the file overrides the defaults or --quick.")
  @Nullable Path config;

  @Option(
      names = "--stations",
      defaultValue = "10",
      description = "Stations of the main instance, at least 1 (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications seed, seed+1, ..., at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--quick",
      description = "30 PPO updates and a scaling sweep over 10 and 20 stations (still 5 seeds).")
  boolean quick;

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .putAtLeast("--seeds", "seeds", seeds, 1)
            .putAtLeast("--stations", "stations", stations, 1);
    DeploymentConfig settings =
        DeploymentConfig.resolve(Optional.ofNullable(config), quick, given.values());
    PrintWriter err = spec.commandLine().getErr();
    DeploymentExperiment experiment =
        new DeploymentExperiment(
            settings, (done, total, message) -> err.println("dnt: deployment " + message));
    return runOptions.run(
        spec, DeploymentConfig.EXPERIMENT, settings.seed(), settings.seeds(), experiment::run);
  }
}
