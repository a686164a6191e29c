package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.data.Service;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel parser stores, per (cell, slot), the sum over country codes of exactly what {@link
 * RawReader} reads, in line order, whatever the chunk size (chunks of a few lines to one chunk for
 * the file) and for plain and gzip files; {@code info} counts one row per distinct (cell, slot) and
 * the totals of the raw rows; the synthetic label follows the file name.
 */
final class SlotSumIngestTest {
  private static final long T0 = 1_383_260_400_000L;
  private static final long SLOT = 600_000L;
  private static final String[] SHORT = {"0", "1", "0.5", "12.25", "3.", ".75", "1e-3", "2E+2"};

  @TempDir Path dir;

  /**
   * Two days of 40 cells, each day sorted by cell then time (as the original files), one to four
   * country codes per (cell, slot), values of every shape the original and synthetic files use:
   * 17-digit decimals, short decimals, empty fields, rows of three fields.
   */
  private Path randomDays(String name) throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    StringBuilder b = new StringBuilder();
    for (int day = 0; day < 2; day++) {
      for (int cell = 1; cell <= 40; cell++) {
        for (int slot = 0; slot < 144; slot++) {
          if (rnd.nextInt(10) == 0) {
            continue; // a (cell, slot) without activity
          }
          long t = T0 + day * 86_400_000L + slot * SLOT;
          int codes = 1 + rnd.nextInt(4);
          for (int k = 0; k < codes; k++) {
            b.append(cell).append('\t').append(t).append('\t').append(k * 10 + rnd.nextInt(9));
            int fields = rnd.nextInt(6);
            for (int f = 0; f < fields; f++) {
              b.append('\t');
              switch (rnd.nextInt(4)) {
                case 0 -> b.append(rnd.nextDouble() * 20);
                case 1 -> b.append(String.format(Locale.ROOT, "%.6f", rnd.nextDouble() * 500));
                case 2 -> b.append(SHORT[rnd.nextInt(SHORT.length)]);
                default -> {} // empty
              }
            }
            b.append('\n');
          }
        }
      }
    }
    return Files.writeString(dir.resolve(name), b, StandardCharsets.ISO_8859_1);
  }

  /** (cell, time) -> five sums, added in line order, and the number of raw rows. */
  private static Map<List<Long>, double[]> expectedSums(Path file, long[] rows) {
    Map<List<Long>, double[]> sums =
        new TreeMap<>(
            (a, b) ->
                a.get(0).equals(b.get(0))
                    ? Long.compare(a.get(1), b.get(1))
                    : Long.compare(a.get(0), b.get(0)));
    RawReader.read(
        file,
        BadRows.fail(),
        r -> {
          rows[0]++;
          double[] s =
              sums.computeIfAbsent(List.of((long) r.cell(), r.timeMillis()), k -> new double[5]);
          for (Service sv : Service.values()) {
            s[sv.ordinal()] += r.value(sv);
          }
        });
    return sums;
  }

  @Test
  void theSumsAreExactlyThoseOfTheRawRowsInLineOrderForAnyChunkSize() throws Exception {
    Path plain = randomDays("synthetic-two-days.txt");
    Path gz = dir.resolve("real-two-days.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(plain, out);
    }
    long[] rows = {0};
    Map<List<Long>, double[]> expected = expectedSums(plain, rows);
    int chunk = StoreIngest.chunkBytes;
    try {
      for (int bytes : new int[] {64, 1500, 40_000, chunk}) {
        for (Path file : List.of(plain, gz)) {
          StoreIngest.chunkBytes = bytes;
          Path storePath = dir.resolve("s-" + bytes + "-" + file.getFileName() + ".duckdb");
          try (TrafficStore store = TrafficStore.create(storePath)) {
            IngestSummary s = store.ingest(List.of(file), IngestOptions.defaults());
            assertThat(s.filesFastPath()).as("chunks of %d bytes", bytes).isEqualTo(1);
            assertThat(s.rowsRead()).isEqualTo(rows[0]);
            assertThat(s.rowsStored()).isEqualTo(expected.size());
            assertThat(s.synthetic()).isEqualTo(file == plain);
            StoreInfo info = store.info();
            assertThat(info.cellSlots()).isEqualTo(expected.size());
            assertThat(info.rawRows()).isEqualTo(rows[0]);
            assertThat(info.rowsReplaced()).isZero();
            assertThat(info.cells()).isEqualTo(40);
            assertThat(info.syntheticFiles()).isEqualTo(file == plain ? 1 : 0);
            assertThat(store.hasSyntheticData()).isEqualTo(file == plain);
            for (Service sv : Service.values()) {
              double total = expected.values().stream().mapToDouble(v -> v[sv.ordinal()]).sum();
              // two summation orders of ~30,000 non-negative values: each within n x 2^-53 of
              // the exact sum, so within 30,000 x 1.1e-16 = 3.4e-12 of each other, relative
              assertThat(info.totals().get(sv)).isCloseTo(total, within(1e-11 * total + 1e-12));
            }
            Path out = dir.resolve("e-" + bytes + "-" + file.getFileName() + ".csv");
            store.export(Selection.all(), out, false);
            assertExportHolds(out, expected);
          }
        }
      }
    } finally {
      StoreIngest.chunkBytes = chunk;
    }
  }

  /**
   * The export has the expected sums, bit for bit where a row exists (the same values added in the
   * same order), and 0 for the ingested slots where a cell had no row.
   */
  private static void assertExportHolds(Path out, Map<List<Long>, double[]> expected)
      throws Exception {
    List<String> lines = Files.readAllLines(out);
    int nonZero = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      double[] want = expected.get(List.of(Long.parseLong(f[0]), Long.parseLong(f[1])));
      for (int k = 0; k < 5; k++) {
        double got = Double.parseDouble(f[2 + k]);
        assertThat(got).as(line).isEqualTo(want == null ? 0.0 : want[k]);
      }
      nonZero += want == null ? 0 : 1;
    }
    assertThat(nonZero).isEqualTo(expected.size());
    assertThat(lines).hasSize(1 + 40 * 288);
  }
}
