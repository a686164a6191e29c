package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.BundledData;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store never counts a slot twice: a file that holds a slot an earlier file holds is refused,
 * naming both files, and the store is left as it was; inside one file the later line of a key
 * (cell, slot, country code) wins and the replaced lines are counted.
 */
final class IngestOverlapTest {
  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);
  private static final long T0 = 1_383_260_400_000L;
  private static final long SLOT = 600_000L;

  @TempDir Path dir;

  /** What a store holds: its summary and its export. */
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
  void aDayIngestedTwiceUnderAnotherNameIsRefusedNamingBothFilesAndChangesNothing()
      throws Exception {
    Path copy = Files.copy(SAMPLE, dir.resolve("copy-of-the-same-day.txt"));
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      store.ingest(List.of(SAMPLE), IngestOptions.defaults());
      Snapshot once = snapshot(store, "once");
      assertThatThrownBy(() -> store.ingest(List.of(copy), IngestOptions.defaults()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cannot ingest " + copy)
          .hasMessageContaining(SAMPLE.toAbsolutePath().toString())
          .hasMessageContaining("71 of its slots");
      Snapshot after = snapshot(store, "after");
      assertThat(after.csv()).isEqualTo(once.csv());
      assertThat(after.info()).isEqualTo(once.info());
      // The same file again (name, size and modification time) is skipped, not refused.
      IngestSummary again = store.ingest(List.of(SAMPLE, SAMPLE), IngestOptions.defaults());
      assertThat(again.files()).isZero();
      assertThat(again.filesSkipped()).isEqualTo(2);
      assertThat(store.info()).isEqualTo(once.info());
    }
    // In one call: the first file stays ingested, the second is refused.
    try (TrafficStore store = TrafficStore.create(dir.resolve("t.duckdb"))) {
      assertThatThrownBy(() -> store.ingest(List.of(SAMPLE, copy), IngestOptions.defaults()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(copy.toString())
          .hasMessageContaining(SAMPLE.toAbsolutePath().toString());
      assertThat(store.info().files()).isEqualTo(1);
      assertThat(store.info().rawRows()).isEqualTo(sampleRows());
    }
  }

  @Test
  void filesSharingOneSlotAreRefusedEvenForOtherCellsAndDisjointOnesAreAccepted() throws Exception {
    Path a =
        Files.writeString(
            dir.resolve("a.txt"),
            "5\t" + T0 + "\t39\t\t\t\t\t10\n5\t" + (T0 + SLOT) + "\t39\t\t\t\t\t1\n");
    // Another cell, but slot T0 + SLOT is a's.
    Path b =
        Files.writeString(
            dir.resolve("b.txt"),
            "6\t" + (T0 + SLOT) + "\t39\t\t\t\t\t20\n6\t" + (T0 + 2 * SLOT) + "\t39\t\t\t\t\t2\n");
    Path c = Files.writeString(dir.resolve("c.txt"), "6\t" + (T0 + 2 * SLOT) + "\t39\t1\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      store.ingest(List.of(a), IngestOptions.defaults());
      StoreInfo before = store.info();
      assertThatThrownBy(() -> store.ingest(List.of(b), IngestOptions.defaults()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cannot ingest " + b)
          .hasMessageContaining("1 of its slots (2013-11-01T00:10+01:00 .. 2013-11-01T00:20+01:00)")
          .hasMessageContaining(a.toAbsolutePath().toString());
      assertThat(store.info()).isEqualTo(before);
      assertThat(store.info().slots()).isEqualTo(2);
      IngestSummary s = store.ingest(List.of(c), IngestOptions.defaults());
      assertThat(s.files()).isEqualTo(1);
      assertThat(store.info().slots()).isEqualTo(3);
      assertThat(store.info().cellSlots()).isEqualTo(3);
    }
  }

  @Test
  void theLaterLineOfAKeyInsideOneFileWins() throws Exception {
    // Country 39 of one slot twice (the later line, 30, wins), and country 33 once.
    Path b =
        Files.writeString(
            dir.resolve("b.txt"),
            "5\t"
                + T0
                + "\t39\t\t\t\t\t20\n5\t"
                + T0
                + "\t33\t\t\t\t\t1\n5\t"
                + T0
                + "\t39\t\t\t\t\t30\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      IngestSummary s = store.ingest(List.of(b), IngestOptions.defaults());
      assertThat(s.rowsReplaced()).isEqualTo(1);
      assertThat(s.rowsRead()).isEqualTo(3);
      assertThat(s.rowsStored()).isEqualTo(1);
      TrafficDataset d = store.load(Selection.all());
      assertThat(d.value(0, 0, Service.INTERNET)).isEqualTo(31.0);
      assertThat(store.info().cellSlots()).isEqualTo(1);
      assertThat(store.info().rawRows()).isEqualTo(3);
      assertThat(store.info().rowsReplaced()).isEqualTo(1);
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
                + (T0 + SLOT)
                + "\t39\t\t\t\t\t2.5\n4\t"
                + (T0 + SLOT)
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
    // The validating reader accepts them too (the path of a file the parallel parser refuses).
    long[] rows = {0};
    RawReader.read(f, BadRows.fail(), r -> rows[0]++);
    assertThat(rows[0]).isEqualTo(3);
  }

  @Test
  void aFileHoldingTheSameDayTwiceStoresItOnce() throws Exception {
    Path doubled = dir.resolve("doubled.txt");
    String day = Files.readString(SAMPLE, StandardCharsets.ISO_8859_1).strip();
    Files.writeString(doubled, day + "\n" + day + "\n", StandardCharsets.ISO_8859_1);
    Snapshot once;
    try (TrafficStore store = TrafficStore.create(dir.resolve("once.duckdb"))) {
      store.ingest(List.of(SAMPLE), IngestOptions.defaults());
      once = snapshot(store, "once");
    }
    int chunk = StoreIngest.chunkBytes;
    for (int bytes : new int[] {chunk, 2048}) {
      StoreIngest.chunkBytes = bytes;
      try (TrafficStore store = TrafficStore.create(dir.resolve(bytes + ".duckdb"))) {
        IngestSummary s = store.ingest(List.of(doubled), IngestOptions.defaults());
        // a (cell, slot) in two places of the file: the validating path keeps the later lines
        assertThat(s.filesFastPath()).isZero();
        assertThat(s.rowsReplaced()).isEqualTo(sampleRows());
        Snapshot twice = snapshot(store, "doubled-" + bytes);
        assertThat(twice.csv()).isEqualTo(once.csv());
        assertThat(twice.info().cellSlots()).isEqualTo(once.info().cellSlots());
        assertThat(twice.info().totals()).isEqualTo(once.info().totals());
      } finally {
        StoreIngest.chunkBytes = chunk;
      }
    }
  }

  @Test
  void theLaterOfTwoLinesWithOneKeyInOneFileWins() throws Exception {
    // The sample, then every key of it again with other values: the second line of each key must
    // win.
    String day = Files.readString(SAMPLE, StandardCharsets.ISO_8859_1).strip();
    StringBuilder later = new StringBuilder();
    for (String line : day.split("\n")) {
      String[] f = line.split("\t", -1);
      later.append(f[0]).append('\t').append(f[1]).append('\t').append(f[2]);
      later.append("\t1.5\t2.5\t3.5\t4.5\t5.5\n");
    }
    Path alone = dir.resolve("later-alone.txt");
    Files.writeString(alone, later, StandardCharsets.ISO_8859_1);
    Path both = dir.resolve("both.txt");
    Files.writeString(both, day + "\n" + later, StandardCharsets.ISO_8859_1);
    Snapshot expected;
    try (TrafficStore store = TrafficStore.create(dir.resolve("alone.duckdb"))) {
      store.ingest(List.of(alone), IngestOptions.defaults());
      expected = snapshot(store, "alone");
    }
    try (TrafficStore store = TrafficStore.create(dir.resolve("both.duckdb"))) {
      IngestSummary s = store.ingest(List.of(both), IngestOptions.defaults());
      assertThat(s.rowsReplaced()).isEqualTo(sampleRows());
      assertThat(snapshot(store, "both").csv()).isEqualTo(expected.csv());
    }
  }
}
