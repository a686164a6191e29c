package dnt.cli.experiment;

import dnt.caching.rl.Agents;
import dnt.cli.version.VersionProvider;
import dnt.core.InvalidInputException;
import dnt.experiments.caching.CachingExperiment;
import dnt.experiments.caching.CachingRunSettings;
import dnt.experiments.report.ResultsRun;
import java.io.IOException;
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
 * {@code dnt experiment caching}: the reliable edge-caching study (Figs. 4 and 5 of the paper).
 *
 * {@snippet lang="shell" :
 * dnt experiment caching --seeds 5
 * dnt experiment caching --agent ppo-lagrangian --quick
 * }
 */
@Command(
    name = "caching",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train and evaluate RL, RL w/ DNT, Reliable RL and Reliable RL w/ DNT, with the classic"
          + " policies and clairvoyant references, on common and rare request streams.",
      "Writes results/caching/<run>/: metrics.csv, summary.csv, load_series.csv, hit_series.csv,"
          + " fig4_hit_rate_interventions.png, fig5_station_load.png, report.md, config.yaml,"
          + " manifest.json."
    })
public final class CachingExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, agentKind, study.*). Options given on the command line"
              + " override the file; the file overrides the defaults or --quick.")
  @Nullable Path config;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications, at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description =
          "Worker threads, at least 1; replications run in parallel and the results do not"
              + " depend on it (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--agent",
      defaultValue = "ddqn",
      description =
          "Agent of the four RL systems: ddqn or ppo-lagrangian (default: ${DEFAULT-VALUE}).")
  String agent;

  @Option(
      names = "--quick",
      description = "A tiny network and short streams (a smoke test in seconds).")
  boolean quick;

  @Override
  public Integer call() throws IOException, InterruptedException {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .putAtLeast("--seeds", "seeds", seeds, 1)
            .putAtLeast("--threads", "study.threads", threads, 1);
    if (given.has("--agent")) {
      try {
        given.put("--agent", "agentKind", Agents.canonicalName(agent));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--agent: " + e.getMessage());
      }
    }
    CachingRunSettings settings =
        CachingRunSettings.resolve(Optional.ofNullable(config), quick, given.values());
    try (ResultsRun run =
        ResultsRun.start(runOptions.resultsDir, "caching", settings.seed(), settings.seeds())) {
      PrintWriter err = spec.commandLine().getErr();
      new CachingExperiment(
              settings, (done, total, message) -> err.println("dnt: caching " + message))
          .run(run);
      run.finish(VersionProvider.version());
      spec.commandLine().getOut().println(run.dir());
      return 0;
    }
  }
}
