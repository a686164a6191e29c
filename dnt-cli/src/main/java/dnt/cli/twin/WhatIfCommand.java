package dnt.cli.twin;

import dnt.core.InvalidInputException;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinEvent;
import dnt.core.whatif.WhatIf;
import dnt.core.whatif.WhatIfResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
      "switch-off, power, add-station, move-user, traffic, handover (see docs/twin.md)."
    })
public final class WhatIfCommand implements Callable<Integer> {
  @Mixin TwinOptions options;

  @Option(names = "--changes", required = true, description = "YAML file of changes.")
  Path changes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<TwinEvent> events = ChangesFile.read(changes);
    NetworkTwin twin = options.twin(System.err);
    long t0 = System.nanoTime();
    WhatIfResult r;
    try {
      r = WhatIf.evaluate(twin, events);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(changes + ", " + e.getMessage(), e);
    }
    System.err.printf(
        Locale.ROOT,
        "dnt: applied %d changes to a fork in %.1f ms%n",
        r.eventsApplied(),
        (System.nanoTime() - t0) / 1e6);
    var out = spec.commandLine().getOut();
    out.println("# " + options.describe());
    out.printf(
        Locale.ROOT,
        "# %d changes from %s touched %d users and %d stations%n",
        r.eventsApplied(),
        changes,
        r.usersAffected(),
        r.stationsAffected());
    out.print(KpiTable.compare(r.baseline(), r.scenario()));
    out.flush();
    return 0;
  }
}
