package dnt.cli.twin;

import dnt.core.InvalidInputException;
import dnt.core.twin.NetworkTwin;
import dnt.core.whatif.Change;
import dnt.core.whatif.WhatIfResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt twin whatif}: applies hypothetical changes to a fork and compares KPIs. */
@Command(
    name = "whatif",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Compare a twin's KPIs with a fork changed by a YAML file of hypothetical events.",
      "The twin is a twin of Milan (built from the options) or a snapshot; changes:",
      "switch-off, power, add-station, move-user, traffic, handover (see docs/twin.md;",
      "kinds and keys in any case). Allowed ranges: power and power-dbm -30..80 dBm,",
      "height 1..300 m, gain-db -10..40 dBi, capacity-mbps 0.001..100000, traffic mbps",
      "0..20000, time-ms 0 or more, x and y inside the twin's area; other keys are errors."
    })
public final class WhatIfCommand implements Callable<Integer> {
  @Mixin TwinOptions options;

  @Option(names = "--changes", required = true, description = "YAML file of changes.")
  Path changes;

  @Mixin StateOutputOptions output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<Change> events = ChangesFile.read(changes);
    OutputTarget target = output.target();
    var err = spec.commandLine().getErr();
    NetworkTwin twin = options.twin(err);
    WhatIfResult r;
    try {
      r =
          WhatIfReport.run(
              options.describe(),
              twin,
              events,
              changes.toString(),
              spec.commandLine().getOut(),
              err);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(changes + ", " + e.getMessage(), e);
    }
    if (target != null) {
      new TwinStateFile(TwinOptions.projection()).writeWhatIf(target, twin, r.scenarioTwin());
      err.println("dnt: wrote the baseline and what-if state to " + target.files());
    }
    return 0;
  }
}
