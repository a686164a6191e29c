package dnt.data.synth;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.data.TrafficDataset;
import dnt.data.milan.BaseStations;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.RadioLayer;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import dnt.data.raw.RawRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Writes synthetic daily files in the exact raw Milan format ({@code
 * synthetic-sms-call-internet-mi-YYYY-MM-DD.txt}, tab-separated, one row per cell, slot and country
 * code, empty fields for no activity, trailing empty fields dropped), so that they go through the
 * same ingest path as real files. <b>The data is synthetic</b>: the {@code synthetic-} prefix makes
 * every store and report that uses it say so.
 *
 * <p>The model (reconstructed for this project, not from a paper) follows {@link Calibration}:
 * daily and weekly profile, a per-cell scale growing with the cell's base-station density ({@code
 * (1 + density)^0.5}, density = base stations of the LTE-UMTS layer inside the cell) with
 * log-normal spread, a log-normal residual whose correlated part is a spatially smoothed Gaussian
 * field following an AR(1) process in time, independent noise, the split over country codes, and
 * SMS and call activity tied to internet by fixed ratios with 30% log-normal noise. Each day is
 * generated from its own derived seed, so days can be written in parallel and the output does not
 * depend on thread scheduling.
 */
public final class SyntheticMilan {
  /** Prefix of every synthetic file name. */
  public static final String FILE_PREFIX = "synthetic-";

  private static final int SLOTS = Calibration.SLOTS_PER_DAY;
  private static final int SIDE = CellId.GRID_SIDE;
  private static final int SMOOTHING_PASSES = 4;
  private static final double SERVICE_NOISE = 0.3;

  private final Calibration calibration;
  private final double[] density;
  private final double scaleConstant;
  private final double fieldShare;
  private final double fieldPhi;

  /**
   * Creates a generator.
   *
   * @param calibration the measured numbers
   * @param density base-station density per cell id - 1 (10,000 entries)
   * @param subsetCells the cells the calibration was measured on (to fix the scale constant)
   */
  public SyntheticMilan(Calibration calibration, double[] density, List<CellId> subsetCells) {
    if (density.length != CellId.MAX) {
      throw new IllegalArgumentException("density needs one entry per cell");
    }
    this.calibration = calibration;
    this.density = density.clone();
    double meanFactor =
        subsetCells.stream()
            .mapToDouble(c -> Math.pow(1 + density[c.value() - 1], Calibration.DENSITY_EXPONENT))
            .average()
            .orElse(1);
    this.scaleConstant = calibration.meanActivity() / meanFactor;
    double kappa = smoothedNeighbourCorrelation();
    this.fieldShare = Math.max(0, Math.min(1, calibration.neighbourCorrelation() / kappa));
    this.fieldPhi =
        fieldShare == 0
            ? 0
            : Math.max(0, Math.min(0.999, calibration.lagOneCorrelation() / fieldShare));
  }

  /**
   * A generator calibrated on the bundled data (subset, raw sample, grid and base stations).
   *
   * @return the generator
   */
  public static SyntheticMilan bundled() {
    TrafficDataset subset = MilanSubset.load();
    MilanGrid grid = MilanGrid.load();
    double[] density = baseStationDensity(grid, BaseStations.load(RadioLayer.LTE_UMTS, grid));
    double[] subsetDensity =
        subset.cells().stream().mapToDouble(c -> density[c.value() - 1]).toArray();
    List<RawRow> sample = new ArrayList<>();
    RawReader.read(BundledData.file(BundledData.RAW_SAMPLE), BadRows.fail(), sample::add);
    return new SyntheticMilan(
        Calibration.measure(subset, subsetDensity, sample), density, subset.cells());
  }

  /**
   * Base stations inside each cell: the summed station counts of the aggregated stations whose
   * position is nearest the cell's centre.
   *
   * @param grid the grid
   * @param stations the stations
   * @return density per cell id - 1
   */
  public static double[] baseStationDensity(MilanGrid grid, BaseStations stations) {
    double[] d = new double[CellId.MAX];
    for (BaseStations.Station s : stations.stations()) {
      d[grid.nearestCell(s.position()).value() - 1] += s.baseStationCount();
    }
    return d;
  }

  /**
   * The calibration in use.
   *
   * @return the calibration
   */
  public Calibration calibration() {
    return calibration;
  }

  /**
   * The cells a configuration generates: all, or the {@code n} nearest the grid centre, ascending.
   *
   * @param n number of cells
   * @return the cells
   */
  public static List<CellId> chooseCells(int n) {
    double centre = (SIDE - 1) / 2.0;
    return IntStream.rangeClosed(1, CellId.MAX)
        .mapToObj(CellId::of)
        .sorted(
            Comparator.comparingDouble(
                    (CellId c) ->
                        Math.hypot(c.rowFromSouth() - centre, c.columnFromWest() - centre))
                .thenComparingInt(CellId::value))
        .limit(n)
        .sorted()
        .toList();
  }

  /**
   * Writes one file per day into a folder, days in parallel.
   *
   * @param config cells, days, seed, first day
   * @param outDir the folder (created if absent)
   * @param progress receives (days done, days, file name)
   * @return the files written, in day order
   */
  public List<Path> write(SynthConfig config, Path outDir, Progress progress) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder " + outDir, e);
    }
    List<CellId> cells = chooseCells(config.cells());
    double[] scale = cellScales(cells, config.seed());
    int threads = Math.max(1, Math.min(config.days(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (int d = 0; d < config.days(); d++) {
        int day = d;
        futures.add(
            pool.submit(
                () -> {
                  LocalDate date = config.firstDay().plusDays(day);
                  Path file = outDir.resolve(fileName(date));
                  writeDay(file, date, cells, scale, Seeds.derive(config.seed(), 1, day));
                  progress.update(
                      done.incrementAndGet(), config.days(), file.getFileName().toString());
                  return file;
                }));
      }
      List<Path> files = new ArrayList<>();
      for (Future<Path> f : futures) {
        files.add(f.get());
      }
      return files;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing synthetic data", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot write synthetic data: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The file name for a day.
   *
   * @param date the day
   * @return {@code synthetic-sms-call-internet-mi-YYYY-MM-DD.txt}
   */
  public static String fileName(LocalDate date) {
    return FILE_PREFIX + "sms-call-internet-mi-" + date + ".txt";
  }

  private double[] cellScales(List<CellId> cells, long seed) {
    RandomGenerator rng = Seeds.generator(Seeds.derive(seed, 0));
    double sigma = calibration.cellSigma();
    double[] scale = new double[cells.size()];
    for (int i = 0; i < scale.length; i++) {
      double z = rng.nextGaussian();
      scale[i] =
          scaleConstant
              * Math.pow(1 + density[cells.get(i).value() - 1], Calibration.DENSITY_EXPONENT)
              * Math.exp(sigma * z - sigma * sigma / 2);
    }
    return scale;
  }

  /** Internet activity of one day, {@code [cell index][slot]}. */
  double[][] internetOfDay(
      LocalDate date, List<CellId> cells, double[] scale, RandomGenerator rng) {
    DayOfWeek dow = date.getDayOfWeek();
    double[] profile = calibration.profile(dow);
    double level = calibration.dayLevel()[dow.ordinal()];
    double sigma = calibration.residualSigma();
    double fieldSd = Math.sqrt(fieldShare) * sigma;
    double noiseSd = Math.sqrt(1 - fieldShare) * sigma;
    double innovation = Math.sqrt(1 - fieldPhi * fieldPhi);
    double[] field = smoothedField(rng);
    double[][] out = new double[cells.size()][SLOTS];
    for (int t = 0; t < SLOTS; t++) {
      if (t > 0) {
        double[] z = smoothedField(rng);
        for (int i = 0; i < field.length; i++) {
          field[i] = fieldPhi * field[i] + innovation * z[i];
        }
      }
      for (int c = 0; c < cells.size(); c++) {
        double r = fieldSd * field[cells.get(c).value() - 1] + noiseSd * rng.nextGaussian();
        out[c][t] = scale[c] * level * profile[t] * Math.exp(r - sigma * sigma / 2);
      }
    }
    return out;
  }

  private void writeDay(Path file, LocalDate date, List<CellId> cells, double[] scale, long seed) {
    RandomGenerator rng = Seeds.generator(seed);
    double[][] internet = internetOfDay(date, cells, scale, rng);
    long t0 = date.atStartOfDay(RawReader.MILAN).toInstant().toEpochMilli();
    double[] ratio = calibration.serviceRatio();
    int[] codes = calibration.countryCodes();
    double[] presence = calibration.countryPresence();
    double[][] share = calibration.countryShare();
    double[] total = new double[5];
    double[][] rows = new double[codes.length][5];
    boolean[] present = new boolean[codes.length];
    int italy = Arrays.binarySearch(codes, 39);
    byte[] buf = new byte[1 << 20];
    int pos = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int c = 0; c < cells.size(); c++) {
        int cell = cells.get(c).value();
        for (int t = 0; t < SLOTS; t++) {
          for (int s = 0; s < 5; s++) {
            double noise =
                s == 4
                    ? 1
                    : Math.exp(
                        SERVICE_NOISE * rng.nextGaussian() - SERVICE_NOISE * SERVICE_NOISE / 2);
            total[s] = internet[c][t] * ratio[s] * noise;
          }
          splitOverCodes(total, share, presence, italy, rng, rows, present);
          long time = t0 + t * RawReader.SLOT_MILLIS;
          for (int k = 0; k < codes.length; k++) {
            if (!present[k]) {
              continue;
            }
            if (pos > buf.length - 256) {
              out.write(buf, 0, pos);
              pos = 0;
            }
            pos = writeRow(buf, pos, cell, time, codes[k], rows[k]);
          }
        }
      }
      out.write(buf, 0, pos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Splits totals over country codes: each code other than Italy (39) appears with its measured
   * presence and then carries {@code share / presence} of each total, so its expected share is the
   * measured one; Italy carries the rest and is always present.
   */
  private static void splitOverCodes(
      double[] total,
      double[][] share,
      double[] presence,
      int italy,
      RandomGenerator rng,
      double[][] rows,
      boolean[] present) {
    double[] used = new double[5];
    for (int k = 0; k < rows.length; k++) {
      present[k] = k == italy || (italy < 0 && k == 0) || rng.nextDouble() < presence[k];
      if (k == italy) {
        continue;
      }
      for (int s = 0; s < 5; s++) {
        rows[k][s] = present[k] && presence[k] > 0 ? total[s] * share[k][s] / presence[k] : 0;
        used[s] += rows[k][s];
      }
    }
    if (italy >= 0) {
      for (int s = 0; s < 5; s++) {
        if (used[s] > total[s]) {
          double f = total[s] / used[s];
          for (int k = 0; k < rows.length; k++) {
            rows[k][s] *= f;
          }
          used[s] = total[s];
        }
        rows[italy][s] = total[s] - used[s];
      }
    }
  }

  /** Appends one raw row: empty fields for values that print as 0, trailing empties dropped. */
  private static int writeRow(byte[] buf, int pos, int cell, long time, int code, double[] v) {
    pos = writeLong(buf, pos, cell);
    buf[pos++] = '\t';
    pos = writeLong(buf, pos, time);
    buf[pos++] = '\t';
    pos = writeLong(buf, pos, code);
    int last = -1;
    long[] micro = new long[5];
    for (int s = 0; s < 5; s++) {
      micro[s] = Math.round(v[s] * 1e6);
      if (micro[s] > 0) {
        last = s;
      }
    }
    for (int s = 0; s <= Math.max(last, 0); s++) {
      buf[pos++] = '\t';
      if (micro[s] > 0) {
        pos = writeMicros(buf, pos, micro[s]);
      }
    }
    buf[pos++] = '\n';
    return pos;
  }

  private static int writeLong(byte[] buf, int pos, long v) {
    if (v == 0) {
      buf[pos++] = '0';
      return pos;
    }
    int start = pos;
    while (v > 0) {
      buf[pos++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int i = start, j = pos - 1; i < j; i++, j--) {
      byte tmp = buf[i];
      buf[i] = buf[j];
      buf[j] = tmp;
    }
    return pos;
  }

  /** Writes {@code micros / 1e6} in plain decimal with up to six decimals, no trailing zeros. */
  private static int writeMicros(byte[] buf, int pos, long micros) {
    pos = writeLong(buf, pos, micros / 1_000_000);
    long frac = micros % 1_000_000;
    if (frac != 0) {
      buf[pos++] = '.';
      int digits = 6;
      while (frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
      for (int i = digits - 1; i >= 0; i--) {
        buf[pos + i] = (byte) ('0' + frac % 10);
        frac /= 10;
      }
      pos += digits;
    }
    return pos;
  }

  /** A unit-variance Gaussian field over the 100 x 100 grid, smoothed by 5-point averaging. */
  static double[] smoothedField(RandomGenerator rng) {
    double[] a = new double[SIDE * SIDE];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    double[] b = new double[a.length];
    for (int pass = 0; pass < SMOOTHING_PASSES; pass++) {
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          int i = r * SIDE + c;
          double sum = a[i];
          int n = 1;
          if (r > 0) {
            sum += a[i - SIDE];
            n++;
          }
          if (r < SIDE - 1) {
            sum += a[i + SIDE];
            n++;
          }
          if (c > 0) {
            sum += a[i - 1];
            n++;
          }
          if (c < SIDE - 1) {
            sum += a[i + 1];
            n++;
          }
          b[i] = sum / n;
        }
      }
      double[] tmp = a;
      a = b;
      b = tmp;
    }
    double mean = Arrays.stream(a).average().orElse(0);
    double var = Arrays.stream(a).map(v -> (v - mean) * (v - mean)).sum() / (a.length - 1);
    double sd = Math.sqrt(var);
    for (int i = 0; i < a.length; i++) {
      a[i] = (a[i] - mean) / sd;
    }
    return a;
  }

  /** Neighbour correlation of {@link #smoothedField}, measured once on a fixed-seed draw. */
  private static double smoothedNeighbourCorrelation() {
    double[] f = smoothedField(Seeds.generator(12345));
    double sum = 0;
    int n = 0;
    for (int r = 0; r < SIDE; r++) {
      for (int c = 0; c + 1 < SIDE; c++) {
        sum += f[r * SIDE + c] * f[r * SIDE + c + 1];
        n++;
      }
    }
    double kappa = sum / n;
    if (!(kappa > 0)) {
      throw new InvalidInputException("the smoothed field has no neighbour correlation");
    }
    return kappa;
  }
}
