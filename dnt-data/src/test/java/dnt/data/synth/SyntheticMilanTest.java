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

  /** Internet summed per slot of the day over every cell and day of a dataset. */
  private static double[] dailyProfile(TrafficDataset d) {
    double[] profile = new double[144];
    for (int c = 0; c < d.cellCount(); c++) {
      double[] x = d.series(c, Service.INTERNET);
      for (int t = 0; t < x.length; t++) {
        profile[t % 144] += x[t];
      }
    }
    return profile;
  }

  /**
   * Calibrated on the first half of the real subset (15 days), the generator is checked against the
   * other half, which it never saw: its daily profile must correlate with the held-out profile
   * about as well as the calibration half itself does, and its mean level must be that of the
   * held-out days within the factor that separates the central cells from the subset's.
   */
  @Test
  void calibratedOnHalfTheSubsetItMatchesTheHeldOutHalf() throws Exception {
    TrafficDataset real = MilanSubset.load();
    int half = real.length() / 144 / 2 * 144;
    TrafficDataset calibration = real.slice(0, half);
    TrafficDataset heldOut = real.slice(half, 2 * half);
    double[] density =
        SyntheticMilan.baseStationDensity(
            dnt.data.milan.MilanGrid.load(),
            dnt.data.milan.BaseStations.load(
                dnt.data.milan.RadioLayer.LTE_UMTS, dnt.data.milan.MilanGrid.load()));
    double[] subsetDensity =
        real.cells().stream().mapToDouble(c -> density[c.value() - 1]).toArray();
    List<RawRow> sample = new ArrayList<>();
    RawReader.read(
        dnt.data.milan.BundledData.file(dnt.data.milan.BundledData.RAW_SAMPLE),
        BadRows.fail(),
        sample::add);
    SyntheticMilan trained =
        new SyntheticMilan(
            Calibration.measure(calibration, subsetDensity, sample), density, real.cells());
    List<Path> out =
        trained.write(SynthConfig.of(CELLS, DAYS, 11), dir.resolve("held-out"), Progress.NONE);
    double[] synthetic = new double[144];
    double total = 0;
    for (Path f : out) {
      for (RawRow r : readAll(f)) {
        synthetic[(int) ((r.timeMillis() - MilanSubset.START_MILLIS) / 600_000L % 144)] +=
            r.internet();
        total += r.internet();
      }
    }
    double[] held = dailyProfile(heldOut);
    double reference = Calibration.correlation(dailyProfile(calibration), 0, held, 0, 144);
    double check = Calibration.correlation(synthetic, 0, held, 0, 144);
    // The real halves correlate at `reference` (0.990: the daily cycle is stable); the generator
    // adds its own noise (AR(1) field and per-row noise over 25 cells x 8 days), which may lower
    // the correlation of a 144-point profile by a few hundredths (it lowers it by 0.001 at seed
    // 11), so 0.05 below the real-to-real figure bounds that noise and still fails a wrong or
    // shifted profile (the calibration half shifted by one hour correlates at 0.913).
    assertThat(check).isGreaterThan(reference - 0.05);
    double perCellSlot = total / (CELLS * DAYS * 144.0);
    double heldMean = Arrays.stream(held).sum() / (heldOut.cellCount() * (double) half);
    // The generator writes the 25 cells nearest the grid centre, not the subset's block; their
    // demand differs from the block's through the base-station density proxy, so only the order
    // of magnitude is checked: within a factor of 3 of the held-out mean (1.4 at seed 11).
    assertThat(perCellSlot).isBetween(heldMean / 3, heldMean * 3);
  }

  private static List<RawRow> readAll(Path f) {
    List<RawRow> rows = new ArrayList<>();
    RawReader.read(f, BadRows.fail(), rows::add);
    return rows;
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
