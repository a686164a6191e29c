package dnt.cli.data;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dnt data}: ingest, inspect, export and synthesise Milan traffic data. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Ingest, inspect, export and synthesise Milan traffic data.",
    subcommands = {IngestCommand.class, InfoCommand.class, ExportCommand.class, SynthCommand.class})
public final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a data command; see dnt data --help.");
  }
}
