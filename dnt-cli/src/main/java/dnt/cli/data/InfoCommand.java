package dnt.cli.data;

import dnt.data.Service;
import dnt.data.milan.MilanTime;
import dnt.data.store.Minimisation;
import dnt.data.store.StoreInfo;
import dnt.data.store.TrafficStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt data info}: summarise a store. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Summarise a store: whether it is encrypted and minimised, files, cells, time span,"
            + " (cell, slot) rows (or (cell, hour) rows in a minimised store) and the raw rows they"
            + " sum, gaps (slots no file held), totals per service.")
public final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "PATH", description = "The store file.")
  Path store;

  @Mixin StoreKeyOption storeKey;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StoreInfo i;
    boolean encrypted;
    try (TrafficStore ts = TrafficStore.open(store, storeKey.key())) {
      i = ts.info();
      encrypted = ts.encrypted();
    }
    boolean hourly = i.minimisation() == Minimisation.HOURLY;
    out.printf("store:         %s%n", store);
    out.printf(
        "encrypted:     %s%n",
        encrypted ? "yes (DuckDB AES-256-GCM, opened with its key)" : "no (stored in the clear)");
    out.printf(
        "files:         %d%s%n",
        i.files(), i.syntheticFiles() > 0 ? " (" + i.syntheticFiles() + " SYNTHETIC)" : "");
    out.printf(
        "minimised:     %s%n",
        hourly
            ? "hourly (only hourly series per cell; 10-minute slots and country codes were not"
                + " stored; exports need --resolution hour)"
            : "no (10-minute slots per cell, summed over country codes)");
    out.printf("cells:         %d%n", i.cells());
    if (i.cellSlots() == 0) {
      out.println("time span:     (empty)");
      return 0;
    }
    out.printf(
        "time span:     %s .. %s (%d ten-minute slots, %.1f days)%n",
        MilanTime.format(i.firstSlotMillis()),
        MilanTime.format(i.lastSlotMillis() + 600_000L),
        i.slots(),
        i.slots() / 144.0);
    String step = hourly ? "hour" : "slot";
    out.printf(
        "rows:          %d (cell, %s) rows, summing %d raw (cell, slot, country code) rows%n",
        i.cellSlots(), step, i.rawRows());
    out.printf(
        "replaced:      %d raw rows replaced by a later line of the same key in the same file%n",
        i.rowsReplaced());
    out.printf(
        "gaps:          %d slots of the span held by no ingested file (not ingested; export"
            + " leaves them out)%n",
        i.slotsWithoutData());
    out.printf(
        "               %d (cell, %s) pairs of ingested %ss without activity (read as 0)%n",
        i.absentCellSlots(), step, step);
    out.println("totals:");
    for (Service s : Service.values()) {
      out.printf("  %-9s %,.1f%n", s.column(), i.totals().get(s));
    }
    return 0;
  }
}
