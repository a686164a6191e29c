package dnt.cli.experiment;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every experiment command takes alike: the base seed of its replications and the
 * folder its runs go to. Each command keeps its own {@code --seeds} (their defaults differ) and its
 * own {@code --config} (its help lists the study's keys).
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
}
