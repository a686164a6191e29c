package dnt.cli.experiment;

import dnt.cli.VersionProvider;
import dnt.core.InvalidInputException;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanSubset;
import dnt.experiments.poisoning.Phase;
import dnt.experiments.poisoning.PoisoningConfig;
import dnt.experiments.poisoning.PoisoningExperiment;
import dnt.experiments.report.ResultsRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt experiment poisoning}: the twin-poisoning study (paper Sec. IV-C, Table II).
 *
 * {@snippet lang="shell" :
 * dnt experiment poisoning --phase both --seeds 3
 * }
 */
@Command(
    name = "poisoning",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Federated traffic twins on the bundled Milan subset under fake-station poisoning (MPAF,"
          + " TPI) with every aggregation rule; fake-share, MPAF-lambda and TPI-eta sweeps; a"
          + " DP-FedAvg accuracy-versus-epsilon curve.",
      "Writes results/poisoning/<run>/: table2.csv, table2-mae.png, table2-mse.png, sweeps.csv,"
          + " sweeps.png, privacy.csv, privacy.png, report.md, config.yaml, manifest.json."
    })
public final class PoisoningExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--phase",
      defaultValue = "both",
      paramLabel = "PHASE",
      description = "v-twin, h-twin or both (default: ${DEFAULT-VALUE}).")
  String phase;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Base seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeds",
      defaultValue = "1",
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
      description = "Client-training threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--quick",
      description =
          "Only Mean, Median, FLTrust and TID, 2 rounds, 2 H-twin days, no sweeps or DP curve"
              + " (a smoke test in seconds).")
  boolean quick;

  @Override
  public Integer call() {
    if (seeds < 1) {
      throw new InvalidInputException("--seeds must be at least 1, got " + seeds);
    }
    if (threads < 1) {
      throw new InvalidInputException("--threads must be at least 1, got " + threads);
    }
    Set<Phase> phases =
        switch (phase) {
          case "v-twin" -> EnumSet.of(Phase.V_TWIN);
          case "h-twin" -> EnumSet.of(Phase.H_TWIN);
          case "both" -> EnumSet.allOf(Phase.class);
          default ->
              throw new InvalidInputException(
                  "--phase must be v-twin, h-twin or both, got '" + phase + "'");
        };
    PoisoningConfig d = PoisoningConfig.defaults(seed, seeds, phases);
    PoisoningConfig config =
        new PoisoningConfig(
            seed,
            seeds,
            phases,
            quick ? List.of("mean", "median", "fltrust", "tid") : d.rules(),
            quick ? 2 : d.vRounds(),
            quick ? 2 : d.hDays(),
            d.fakeShare(),
            d.mpafLambda(),
            d.tpiEta(),
            d.tpiSigma(),
            d.hidden(),
            threads,
            !quick,
            !quick);
    ResultsRun run = ResultsRun.start(resultsDir, "poisoning", seed, seeds);
    run.config("phase", phase)
        .config("rules", String.join(",", config.rules()))
        .config("v_rounds", config.vRounds())
        .config("h_days", config.hDays())
        .config("fake_share", config.fakeShare())
        .config("mpaf_lambda", config.mpafLambda())
        .config("tpi_eta", config.tpiEta())
        .config("tpi_sigma", config.tpiSigma())
        .config("mlp_hidden", config.hidden())
        .config("sweeps", config.sweeps())
        .config("privacy", config.privacy())
        .input(BundledData.file(BundledData.SUBSET_SERIES))
        .note("TPI and TID are reconstructions (the paper gives no equations)");
    PrintWriter err = spec.commandLine().getErr();
    new PoisoningExperiment(
            config,
            (done, total, message) ->
                err.printf("dnt: poisoning [%d/%d] %s%n", done, total, message))
        .run(MilanSubset.load(), run);
    run.finish(VersionProvider.version());
    spec.commandLine().getOut().println(run.dir());
    return 0;
  }
}
