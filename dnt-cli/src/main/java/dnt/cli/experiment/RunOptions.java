package dnt.cli.experiment;

import dnt.cli.version.VersionProvider;
import dnt.experiments.report.ResultsRun;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every experiment command takes alike: the base seed of its replications and the
 * folder its runs go to, and how a run ends ({@link #run}). Each command keeps its own {@code
 * --seeds} (their defaults differ) and its own {@code --config} (its help lists the study's keys).
 */
final class RunOptions {
  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Base seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--results-dir",
      defaultValue = "results",
      description = "Results root (default: ${DEFAULT-VALUE}).")
  Path resultsDir = Path.of("results");

  /**
   * The end of every experiment command: starts the run's folder under {@code --results-dir}, lets
   * the study fill it, writes its manifest and prints the folder's path.
   *
   * @param spec the command, for its output
   * @param experiment the study's name (the folder under the results root)
   * @param seed the run's base seed
   * @param seeds its replications
   * @param study fills the run
   * @return the exit status, 0
   */
  int run(CommandSpec spec, String experiment, long seed, int seeds, Consumer<ResultsRun> study) {
    return run(spec, experiment, seed, seeds, null, study);
  }

  /**
   * As {@link #run(CommandSpec, String, long, int, Consumer)}, or into a given new folder instead
   * of one under {@code --results-dir} (for commands with an {@code --out DIR} option).
   *
   * @param spec the command, for its output
   * @param experiment the study's name (the folder under the results root)
   * @param seed the run's base seed
   * @param seeds its replications
   * @param into the run's folder, which must not exist, or null for a new one under the root
   * @param study fills the run
   * @return the exit status, 0
   */
  int run(
      CommandSpec spec,
      String experiment,
      long seed,
      int seeds,
      @Nullable Path into,
      Consumer<ResultsRun> study) {
    try (ResultsRun run =
        into == null
            ? ResultsRun.start(resultsDir, experiment, seed, seeds)
            : ResultsRun.startIn(into, experiment, seed, seeds)) {
      study.accept(run);
      run.finish(VersionProvider.version());
      spec.commandLine().getOut().println(run.dir());
      return 0;
    }
  }
}
