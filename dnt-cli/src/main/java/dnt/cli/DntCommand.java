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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code dnt} command. Its command groups are listed in {@link #GROUPS} rather than
 * in the annotation, so that {@link Main} can build only the group a command line names: picocli
 * builds the model of every annotated subcommand, with its options and its classes, at start.
 */
@Command(
    name = "dnt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Digital network twin toolkit for cellular networks.")
public final class DntCommand implements Runnable {
  /** The command groups by name, in the order {@code dnt --help} lists them. */
  static final Map<String, Class<?>> GROUPS = groups();

  @Spec CommandSpec spec;

  private static Map<String, Class<?>> groups() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    for (Class<?> c :
        List.of(
            DemoCommand.class,
            DataCommand.class,
            TwinCommand.class,
            RaytraceCommand.class,
            AggregateCommand.class,
            CacheCommand.class,
            ExperimentCommand.class,
            ServeCommand.class)) {
      m.put(c.getAnnotation(Command.class).name(), c);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command; see dnt --help.");
  }
}
