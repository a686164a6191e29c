package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.data.TrafficDataset;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero means "no activity in an ingested slot", never "not ingested": a range outside the store is
 * refused, a gap inside it is left out and reported, an hourly range must be whole hours, and a
 * failed export leaves no file. Synthetic data stays labelled through export and load.
 */
final class ExportRangeTest {
  private static final long T0 = 1_383_260_400_000L; // 2013-11-01T00:00+01:00
  private static final long SLOT = 600_000L;
  private static final long HOUR = 3_600_000L;

  @TempDir Path dir;

  /** Cell 1 at every slot of the first two hours except the slots of {@code missing}. */
  private Path day(String name, int... missing) throws Exception {
    StringBuilder b = new StringBuilder();
    outer:
    for (int t = 0; t < 12; t++) {
      for (int m : missing) {
        if (m == t) {
          continue outer;
        }
      }
      b.append("1\t").append(T0 + t * SLOT).append("\t39\t\t\t\t\t").append(t + 1).append('\n');
    }
    return Files.writeString(dir.resolve(name), b);
  }

  private TrafficStore store(Path... files) {
    TrafficStore s = TrafficStore.create(dir.resolve("s.duckdb"));
    s.ingest(List.of(files), IngestOptions.defaults());
    return s;
  }

  @Test
  void aRangeOutsideTheStoreIsRefusedNamingTheSpan() throws Exception {
    try (TrafficStore s = store(day("d.txt"))) {
      Path out = dir.resolve("o.csv");
      assertThatThrownBy(
              () ->
                  s.export(
                      Selection.all().between(T0 + 86_400_000L, T0 + 2 * 86_400_000L), out, false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is outside the store")
          .hasMessageContaining("2013-11-01T00:00+01:00 .. 2013-11-01T02:00+01:00");
      assertThatThrownBy(() -> s.export(Selection.all().between(T0 - HOUR, T0 + HOUR), out, false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is outside the store");
      assertThat(out).doesNotExist();
      assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")))
          .isEmpty();
    }
  }

  @Test
  void aGapInsideTheSpanIsLeftOutAndReportedNotFilledWithZeros() throws Exception {
    try (TrafficStore s = store(day("d.txt", 3, 4))) {
      Path out = dir.resolve("o.csv");
      ExportResult r = s.export(Selection.all(), out, false);
      assertThat(r.gaps()).containsExactly(new TimeRange(T0 + 3 * SLOT, T0 + 5 * SLOT));
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).hasSize(1 + 10);
      assertThat(lines).noneMatch(l -> l.startsWith("1," + (T0 + 3 * SLOT) + ","));
      assertThat(lines).noneMatch(l -> l.startsWith("1," + (T0 + 4 * SLOT) + ","));
      assertThat(r.rows()).isEqualTo(10);
      // Hourly: the first hour holds the gap and has no row; the second is whole.
      Path hourly = dir.resolve("h.csv");
      ExportResult h = s.export(Selection.all().withResolution(Resolution.HOUR), hourly, false);
      assertThat(Files.readAllLines(hourly))
          .containsExactly(ExportCsv.HEADER, "1," + (T0 + HOUR) + ",0.0,0.0,0.0,0.0,57.0");
      assertThat(h.gaps()).hasSize(1);
      // A dense dataset cannot hold a gap: loading one is refused, naming it.
      assertThatThrownBy(() -> s.load(Selection.all()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("has no data for 2013-11-01T00:30+01:00 .. 2013-11-01T00:50+01:00");
      assertThat(s.info().slotsWithoutData()).isEqualTo(2);
    }
  }

  @Test
  void anHourlyRangeMustStartAndEndOnWholeHours() throws Exception {
    try (TrafficStore s = store(day("d.txt"))) {
      Path out = dir.resolve("o.csv");
      Selection hourly = Selection.all().withResolution(Resolution.HOUR);
      assertThatThrownBy(() -> s.export(hourly.between(T0 + 2 * SLOT, T0 + 2 * HOUR), out, false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is not the start of an hour");
      assertThat(out).doesNotExist();
      // Whole hours: the second hour sums exactly its own six slots (7 + 8 + ... + 12 = 57).
      s.export(hourly.between(T0 + HOUR, T0 + 2 * HOUR), out, false);
      assertThat(Files.readAllLines(out))
          .containsExactly(ExportCsv.HEADER, "1," + (T0 + HOUR) + ",0.0,0.0,0.0,0.0,57.0");
    }
  }

  @Test
  void anExistingOrUnwritableOutputIsRefusedAndNothingIsLeftBehind() throws Exception {
    try (TrafficStore s = store(day("d.txt"))) {
      Path out = Files.writeString(dir.resolve("o.csv"), "keep me");
      assertThatThrownBy(() -> s.export(Selection.all(), out, false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(out + " exists");
      assertThat(Files.readString(out)).isEqualTo("keep me");
      s.export(Selection.all(), out, true);
      assertThat(Files.readAllLines(out)).hasSize(13);
      assertThatThrownBy(() -> s.export(Selection.all(), dir, false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is a folder");
      assertThatThrownBy(() -> s.export(Selection.all(), dir.resolve("no/such/o.csv"), false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("does not exist");
    }
  }

  @Test
  void aTruncatedGzipIsBadInputNamingTheFile() throws Exception {
    Path gz = dir.resolve("d.txt.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(day("plain.txt"), o);
    }
    byte[] all = Files.readAllBytes(gz);
    Path cut = Files.write(dir.resolve("cut.txt.gz"), java.util.Arrays.copyOf(all, all.length / 2));
    try (TrafficStore s = TrafficStore.create(dir.resolve("t.duckdb"))) {
      assertThatThrownBy(() -> s.ingest(List.of(cut), IngestOptions.defaults()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cannot read " + cut);
      assertThat(s.info().files()).isZero();
    }
  }

  @Test
  void syntheticDataStaysLabelledThroughLoadExportAndReadBack() throws Exception {
    Path synth = day("synthetic-sms-call-internet-mi-2013-11-01.txt");
    Path real = day("sms-call-internet-mi-2013-11-01.txt");
    Path out = dir.resolve("o.csv");
    try (TrafficStore s = TrafficStore.create(dir.resolve("synthetic.duckdb"))) {
      s.ingest(List.of(synth), IngestOptions.defaults());
      assertThat(s.load(Selection.all()).synthetic()).isTrue();
      assertThat(s.load(Selection.all()).slice(0, 2).resample(2).synthetic()).isTrue();
      assertThat(s.export(Selection.all(), out, false).synthetic()).isTrue();
    }
    // The CSV contract is unchanged; the label is the sidecar next to it.
    assertThat(Files.readAllLines(out).get(0)).isEqualTo(ExportCsv.HEADER);
    assertThat(TrafficStore.sidecarOf(out)).exists();
    assertThat(Files.readString(TrafficStore.sidecarOf(out))).startsWith("SYNTHETIC");
    TrafficDataset back = ExportCsv.read(out);
    assertThat(back.synthetic()).isTrue();
    // A renamed synthetic file keeps its label through a sidecar; a real store exports unlabelled
    // and removes a stale sidecar.
    Path renamed = Files.copy(synth, dir.resolve("renamed.txt"));
    Files.writeString(TrafficStore.sidecarOf(renamed), "SYNTHETIC\n");
    try (TrafficStore s = TrafficStore.create(dir.resolve("renamed.duckdb"))) {
      assertThat(s.ingest(List.of(renamed), IngestOptions.defaults()).synthetic()).isTrue();
      assertThat(s.hasSyntheticData()).isTrue();
    }
    try (TrafficStore s = TrafficStore.create(dir.resolve("real.duckdb"))) {
      s.ingest(List.of(real), IngestOptions.defaults());
      assertThat(s.load(Selection.all()).synthetic()).isFalse();
      assertThat(s.export(Selection.all(), out, true).synthetic()).isFalse();
    }
    assertThat(TrafficStore.sidecarOf(out)).doesNotExist();
    assertThat(ExportCsv.read(out).synthetic()).isFalse();
  }
}
