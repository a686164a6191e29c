package dnt.serve;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.IngestOptions;
import dnt.data.store.Resolution;
import dnt.data.store.Selection;
import dnt.data.store.TrafficStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The independent expectation of the HTTP CSV: the rows written as a raw file, ingested with {@code
 * dnt data ingest}'s store and exported as {@code dnt data export} does (DuckDB sums and prints).
 */
final class StoreExport {
  private StoreExport() {}

  /** Writes rows as a raw tab-separated file, each value in Java's exact round-trip spelling. */
  static Path rawFile(Path dir, String name, List<RawRow> rows) {
    StringBuilder b = new StringBuilder();
    for (RawRow r : rows) {
      b.append(r.cell()).append('\t').append(r.timeMillis()).append('\t').append(r.countryCode());
      for (double v : new double[] {r.smsIn(), r.smsOut(), r.callIn(), r.callOut(), r.internet()}) {
        b.append('\t').append(v);
      }
      b.append('\n');
    }
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Writes totals (rows keyed under the reserved country code) in the export's CSV layout, the form
   * a client sends them in.
   */
  static String exportFormat(List<RawRow> rows) {
    StringBuilder b = new StringBuilder(TrafficCsv.HEADER).append('\n');
    for (RawRow r : rows) {
      b.append(r.cell()).append(',').append(r.timeMillis());
      for (double v : new double[] {r.smsIn(), r.smsOut(), r.callIn(), r.callOut(), r.internet()}) {
        b.append(',').append(v);
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Ingests the rows into a new store and exports the cells over [from, to). */
  static String export(
      Path dir, List<RawRow> rows, List<CellId> cells, long from, long to, Resolution res) {
    Path raw = rawFile(dir, "rows.txt", rows);
    Path out = dir.resolve("export.csv");
    try (TrafficStore store = TrafficStore.create(dir.resolve("store.duckdb"))) {
      store.ingest(List.of(raw), IngestOptions.defaults());
      store.export(
          Selection.all().withCells(cells).withResolution(res).between(from, to), out, true);
      return Files.readString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
