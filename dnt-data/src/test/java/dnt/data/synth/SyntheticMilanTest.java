package dnt.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.util.Progress;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanSubset;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import dnt.data.raw.RawRow;
import dnt.data.raw.RawScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator writes valid raw files, is deterministic per seed, and reproduces what it was
 * calibrated on: the daily profile of the real subset, the country-code split and the ratios.
 */
final class SyntheticMilanTest {
  private static SyntheticMilan generator;
  private static List<Path> files;
  private static final int CELLS = 25;
  private static final int DAYS = 8;

  @TempDir static Path dir;

  @BeforeAll
  static void generate() {
    generator = SyntheticMilan.bundled();
    files = generator.write(SynthConfig.of(CELLS, DAYS, 7), dir.resolve("a"), Progress.NONE);
  }

  private static List<RawRow> rows() {
    List<RawRow> rows = new ArrayList<>();
    for (Path f : files) {
      RawReader.read(f, BadRows.fail(), rows::add);
    }
    return rows;
  }

  @Test
  void filesAreNamedByDayAndInThePlainRawFormat() {
    assertThat(files).hasSize(DAYS);
    assertThat(files.get(0).getFileName().toString())
        .isEqualTo("synthetic-sms-call-internet-mi-2013-11-01.txt");
    for (Path f : files) {
      RawScanner.Result scan = RawScanner.scan(f, false);
      assertThat(scan.clean()).as(f.toString()).isTrue();
    }
    List<RawRow> rows = rows();
    assertThat(rows.stream().mapToInt(RawRow::cell).distinct().count()).isEqualTo(CELLS);
    assertThat(rows.get(0).timeMillis()).isEqualTo(MilanSubset.START_MILLIS);
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    List<Path> again =
        generator.write(SynthConfig.of(CELLS, 1, 7), dir.resolve("b"), Progress.NONE);
    List<Path> other =
        generator.write(SynthConfig.of(CELLS, 1, 8), dir.resolve("c"), Progress.NONE);
    assertThat(Files.readAllBytes(again.get(0))).isEqualTo(Files.readAllBytes(files.get(0)));
    assertThat(Files.readAllBytes(other.get(0))).isNotEqualTo(Files.readAllBytes(files.get(0)));
  }

  @Test
  void theDailyProfileCorrelatesWithTheRealSubsets() {
    double[] synthetic = new double[144];
    for (RawRow r : rows()) {
      synthetic[(int) ((r.timeMillis() - MilanSubset.START_MILLIS) / 600_000L % 144)] +=
          r.internet();
    }
    TrafficDataset real = MilanSubset.load();
    double[] profile = new double[144];
    for (int c = 0; c < real.cellCount(); c++) {
      double[] x = real.series(c, Service.INTERNET);
      for (int t = 0; t < x.length; t++) {
        profile[t % 144] += x[t];
      }
    }
    assertThat(Calibration.correlation(synthetic, 0, profile, 0, 144)).isGreaterThan(0.9);
  }

  @Test
  void theMeanLevelMatchesTheSubset() {
    double total = rows().stream().mapToDouble(RawRow::internet).sum();
    double perCellSlot = total / (CELLS * DAYS * 144.0);
    // The 25 central cells are busier than the subset on average, but within a factor of 3.
    double real = generator.calibration().meanActivity();
    assertThat(perCellSlot).isBetween(real / 3, real * 3);
  }

  @Test
  void countryCodesAndServiceRatiosFollowTheRawSample() {
    List<RawRow> rows = rows();
    Calibration cal = generator.calibration();
    double[] total = new double[5];
    double italyInternet = 0;
    for (RawRow r : rows) {
      for (Service s : Service.values()) {
        total[s.ordinal()] += r.value(s);
      }
      if (r.countryCode() == 39) {
        italyInternet += r.internet();
      }
    }
    int italy = Arrays.binarySearch(cal.countryCodes(), 39);
    assertThat(rows.stream().mapToInt(RawRow::countryCode).distinct().count()).isGreaterThan(3);
    assertThat(italyInternet / total[4])
        .isCloseTo(cal.countryShare()[italy][Service.INTERNET.ordinal()], within(0.05));
    for (Service s : List.of(Service.SMS_IN, Service.CALL_OUT)) {
      assertThat(total[s.ordinal()] / total[4])
          .isCloseTo(
              cal.serviceRatio()[s.ordinal()], within(0.1 * cal.serviceRatio()[s.ordinal()]));
    }
  }

  @Test
  void fewerCellsThanTheGridAreTheCellsNearestTheCentre() {
    List<CellId> four = SyntheticMilan.chooseCells(4);
    assertThat(four).extracting(CellId::value).containsExactly(4950, 4951, 5050, 5051);
    assertThat(SyntheticMilan.chooseCells(CellId.MAX)).hasSize(CellId.MAX);
  }
}
