package dnt.cli.experiment;

import dnt.caching.rl.AgentKind;
import dnt.cli.VersionProvider;
import dnt.core.InvalidInputException;
import dnt.experiments.caching.CachingReport;
import dnt.experiments.caching.CachingStudy;
import dnt.experiments.caching.CachingStudyConfig;
import dnt.experiments.report.ResultsRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
          + " fig4_hit_rate_interventions.png, fig5_station_load.png, report.md, manifest.json."
    })
public final class CachingExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Base seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--results-dir",
      defaultValue = "results",
      description = "Results root (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Worker threads; replications run in parallel (default: ${DEFAULT-VALUE}).")
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
    if (seeds < 1) {
      throw new InvalidInputException("--seeds must be at least 1, got " + seeds);
    }
    if (threads < 1) {
      throw new InvalidInputException("--threads must be at least 1, got " + threads);
    }
    AgentKind agentKind;
    try {
      agentKind = AgentKind.of(agent);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--agent: " + e.getMessage());
    }
    CachingStudyConfig base = quick ? CachingStudyConfig.quick() : CachingStudyConfig.DEFAULTS;
    CachingStudyConfig config = base.withThreads(threads);
    ResultsRun run = ResultsRun.start(resultsDir, "caching", seed, seeds);
    record(run, config);
    run.config("agent_kind", agentKind.id());
    PrintWriter err = spec.commandLine().getErr();
    List<CachingStudy.Replication> reps =
        new CachingStudy(config, agentKind)
            .run(seed, seeds, (done, total, message) -> err.println("dnt: caching " + message));
    CachingReport.write(run, reps, config);
    run.finish(VersionProvider.version());
    spec.commandLine().getOut().println(run.dir());
    return 0;
  }

  private static void record(ResultsRun run, CachingStudyConfig c) {
    run.config("stations", c.stations())
        .config("clients_per_station", c.clientsPerStation())
        .config("overlap", c.overlap())
        .config("capacity", c.capacity())
        .config("catalogue", c.catalogue())
        .config("alpha", c.alpha())
        .config("locality", c.locality())
        .config("request_probability", c.requestProbability())
        .config("shot_share", c.shotShare())
        .config("shot_arrivals", c.shotArrivals())
        .config("shot_lifetime", c.shotLifetime())
        .config("episode_slots", c.episodeSlots())
        .config("physical_episodes", c.physicalEpisodes())
        .config("twin_episodes", c.twinEpisodes())
        .config("test_slots", c.testSlots())
        .config("surge_factor", c.surgeFactor())
        .config("load_window", c.loadWindow())
        .config("overload_factor", c.overloadFactor())
        .config("agent", c.agent())
        .config("threads", c.threads())
        .note(
            "synthetic request streams (Zipf/IRM + shot noise, seeded); environment and agent"
                + " are reconstructions of the paper's case study IV-B");
  }
}
