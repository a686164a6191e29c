package dnt.cli.twin;

import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt twin build}: builds a twin of Milan and prints its KPIs. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Build a twin of Milan and print its KPIs.",
      "Stations come from the bundled OpenCellID data, users are placed on the grid; KPIs:",
      "users per station, SINR and rate (mean, 5th percentile), coverage holes, load."
    })
public final class BuildCommand implements Callable<Integer> {
  @Mixin TwinOptions options;

  @Option(names = "--save", description = "Write the twin to this snapshot file.")
  Path save;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    NetworkTwin twin = options.twin(System.err);
    var out = spec.commandLine().getOut();
    out.println("# " + options.describe());
    out.print(KpiTable.single(twin.kpis()));
    out.flush();
    if (save != null) {
      Path parent = save.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      TwinSnapshot.save(twin, save);
      System.err.println("dnt: saved the twin to " + save);
    }
    return 0;
  }
}
