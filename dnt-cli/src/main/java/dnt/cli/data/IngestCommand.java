package dnt.cli.data;

import dnt.core.InvalidInputException;
import dnt.data.raw.DataverseMetadata;
import dnt.data.raw.RawFiles;
import dnt.data.store.IngestOptions;
import dnt.data.store.IngestSummary;
import dnt.data.store.Minimisation;
import dnt.data.store.StoreKey;
import dnt.data.store.TrafficStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
          + " re-export with a header) into a DuckDB store of per-(cell, slot) totals, summed over"
          + " country codes.",
      "Folders are expanded to their .txt/.csv/.tsv files. A store takes each 10-minute slot from"
          + " one file only: a file holding a slot that an earlier file holds (a day ingested"
          + " again under another name) is refused, naming both files, and nothing of it is"
          + " stored. A file with the name, size and modification time of one already ingested is"
          + " skipped. Inside one file, the later line of a key (cell, slot, country code)"
          + " replaces the earlier one.",
      "A new store is written under a temporary name and appears only when every file is in;"
          + " with an existing store, each file is one transaction and the files before a failing"
          + " one stay ingested."
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

  @Mixin StoreKeyOption storeKey;

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

  @Option(
      names = "--minimise",
      paramLabel = "hourly",
      description =
          "Data minimisation: keep only hourly series per cell (each file's 10-minute slots are"
              + " summed into hours before it is committed; country codes are never stored)."
              + " Recorded in a new store and applied to every later ingest into it; an existing"
              + " store of 10-minute slots is refused. Exports and loads of a minimised store must"
              + " use --resolution hour.")
  @Nullable String minimise;

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
    StoreKey key = storeKey.key(); // fail on a bad key before creating the store
    Minimisation minimisation;
    try {
      minimisation = minimise == null ? Minimisation.NONE : Minimisation.parse(minimise);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--minimise: " + e.getMessage(), e);
    }
    RawFiles.expand(inputs); // fail on a missing input before creating the store
    if (Files.isDirectory(store)) {
      throw new InvalidInputException("--store " + store + " is a folder, not a store file");
    }
    long start = System.nanoTime();
    IngestSummary s;
    if (Files.exists(store)) {
      try (TrafficStore ts = TrafficStore.create(store, key, minimisation)) {
        s = ts.ingest(inputs, options);
        minimisation = ts.minimisation();
      }
    } else {
      s = ingestIntoNewStore(options, key, minimisation);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (String bad : s.firstBadRows()) {
      err.println("skipped " + bad);
    }
    if (s.rowsRejected() > s.firstBadRows().size()) {
      err.println("... and " + (s.rowsRejected() - s.firstBadRows().size()) + " more bad rows");
    }
    out.printf("store:         %s%s%n", store, key == null ? "" : " (encrypted)");
    out.printf(
        "files:         %d ingested, %d already in the store%n", s.files(), s.filesSkipped());
    out.printf("rows read:     %d%n", s.rowsRead());
    boolean hourly = minimisation == Minimisation.HOURLY;
    out.printf(
        "rows stored:   %d (cell, %s) rows, summed over country codes%n",
        s.rowsStored(), hourly ? "hour" : "slot");
    if (hourly) {
      out.println(
          "minimised:     hourly (10-minute slots summed into hours before they were stored)");
    }
    out.printf(
        "rows replaced: %d (a later line of the same cell, slot and country code in the same"
            + " file replaced it)%n",
        s.rowsReplaced());
    out.printf("rows rejected: %d%n", s.rowsRejected());
    out.printf(
        "throughput:    %.1f MB in %.2f s (%.1f MB/s)%n",
        s.bytes() / 1e6, seconds, seconds > 0 ? s.bytes() / 1e6 / seconds : 0);
    if (s.synthetic()) {
      out.println("note:          SYNTHETIC data (files written by dnt data synth)");
    }
    return 0;
  }

  /** Ingests into a temporary store next to {@code store}, moved into place on success. */
  private IngestSummary ingestIntoNewStore(
      IngestOptions options, @Nullable StoreKey key, Minimisation minimisation) {
    Path absolute = store.toAbsolutePath();
    // an absolute store path has a parent: the root is a folder, refused before this
    Path folder = Objects.requireNonNull(absolute.getParent(), "--store folder");
    Path created = OutputFiles.firstMissing(folder);
    OutputFiles.createFolder(folder, "--store");
    Path tmp =
        folder.resolve(
            "." + absolute.getFileName() + ".ingest-" + ProcessHandle.current().pid() + ".tmp");
    boolean ok = false;
    try {
      IngestSummary s;
      try (TrafficStore ts = TrafficStore.create(tmp, key, minimisation)) {
        s = ts.ingest(inputs, options);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      ok = true;
      return s;
    } catch (IOException e) {
      throw new InvalidInputException("cannot create the store " + store + ": " + e, e);
    } finally {
      if (!ok) {
        OutputFiles.removeQuietly(Path.of(tmp + ".wal"), null);
        OutputFiles.removeQuietly(tmp, created);
      }
    }
  }
}
