package dnt.cli.data;

import dnt.core.CellId;
import dnt.data.milan.MilanTime;
import dnt.data.store.ExportResult;
import dnt.data.store.Resolution;
import dnt.data.store.Selection;
import dnt.data.store.TimeRange;
import dnt.data.store.TrafficStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt data export}: write per-(cell, slot) totals as CSV. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write per-(cell, slot) totals as CSV: header cell,time,smsin,smsout,callin,callout,internet;"
          + " time = slot start in epoch ms UTC; values summed over country codes, 0 for an"
          + " ingested slot without activity; rows ordered by cell then time.",
      "--from/--to must lie inside the span the store holds (see dnt data info). A slot that no"
          + " ingested file held is a gap: its step has no row, and the gaps are listed on stderr.",
      "With --resolution hour, a row sums its hour's six slots and time is the hour's first slot;"
          + " --from and --to must then be whole hours.",
      "If the store holds SYNTHETIC data, a sidecar FILE.csv.synthetic is written next to the CSV"
          + " and a note goes to stderr."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "PATH", description = "The store file.")
  Path store;

  @Mixin StoreKeyOption storeKey;

  @Option(
      names = "--cells",
      split = ",",
      paramLabel = "ID",
      description = "Cells to export (default: every cell in the store), e.g. 1,2,5000.")
  List<Integer> cells = List.of();

  @Option(
      names = "--from",
      paramLabel = "ISO",
      description =
          "First instant, inclusive (e.g. 2013-11-04, 2013-11-04T08:00 Milan time, or 2013-11-04T07:00Z).")
  @Nullable String from;

  @Option(names = "--to", paramLabel = "ISO", description = "End instant, exclusive.")
  @Nullable String to;

  @Option(
      names = "--resolution",
      defaultValue = "10min",
      paramLabel = "10min|hour",
      description = "Time step (default: ${DEFAULT-VALUE}).")
  String resolution;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.csv",
      description = "The CSV file to write.")
  Path out;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() {
    Selection sel =
        new Selection(
            cells.stream().map(CellId::of).toList(),
            from == null ? OptionalLong.empty() : OptionalLong.of(MilanTime.parse(from)),
            to == null ? OptionalLong.empty() : OptionalLong.of(MilanTime.parse(to)),
            Resolution.parse(resolution));
    ExportResult r;
    boolean encrypted;
    try (TrafficStore ts = TrafficStore.open(store, storeKey.key())) {
      r = ts.export(sel, out, force);
      encrypted = ts.encrypted();
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    o.printf("wrote %d rows to %s%n", r.rows(), out);
    if (!r.gaps().isEmpty()) {
      long slots = r.gaps().stream().mapToLong(TimeRange::slots).sum();
      err.printf(
          "note: %d slots in %d gaps were never ingested, so their steps have no row (for every"
              + " cell): %s%n",
          slots, r.gaps().size(), TrafficStore.describe(r.gaps()));
    }
    if (encrypted) {
      err.printf("note: the store is encrypted, the CSV %s is not%n", out);
    }
    if (r.synthetic()) {
      err.printf(
          "note: the store holds SYNTHETIC data (dnt data synth); labelled by %s%n",
          TrafficStore.sidecarOf(out));
    }
    return 0;
  }
}
