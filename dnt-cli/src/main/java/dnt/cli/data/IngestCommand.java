package dnt.cli.data;

import dnt.data.raw.DataverseMetadata;
import dnt.data.raw.RawFiles;
import dnt.data.store.IngestOptions;
import dnt.data.store.IngestSummary;
import dnt.data.store.TrafficStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dnt data ingest}: load raw Milan files into a DuckDB store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Load raw Milan files (sms-call-internet-mi-YYYY-MM-DD.txt, plain or .gz, or the CSV"
          + " re-export with a header) into a DuckDB store of per-(cell, slot) totals.",
      "Folders are expanded to their .txt/.csv/.tsv files. Files already in the store are skipped."
    })
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Raw files or folders.")
  List<Path> inputs;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "PATH",
      description = "The store file (created if absent).")
  Path store;

  @Option(
      names = "--verify",
      description =
          "Check each file's MD5 against the bundled dataset metadata; refuse a mismatch.")
  boolean verify;

  @Option(
      names = "--skip-bad",
      description =
          "Skip malformed rows (counted, first few listed) instead of stopping at the first.")
  boolean skipBad;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IngestOptions options =
        new IngestOptions(
            verify,
            skipBad,
            verify ? DataverseMetadata.load() : null,
            (done, total, message) -> {
              if (done < total) {
                err.printf("[%d/%d] %s%n", done + 1, total, message);
                err.flush();
              }
            });
    RawFiles.expand(inputs); // fail on a missing input before creating the store
    long start = System.nanoTime();
    IngestSummary s;
    try (TrafficStore ts = TrafficStore.create(store)) {
      s = ts.ingest(inputs, options);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (String bad : s.firstBadRows()) {
      err.println("skipped " + bad);
    }
    if (s.rowsRejected() > s.firstBadRows().size()) {
      err.println("... and " + (s.rowsRejected() - s.firstBadRows().size()) + " more bad rows");
    }
    out.printf("store:         %s%n", store);
    out.printf(
        "files:         %d ingested, %d already in the store%n", s.files(), s.filesSkipped());
    out.printf("rows read:     %d%n", s.rowsRead());
    out.printf("rows stored:   %d (cell, slot) totals%n", s.rowsStored());
    out.printf("rows rejected: %d%n", s.rowsRejected());
    out.printf(
        "throughput:    %.1f MB in %.2f s (%.1f MB/s)%n",
        s.bytes() / 1e6, seconds, seconds > 0 ? s.bytes() / 1e6 / seconds : 0);
    if (s.synthetic()) {
      out.println("note:          SYNTHETIC data (files written by dnt data synth)");
    }
    return 0;
  }
}
