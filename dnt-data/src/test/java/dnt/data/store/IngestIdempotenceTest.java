package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.BundledData;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest is idempotent on the key of a raw row (cell, slot, country code): the same day ingested
 * twice, under one name or two, in one call or two, leaves the store as one ingest of it, and the
 * replaced rows are counted.
 */
final class IngestIdempotenceTest {
  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);
  private static final long T0 = 1_383_260_400_000L;

  @TempDir Path dir;

  /** What a single ingest of the sample gives: its store summary and its export. */
  private record Snapshot(StoreInfo info, List<String> csv) {}

  private Snapshot snapshot(TrafficStore store, String name) throws Exception {
    Path out = dir.resolve(name + ".csv");
    store.export(Selection.all(), out, false);
    return new Snapshot(store.info(), Files.readAllLines(out));
  }

  private static long sampleRows() {
    long[] n = {0};
    RawReader.read(SAMPLE, BadRows.fail(), r -> n[0]++);
    return n[0];
  }

  @Test
  void aDayIngestedTwiceEqualsOneIngestAndCountsTheReplacedRows() throws Exception {
    Snapshot once;
    try (TrafficStore store = TrafficStore.create(dir.resolve("once.duckdb"))) {
      store.ingest(List.of(SAMPLE), IngestOptions.defaults());
      once = snapshot(store, "once");
    }
    long rows = sampleRows();
    assertThat(once.info().rows()).isEqualTo(rows);
    assertThat(once.info().rowsReplaced()).isZero();

    // The same day under a second name, in the same call and in a second call.
    Path copy = Files.copy(SAMPLE, dir.resolve("copy-of-the-same-day.txt"));
    try (TrafficStore store = TrafficStore.create(dir.resolve("twice.duckdb"))) {
      IngestSummary first = store.ingest(List.of(SAMPLE, copy), IngestOptions.defaults());
      assertThat(first.files()).isEqualTo(2);
      assertThat(first.rowsReplaced()).isEqualTo(rows);
      IngestSummary again = store.ingest(List.of(SAMPLE, SAMPLE), IngestOptions.defaults());
      // Same name, size and modification time as a file already in: skipped, nothing changes.
      assertThat(again.files()).isZero();
      assertThat(again.filesSkipped()).isEqualTo(2);
      Path third = Files.copy(SAMPLE, dir.resolve("third-name.txt"));
      IngestSummary later = store.ingest(List.of(third), IngestOptions.defaults());
      assertThat(later.rowsReplaced()).isEqualTo(rows);
      assertThat(later.rowsStored()).isZero();
      Snapshot twice = snapshot(store, "twice");
      assertThat(twice.csv()).isEqualTo(once.csv());
      assertThat(twice.info().totals()).isEqualTo(once.info().totals());
      assertThat(twice.info().rows()).isEqualTo(rows);
      assertThat(twice.info().cellSlots()).isEqualTo(once.info().cellSlots());
      assertThat(twice.info().rowsReplaced()).isEqualTo(2 * rows);
    }
  }

  @Test
  void theLastRowOfAKeyWinsAcrossFilesAndInsideOne() throws Exception {
    Path a =
        Files.writeString(
            dir.resolve("a.txt"), "5\t" + T0 + "\t39\t\t\t\t\t10\n5\t" + T0 + "\t33\t\t\t\t\t1\n");
    // A later file: country 39 of the same slot again (replaces 10), then a duplicate line of
    // the same key inside the file (the later line, 30, wins).
    Path b =
        Files.writeString(
            dir.resolve("b.txt"), "5\t" + T0 + "\t39\t\t\t\t\t20\n5\t" + T0 + "\t39\t\t\t\t\t30\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      store.ingest(List.of(a), IngestOptions.defaults());
      IngestSummary s = store.ingest(List.of(b), IngestOptions.defaults());
      assertThat(s.rowsReplaced()).isEqualTo(2); // the earlier line of b, and a's row
      TrafficDataset d = store.load(Selection.all());
      // Country 33 (1, from a) plus country 39 (30, the last line of b).
      assertThat(d.value(0, 0, Service.INTERNET)).isEqualTo(31.0);
      assertThat(store.info().rows()).isEqualTo(2);
      assertThat(store.info().rowsReplaced()).isEqualTo(2);
    }
  }

  @Test
  void rowsOfThreeFieldsAreValidRowsWithoutActivity() throws Exception {
    // As in the original files: every activity empty and the trailing empty fields dropped.
    Path f =
        Files.writeString(
            dir.resolve("three.txt"),
            "4\t"
                + T0
                + "\t39\n4\t"
                + (T0 + 600_000)
                + "\t39\t\t\t\t\t2.5\n4\t"
                + (T0 + 600_000)
                + "\t0\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      IngestSummary s = store.ingest(List.of(f), IngestOptions.defaults());
      assertThat(s.rowsRead()).isEqualTo(3);
      assertThat(s.rowsRejected()).isZero();
      assertThat(s.filesFastPath()).isEqualTo(1);
      TrafficDataset d = store.load(Selection.all());
      assertThat(d.length()).isEqualTo(2);
      assertThat(d.series(0, Service.INTERNET)).containsExactly(0.0, 2.5);
      assertThat(d.series(0, Service.SMS_IN)).containsExactly(0.0, 0.0);
    }
    // The validating reader accepts them too (the path of a file the bulk reader refuses).
    long[] rows = {0};
    RawReader.read(f, BadRows.fail(), r -> rows[0]++);
    assertThat(rows[0]).isEqualTo(3);
  }

  @Test
  void aFileHoldingTheSameDayTwiceStoresItOnce() throws Exception {
    Path doubled = dir.resolve("doubled.txt");
    String day = Files.readString(SAMPLE, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    Files.writeString(
        doubled, day + "\n" + day + "\n", java.nio.charset.StandardCharsets.ISO_8859_1);
    Snapshot once;
    try (TrafficStore store = TrafficStore.create(dir.resolve("once.duckdb"))) {
      store.ingest(List.of(SAMPLE), IngestOptions.defaults());
      once = snapshot(store, "once");
    }
    try (TrafficStore store = TrafficStore.create(dir.resolve("doubled.duckdb"))) {
      IngestSummary s = store.ingest(List.of(doubled), IngestOptions.defaults());
      assertThat(s.filesFastPath()).isEqualTo(1);
      assertThat(s.rowsReplaced()).isEqualTo(sampleRows());
      Snapshot twice = snapshot(store, "doubled");
      assertThat(twice.csv()).isEqualTo(once.csv());
      assertThat(twice.info().rows()).isEqualTo(once.info().rows());
    }
  }

  @Test
  void theLaterOfTwoLinesWithOneKeyInOneFileWins() throws Exception {
    // The sample, then every key of it again with other values: the second line of each key must
    // win (bulk loading keeps the file order only when the scanner sees a key that may repeat).
    String day = Files.readString(SAMPLE, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    StringBuilder later = new StringBuilder();
    for (String line : day.split("\n")) {
      String[] f = line.split("\t", -1);
      later.append(f[0]).append('\t').append(f[1]).append('\t').append(f[2]);
      later.append("\t1.5\t2.5\t3.5\t4.5\t5.5\n");
    }
    Path alone = dir.resolve("later-alone.txt");
    Files.writeString(alone, later, java.nio.charset.StandardCharsets.ISO_8859_1);
    Path both = dir.resolve("both.txt");
    Files.writeString(both, day + "\n" + later, java.nio.charset.StandardCharsets.ISO_8859_1);
    Snapshot expected;
    try (TrafficStore store = TrafficStore.create(dir.resolve("alone.duckdb"))) {
      store.ingest(List.of(alone), IngestOptions.defaults());
      expected = snapshot(store, "alone");
    }
    try (TrafficStore store = TrafficStore.create(dir.resolve("both.duckdb"))) {
      IngestSummary s = store.ingest(List.of(both), IngestOptions.defaults());
      assertThat(s.filesFastPath()).isEqualTo(1);
      assertThat(s.rowsReplaced()).isEqualTo(sampleRows());
      assertThat(snapshot(store, "both").csv()).isEqualTo(expected.csv());
    }
  }
}
