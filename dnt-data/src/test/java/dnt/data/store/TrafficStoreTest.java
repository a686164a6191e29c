package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.BundledData;
import dnt.data.raw.BadRows;
import dnt.data.raw.DataverseMetadata;
import dnt.data.raw.RawReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest stores per-(cell, slot) sums over country codes, and the export reproduces them in the
 * exact documented format. Expected values are computed independently with {@link RawReader}.
 */
final class TrafficStoreTest {
  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);
  private static final long T0 = 1_383_260_400_000L;
  private static final String HEADER = "cell,time,smsin,smsout,callin,callout,internet";

  @TempDir Path dir;

  private TrafficStore ingest(Path... files) {
    TrafficStore store = TrafficStore.create(dir.resolve("store.duckdb"));
    store.ingest(List.of(files), IngestOptions.defaults());
    return store;
  }

  /** Independent (cell, time) -> five sums from the validating reader. */
  private static Map<List<Long>, double[]> expectedSums(Path file) {
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
          double[] s =
              sums.computeIfAbsent(List.of((long) r.cell(), r.timeMillis()), k -> new double[5]);
          for (Service sv : Service.values()) {
            s[sv.ordinal()] += r.value(sv);
          }
        });
    return sums;
  }

  @Test
  void theSampleIngestsAsOneRowPerSlotSummedOverCountryCodes() {
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      IngestSummary sum = store.ingest(List.of(SAMPLE), IngestOptions.defaults());
      assertThat(sum.files()).isEqualTo(1);
      assertThat(sum.rowsRead()).isEqualTo(143);
      assertThat(sum.rowsStored()).isEqualTo(expectedSums(SAMPLE).size());
      assertThat(sum.rowsReplaced()).isZero();
      assertThat(sum.rowsRejected()).isZero();
      assertThat(sum.filesFastPath()).isEqualTo(1);
      StoreInfo info = store.info();
      assertThat(info.cells()).isEqualTo(1);
      assertThat(info.cellSlots()).isEqualTo(expectedSums(SAMPLE).size());
      assertThat(info.firstSlotMillis()).isEqualTo(T0);
      assertThat(info.slots()).isEqualTo(71);
      assertThat(info.slotsWithoutData()).isZero();
      double internet =
          expectedSums(SAMPLE).values().stream()
              .mapToDouble(v -> v[Service.INTERNET.ordinal()])
              .sum();
      // two summation orders of 143 parsed values totalling 599: each within 142 x 2^-53 x 599 =
      // 9.4e-12 of the exact sum
      assertThat(info.totals().get(Service.INTERNET)).isCloseTo(internet, within(2e-11));
    }
  }

  @Test
  void theExportIsExactlyTheDocumentedFormat() throws Exception {
    Path out = dir.resolve("out.csv");
    try (TrafficStore store = ingest(SAMPLE)) {
      assertThat(store.export(Selection.all(), out, false).rows()).isEqualTo(71);
    }
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo(HEADER);
    assertThat(lines).hasSize(72);
    assertThat(Files.readString(out)).doesNotContain("\r").endsWith("\n");
    Map<List<Long>, double[]> expected = expectedSums(SAMPLE);
    int i = 1;
    for (Map.Entry<List<Long>, double[]> e : expected.entrySet()) {
      String[] f = lines.get(i++).split(",", -1);
      assertThat(f).hasSize(7);
      assertThat(Long.parseLong(f[0])).isEqualTo(e.getKey().get(0));
      assertThat(Long.parseLong(f[1])).isEqualTo(e.getKey().get(1));
      for (int k = 0; k < 5; k++) {
        // sums of at most 3 country-code rows of values below 16 (rounding ~1e-14), printed in
        // a shortest round-trip form
        assertThat(Double.parseDouble(f[2 + k])).isCloseTo(e.getValue()[k], within(1e-12));
      }
    }
  }

  @Test
  void countryCodesAreSummedAndAbsentSlotsExportAsZero() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("day.txt"),
            "7\t"
                + T0
                + "\t39\t1\t2\t3\t4\t5\n"
                + "7\t"
                + T0
                + "\t33\t\t\t\t\t0.5\n"
                + "7\t"
                + T0
                + "\t0\t0.25\n"
                + "7\t"
                + (T0 + 1_200_000)
                + "\t39\t1\n"
                + "8\t"
                + (T0 + 600_000)
                + "\t39\t\t\t\t\t9\n");
    Path out = dir.resolve("out.csv");
    try (TrafficStore store = ingest(f)) {
      store.export(Selection.all(), out, false);
    }
    assertThat(Files.readAllLines(out))
        .containsExactly(
            HEADER,
            "7," + T0 + ",1.25,2.0,3.0,4.0,5.5",
            "7," + (T0 + 600_000) + ",0.0,0.0,0.0,0.0,0.0",
            "7," + (T0 + 1_200_000) + ",1.0,0.0,0.0,0.0,0.0",
            "8," + T0 + ",0.0,0.0,0.0,0.0,0.0",
            "8," + (T0 + 600_000) + ",0.0,0.0,0.0,0.0,9.0",
            "8," + (T0 + 1_200_000) + ",0.0,0.0,0.0,0.0,0.0");
  }

  @Test
  void hourlyRowsSumTheirSixSlotsAndStartAtTheHour() {
    try (TrafficStore store = ingest(SAMPLE)) {
      TrafficDataset ten = store.load(Selection.all());
      TrafficDataset hour = store.load(Selection.all().withResolution(Resolution.HOUR));
      assertThat(hour.startMillis()).isEqualTo(T0);
      // 71 slots -> 11 full hours; the partial twelfth is not summed as if it were whole.
      assertThat(hour.length()).isEqualTo(ten.length() / 6);
      for (int h = 0; h < hour.length(); h++) {
        double sum = 0;
        for (int k = 0; k < 6; k++) {
          sum += ten.value(0, 6 * h + k, Service.INTERNET);
        }
        // the hour is summed in double and rounded once to float32 (2^-24 of the sum); each slot
        // was rounded to float32 (together at most 2^-24 of the sum)
        assertThat(hour.value(0, h, Service.INTERNET))
            .isCloseTo(sum, within(0x1p-23 * sum + 1e-12));
        assertThat(hour.timeOf(h)).isEqualTo(T0 + h * 3_600_000L);
      }
    }
  }

  @Test
  void gzipInputStoresTheSameTotals() throws Exception {
    Path gz = dir.resolve("sample.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(SAMPLE, out);
    }
    StoreInfo plain;
    try (TrafficStore a = TrafficStore.create(dir.resolve("a.duckdb"))) {
      a.ingest(List.of(SAMPLE), IngestOptions.defaults());
      plain = a.info();
    }
    try (TrafficStore b = TrafficStore.create(dir.resolve("b.duckdb"))) {
      b.ingest(List.of(gz), IngestOptions.defaults());
      assertThat(b.info()).isEqualTo(plain);
    }
  }

  @Test
  void aBadRowStopsTheIngestWithFileAndLineAndStoresNothingOfThatFile() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.txt"), "1\t" + T0 + "\t39\t1\n1\t" + T0 + "\t39\t1.2.3\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      assertThatThrownBy(() -> store.ingest(List.of(bad), IngestOptions.defaults()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(bad + ":2: smsin '1.2.3' is not a number");
      assertThat(store.info().cellSlots()).isZero();
      assertThat(store.info().files()).isZero();
    }
  }

  @Test
  void skipBadCountsRejectedRowsAndKeepsTheGoodOnes() throws Exception {
    Path mixed =
        Files.writeString(
            dir.resolve("mixed.txt"),
            "1\t" + T0 + "\t39\t1\n1\t" + T0 + "\t39\t2\t3\t4\t5\t6\t7\n2\t" + T0 + "\t39\t4\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      IngestSummary s =
          store.ingest(List.of(mixed), new IngestOptions(false, true, null, Progress.NONE));
      assertThat(s.rowsRead()).isEqualTo(3);
      assertThat(s.rowsRejected()).isEqualTo(1);
      assertThat(s.rowsStored()).isEqualTo(2);
      assertThat(s.filesFastPath()).isZero();
      assertThat(s.firstBadRows())
          .containsExactly(
              mixed
                  + ":2: a raw row has 3 to 8 tab-separated fields (cellid, time_interval, countrycode, smsin, smsout, callin, callout, internet), found 9");
      assertThat(store.info().totals().get(Service.SMS_IN)).isEqualTo(5.0);
    }
  }

  @Test
  void verificationRefusesAMismatchAndAcceptsAMatch() throws Exception {
    Path day = dir.resolve("sms-call-internet-mi-2013-11-01.txt");
    Files.copy(SAMPLE, day);
    IngestOptions verify = new IngestOptions(true, false, DataverseMetadata.load(), Progress.NONE);
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      assertThatThrownBy(() -> store.ingest(List.of(day), verify))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("fails verification");
      assertThat(store.info().cellSlots()).isZero();
    }
    String md5 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(SAMPLE)));
    Path meta =
        Files.writeString(
            dir.resolve("meta.json"),
            "{\"datasetVersion\": {\"files\": [{\"dataFile\": {\"filename\":"
                + " \"sms-call-internet-mi-2013-11-01.txt\", \"filesize\": 10476, \"md5\": \""
                + md5
                + "\"}}]}}");
    try (TrafficStore store = TrafficStore.create(dir.resolve("t.duckdb"))) {
      IngestSummary s =
          store.ingest(
              List.of(day),
              new IngestOptions(true, false, DataverseMetadata.load(meta), Progress.NONE));
      assertThat(s.rowsStored()).isEqualTo(expectedSums(SAMPLE).size());
    }
  }

  @Test
  void reIngestingAFileSkipsIt() {
    try (TrafficStore store = ingest(SAMPLE)) {
      IngestSummary again = store.ingest(List.of(SAMPLE), IngestOptions.defaults());
      assertThat(again.files()).isZero();
      assertThat(again.filesSkipped()).isEqualTo(1);
      assertThat(store.info().rawRows()).isEqualTo(143);
      assertThat(store.info().cellSlots()).isEqualTo(expectedSums(SAMPLE).size());
    }
  }

  @Test
  void pathsThatAreNotStoresAreRejectedClearly() throws Exception {
    assertThatThrownBy(() -> TrafficStore.open(dir.resolve("missing.duckdb")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no store at");
    Path text = Files.writeString(dir.resolve("x.duckdb"), "not a database");
    assertThatThrownBy(() -> TrafficStore.open(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a dnt store");
  }

  @Test
  void unknownCellsAndEmptyRangesAreRejected() {
    try (TrafficStore store = ingest(SAMPLE)) {
      assertThatThrownBy(
              () ->
                  store.export(
                      Selection.all().withCells(List.of(CellId.of(5000))),
                      dir.resolve("o.csv"),
                      false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cell 5000 has no data");
      assertThatThrownBy(() -> store.load(Selection.all().between(T0 + 600_000, T0 + 600_000)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("holds no whole step");
      assertThatThrownBy(() -> store.load(Selection.all().between(0, 600_000)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is outside the store");
    }
  }

  @Test
  void aTimeRangeSelectsHalfOpenSlots() {
    try (TrafficStore store = ingest(SAMPLE)) {
      TrafficDataset all = store.load(Selection.all());
      TrafficDataset part = store.load(Selection.all().between(T0 + 600_000, T0 + 3 * 600_000));
      assertThat(part.length()).isEqualTo(2);
      assertThat(part.series(0, Service.INTERNET))
          .containsExactly(all.value(0, 1, Service.INTERNET), all.value(0, 2, Service.INTERNET));
    }
  }

  @Test
  void aCsvReExportGoesThroughTheValidatingReaderWithTheSameSums() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("kaggle.csv"),
            "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n"
                + "2013-11-01 00:00:00,7,39,1,2,3,4,5\n"
                + "2013-11-01 00:00:00,7,33,,,,,0.5\n"
                + "2013-11-01 00:10:00,7,39,1,,,,\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("k.duckdb"))) {
      IngestSummary s = store.ingest(List.of(csv), IngestOptions.defaults());
      assertThat(s.filesFastPath()).isZero();
      assertThat(s.rowsRead()).isEqualTo(3);
      assertThat(s.rowsStored()).isEqualTo(2);
      TrafficDataset d = store.load(Selection.all());
      assertThat(d.startMillis()).isEqualTo(T0);
      assertThat(d.series(0, Service.INTERNET)).containsExactly(5.5, 0.0);
      assertThat(d.series(0, Service.SMS_IN)).containsExactly(1.0, 1.0);
    }
  }

  @Test
  void rowsNeedNotBeSortedNorAdjacentToBeSummed() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("unsorted.txt"),
            "9\t"
                + (T0 + 600_000)
                + "\t39\t\t\t\t\t1\n"
                + "2\t"
                + T0
                + "\t39\t\t\t\t\t2\n"
                + "9\t"
                + T0
                + "\t39\t\t\t\t\t4\n"
                + "9\t"
                + (T0 + 600_000)
                + "\t33\t\t\t\t\t8\n");
    try (TrafficStore store = TrafficStore.create(dir.resolve("u.duckdb"))) {
      IngestSummary s = store.ingest(List.of(f), IngestOptions.defaults());
      // (9, T0 + 10 min) in two places of the file: the validating path sums it
      assertThat(s.filesFastPath()).isZero();
      assertThat(s.rowsStored()).isEqualTo(3);
      TrafficDataset d = store.load(Selection.all());
      assertThat(d.cells()).containsExactly(CellId.of(2), CellId.of(9));
      assertThat(d.series(0, Service.INTERNET)).containsExactly(2.0, 0.0);
      assertThat(d.series(1, Service.INTERNET)).containsExactly(4.0, 9.0);
    }
  }
}
