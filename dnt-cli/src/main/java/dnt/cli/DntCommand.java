package dnt.cli;

import dnt.cli.aggregate.AggregateCommand;
import dnt.cli.cache.CacheCommand;
import dnt.cli.data.DataCommand;
import dnt.cli.demo.DemoCommand;
import dnt.cli.experiment.ExperimentCommand;
import dnt.cli.raytrace.RaytraceCommand;
import dnt.cli.serve.ServeCommand;
import dnt.cli.twin.TwinCommand;
import dnt.cli.version.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code dnt} command. */
@Command(
    name = "dnt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Digital network twin toolkit for cellular networks.",
    subcommands = {
      DemoCommand.class,
      DataCommand.class,
      TwinCommand.class,
      RaytraceCommand.class,
      AggregateCommand.class,
      CacheCommand.class,
      ExperimentCommand.class,
      ServeCommand.class,
    })
public final class DntCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command; see dnt --help.");
  }
}
