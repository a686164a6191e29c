package dnt.cli.twin;

import dnt.core.twin.NetworkTwin;
import dnt.core.whatif.Change;
import dnt.core.whatif.WhatIf;
import dnt.core.whatif.WhatIfResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Runs a what-if analysis ({@link WhatIf}) and prints it as {@code dnt twin whatif} does: the
 * twin's description, what the changes touched and the KPI table, with the time taken on the log.
 * Shared by the command and {@code dnt demo}.
 */
public final class WhatIfReport {
  private WhatIfReport() {}

  /**
   * Evaluates the changes on a fork of the twin and prints the comparison.
   *
   * @param description one line describing the twin
   * @param twin the twin (left untouched)
   * @param changes the hypothetical changes, applied in order
   * @param source where the changes came from, for the report ("whatif.yaml")
   * @param out where the report goes
   * @param log where the timing goes
   * @return the comparison
   * @throws dnt.core.InvalidInputException when the fork rejects a change, numbering it from 1
   */
  public static WhatIfResult run(
      String description,
      NetworkTwin twin,
      List<? extends Change> changes,
      String source,
      PrintWriter out,
      PrintWriter log) {
    long t0 = System.nanoTime();
    WhatIfResult r = WhatIf.evaluateChanges(twin, changes);
    log.printf(
        Locale.ROOT,
        "dnt: applied %d changes to a fork in %.1f ms%n",
        r.eventsApplied(),
        (System.nanoTime() - t0) / 1e6);
    log.flush();
    out.println("# " + description);
    out.printf(
        Locale.ROOT,
        "# %d changes from %s touched %d users and %d stations%n",
        r.eventsApplied(),
        source,
        r.usersAffected(),
        r.stationsAffected());
    out.print(KpiTable.compare(r));
    out.flush();
    return r;
  }
}
