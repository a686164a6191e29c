package dnt.cli.experiment;

import dnt.core.InvalidInputException;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanSubset;
import dnt.experiments.poisoning.Phase;
import dnt.experiments.poisoning.PoisoningConfig;
import dnt.experiments.poisoning.PoisoningExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Federated traffic twins on the bundled Milan subset under fake-station poisoning (the"
          + " attacks setting: MPAF, TPI, FTI or any registered attack) with every aggregation"
          + " rule; TID/GLID's band chosen on the validation week; fake-share, MPAF-lambda,"
          + " TPI-eta and FTI-eta sweeps; a DP-FedAvg accuracy-versus-epsilon curve.",
      "Writes results/poisoning/<run>/: metrics.csv, table2.csv, table2-mae.png, table2-mse.png,"
          + " validation.csv, selection.csv, sweeps.csv, sweeps.png, privacy.csv, privacy.png,"
          + " report.md, config.yaml, manifest.json."
    })
public final class PoisoningExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, phases, rules, vRounds, hDays, ...). Options given on the"
              + " command line override the file; the file overrides the defaults or --quick.")
  @Nullable Path config;

  @Option(
      names = "--phase",
      defaultValue = "both",
      paramLabel = "PHASE",
      description = "v-twin, h-twin or both (default: ${DEFAULT-VALUE}).")
  String phase;

  @Option(
      names = "--seeds",
      defaultValue = "1",
      description = "Replications, at least 1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description =
          "Client-training threads, at least 1; results do not depend on it (default:"
              + " ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--quick",
      description =
          "Only Mean, Median, FLTrust and TID, 2 rounds, 2 H-twin days, no sweeps or DP curve"
              + " (a smoke test in seconds).")
  boolean quick;

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .putAtLeast("--seeds", "seeds", seeds, 1)
            .putAtLeast("--threads", "threads", threads, 1);
    if (given.has("--phase")) {
      List<String> phases =
          switch (phase.toLowerCase(Locale.ROOT)) {
            case "v-twin" -> List.of(Phase.V_TWIN.label());
            case "h-twin" -> List.of(Phase.H_TWIN.label());
            case "both" -> List.of(Phase.V_TWIN.label(), Phase.H_TWIN.label());
            default ->
                throw new InvalidInputException(
                    "--phase must be v-twin, h-twin or both, got '" + phase + "'");
          };
      given.put("--phase", "phases", phases);
    }
    PoisoningConfig config =
        PoisoningConfig.resolve(Optional.ofNullable(this.config), quick, given.values());
    PrintWriter err = spec.commandLine().getErr();
    return runOptions.run(
        spec,
        "poisoning",
        config.seed(),
        config.seeds(),
        run -> {
          run.settings(config.tree(), PoisoningConfig.comments())
              .input(BundledData.file(BundledData.SUBSET_SERIES))
              .note(
                  "TPI and TID are reconstructions (the paper gives no equations); so are FTI and"
                      + " GLID (the published equations could not be read)");
          new PoisoningExperiment(
                  config,
                  (done, total, message) ->
                      err.printf("dnt: poisoning [%d/%d] %s%n", done, total, message))
              .run(MilanSubset.load(), run);
        });
  }
}
