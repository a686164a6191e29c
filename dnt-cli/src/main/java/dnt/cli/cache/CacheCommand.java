package dnt.cli.cache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dnt cache}: edge-caching simulation. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = "Simulate edge caches on request traces.",
    subcommands = {SimulateCommand.class, GenerateCommand.class, ConvertCommand.class})
public final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a cache command; see dnt cache --help.");
  }
}
