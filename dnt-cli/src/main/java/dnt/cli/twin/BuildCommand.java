package dnt.cli.twin;

import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
      "users per station, SINR and rate (mean, 5th percentile), coverage holes, load.",
      "Progress goes to stderr. --out writes every station's and user's state (see docs/twin.md)."
    })
public final class BuildCommand implements Callable<Integer> {
  @Mixin TwinOptions options;

  @Mixin StateOutputOptions output;

  @Option(
      names = "--save",
      description =
          "Write the twin to this snapshot file; an existing file is refused unless --overwrite.")
  @Nullable Path save;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    OutputTarget target = output.target();
    if (save != null) {
      OutputTarget.checkFile("--save", save, output.overwrite);
    }
    NetworkTwin twin = options.twin(spec.commandLine().getErr());
    var out = spec.commandLine().getOut();
    out.println("# " + options.describe());
    out.print(KpiTable.single(twin.kpis()));
    out.flush();
    if (target != null) {
      new TwinStateFile(TwinOptions.projection()).writeState(target, twin);
      spec.commandLine().getErr().println("dnt: wrote the twin's state to " + target.files());
    }
    if (save != null) {
      Path parent = save.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = OutputTarget.temporarySibling(save);
      try {
        TwinSnapshot.save(twin, tmp);
        OutputTarget.move(tmp, save);
      } finally {
        Files.deleteIfExists(tmp);
      }
      spec.commandLine().getErr().println("dnt: saved the twin to " + save);
    }
    return 0;
  }
}
