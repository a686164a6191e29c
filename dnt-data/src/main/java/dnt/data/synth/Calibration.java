package dnt.data.synth;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.raw.RawRow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The numbers the synthetic generator reproduces, measured on real data.
 *
 * <p>Internet activity is modelled as {@code x(c, t) = scale(c) * level(dow) * profile(dow, tod) *
 * exp(f(c, t) + e(c, t) - sigma^2 / 2)}: a daily profile (weekday or weekend, 144 slots, mean 1), a
 * day-of-week level, a per-cell scale, and a log-normal residual split into a spatially and
 * temporally correlated field {@code f} and independent noise {@code e}. All of it is measured on
 * the bundled 25-cell internet subset, leaving out 2013-11-01 (All Saints' Day, a holiday). The
 * split over country codes and the SMS and call ratios to internet come from the bundled raw sample
 * (cell 1, 2013-11-01 00:00-11:40), the only raw-format data at hand.
 *
 * @param weekdayProfile mean-1 profile over the 144 slots of Monday..Friday
 * @param weekendProfile mean-1 profile over the 144 slots of Saturday and Sunday
 * @param dayLevel mean activity of each day of week (index {@code DayOfWeek.ordinal()}) relative to
 *     the cell mean
 * @param meanActivity mean internet activity per cell and slot of the subset
 * @param cellSigma std of log cell scale not explained by base-station density
 * @param residualSigma std of the log residual
 * @param neighbourCorrelation mean correlation of the log residuals of edge-neighbour cells
 * @param lagOneCorrelation mean lag-1 (10 min) autocorrelation of the log residuals
 * @param serviceRatio activity of each service relative to internet (internet = 1)
 * @param countryCodes country codes seen in the raw sample, ascending
 * @param countryPresence fraction of slots in which each code has a row
 * @param countryShare share of each service's activity carried by each code {@code [code][service]}
 */
public record Calibration(
    double[] weekdayProfile,
    double[] weekendProfile,
    double[] dayLevel,
    double meanActivity,
    double cellSigma,
    double residualSigma,
    double neighbourCorrelation,
    double lagOneCorrelation,
    double[] serviceRatio,
    int[] countryCodes,
    double[] countryPresence,
    double[][] countryShare) {

  /** Slots per day. */
  public static final int SLOTS_PER_DAY = 144;

  /** Exponent of the density-to-scale law {@code scale ~ (1 + density)^DENSITY_EXPONENT}. */
  public static final double DENSITY_EXPONENT = 0.5;

  /**
   * Measures the calibration.
   *
   * @param subset the internet subset, aligned to local midnight, whole days
   * @param densityOfSubsetCells base-station density of each subset cell, in subset order
   * @param rawSample rows of a raw file (for the country split and service ratios)
   * @return the calibration
   */
  public static Calibration measure(
      TrafficDataset subset, double[] densityOfSubsetCells, List<RawRow> rawSample) {
    int cells = subset.cellCount();
    int days = subset.length() / SLOTS_PER_DAY;
    if (days < 8 || cells < 2) {
      throw new InvalidInputException("calibration needs at least 2 cells and 8 days of data");
    }
    LocalDate first =
        Instant.ofEpochMilli(subset.startMillis())
            .atZone(dnt.data.raw.RawReader.MILAN)
            .toLocalDate();
    double[][] x = new double[cells][];
    double[] cellMean = new double[cells];
    for (int c = 0; c < cells; c++) {
      x[c] = subset.series(c, Service.INTERNET);
      double sum = 0;
      for (int t = SLOTS_PER_DAY; t < days * SLOTS_PER_DAY; t++) {
        sum += x[c][t];
      }
      cellMean[c] = sum / ((days - 1) * SLOTS_PER_DAY);
    }
    // Profiles and day levels of y = x / cellMean, skipping day 0 (the holiday).
    double[] weekday = new double[SLOTS_PER_DAY];
    double[] weekend = new double[SLOTS_PER_DAY];
    int weekdayDays = 0;
    int weekendDays = 0;
    double[] level = new double[7];
    int[] levelDays = new int[7];
    for (int d = 1; d < days; d++) {
      DayOfWeek dow = first.plusDays(d).getDayOfWeek();
      boolean isWeekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      double daySum = 0;
      for (int s = 0; s < SLOTS_PER_DAY; s++) {
        double m = 0;
        for (int c = 0; c < cells; c++) {
          m += x[c][d * SLOTS_PER_DAY + s] / cellMean[c];
        }
        m /= cells;
        (isWeekend ? weekend : weekday)[s] += m;
        daySum += m;
      }
      if (isWeekend) {
        weekendDays++;
      } else {
        weekdayDays++;
      }
      level[dow.ordinal()] += daySum / SLOTS_PER_DAY;
      levelDays[dow.ordinal()]++;
    }
    normaliseToMeanOne(weekday);
    normaliseToMeanOne(weekend);
    for (int k = 0; k < 7; k++) {
      level[k] = levelDays[k] == 0 ? 1 : level[k] / levelDays[k];
    }
    if (weekdayDays == 0 || weekendDays == 0) {
      throw new InvalidInputException("calibration needs both weekdays and weekend days");
    }
    // Log residuals.
    int n = (days - 1) * SLOTS_PER_DAY;
    double[][] r = new double[cells][n];
    double sumSq = 0;
    for (int c = 0; c < cells; c++) {
      for (int i = 0; i < n; i++) {
        int t = SLOTS_PER_DAY + i;
        DayOfWeek dow = first.plusDays(t / SLOTS_PER_DAY).getDayOfWeek();
        double[] profile = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? weekend : weekday;
        double expected = cellMean[c] * level[dow.ordinal()] * profile[t % SLOTS_PER_DAY];
        r[c][i] = Math.log(Math.max(x[c][t], 1e-9) / expected);
      }
      double mean = Arrays.stream(r[c]).average().orElse(0);
      for (int i = 0; i < n; i++) {
        r[c][i] -= mean;
        sumSq += r[c][i] * r[c][i];
      }
    }
    double residualSigma = Math.sqrt(sumSq / ((double) cells * n - 1));
    double neighbour = 0;
    int pairs = 0;
    double lag = 0;
    List<CellId> ids = subset.cells();
    for (int a = 0; a < cells; a++) {
      lag += correlation(r[a], 0, r[a], 1, n - 1);
      for (int b = a + 1; b < cells; b++) {
        CellId p = ids.get(a);
        CellId q = ids.get(b);
        int manhattan =
            Math.abs(p.rowFromSouth() - q.rowFromSouth())
                + Math.abs(p.columnFromWest() - q.columnFromWest());
        if (manhattan == 1) {
          neighbour += correlation(r[a], 0, r[b], 0, n);
          pairs++;
        }
      }
    }
    neighbour = pairs == 0 ? 0 : neighbour / pairs;
    lag /= cells;
    // Per-cell scale unexplained by density.
    double[] logResidual = new double[cells];
    for (int c = 0; c < cells; c++) {
      logResidual[c] =
          Math.log(cellMean[c]) - DENSITY_EXPONENT * Math.log1p(densityOfSubsetCells[c]);
    }
    double lm = Arrays.stream(logResidual).average().orElse(0);
    double cellSigma =
        Math.sqrt(Arrays.stream(logResidual).map(v -> (v - lm) * (v - lm)).sum() / (cells - 1));
    double meanActivity = Arrays.stream(cellMean).average().orElse(0);
    return withSample(
        weekday, weekend, level, meanActivity, cellSigma, residualSigma, neighbour, lag, rawSample);
  }

  private static Calibration withSample(
      double[] weekday,
      double[] weekend,
      double[] level,
      double meanActivity,
      double cellSigma,
      double residualSigma,
      double neighbour,
      double lag,
      List<RawRow> sample) {
    if (sample.isEmpty()) {
      throw new InvalidInputException("calibration needs a non-empty raw sample");
    }
    double[] total = new double[5];
    TreeMap<Integer, double[]> byCode = new TreeMap<>();
    TreeMap<Integer, java.util.Set<Long>> slotsByCode = new TreeMap<>();
    java.util.Set<Long> slots = new java.util.HashSet<>();
    for (RawRow row : sample) {
      double[] v = byCode.computeIfAbsent(row.countryCode(), k -> new double[5]);
      slotsByCode
          .computeIfAbsent(row.countryCode(), k -> new java.util.HashSet<>())
          .add(row.timeMillis());
      slots.add(row.timeMillis());
      for (Service s : Service.values()) {
        v[s.ordinal()] += row.value(s);
        total[s.ordinal()] += row.value(s);
      }
    }
    if (total[Service.INTERNET.ordinal()] <= 0) {
      throw new InvalidInputException("the raw sample has no internet activity to calibrate on");
    }
    double[] ratio = new double[5];
    for (Service s : Service.values()) {
      ratio[s.ordinal()] = total[s.ordinal()] / total[Service.INTERNET.ordinal()];
    }
    int[] codes = byCode.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[] presence = new double[codes.length];
    double[][] share = new double[codes.length][5];
    for (int k = 0; k < codes.length; k++) {
      presence[k] =
          Objects.requireNonNull(slotsByCode.get(codes[k])).size() / (double) slots.size();
      for (int s = 0; s < 5; s++) {
        share[k][s] =
            total[s] == 0
                ? (codes[k] == 39 ? 1 : 0)
                : Objects.requireNonNull(byCode.get(codes[k]))[s] / total[s];
      }
    }
    return new Calibration(
        weekday,
        weekend,
        level,
        meanActivity,
        cellSigma,
        residualSigma,
        neighbour,
        lag,
        ratio,
        codes,
        presence,
        share);
  }

  /**
   * The expected mean-1 profile of a day.
   *
   * @param dow the day of week
   * @return the 144-slot profile
   */
  public double[] profile(DayOfWeek dow) {
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? weekendProfile : weekdayProfile;
  }

  private static void normaliseToMeanOne(double[] v) {
    double mean = Arrays.stream(v).average().orElse(1);
    for (int i = 0; i < v.length; i++) {
      v[i] /= mean;
    }
  }

  /** Pearson correlation of a[i0..i0+n) and b[j0..j0+n). */
  static double correlation(double[] a, int i0, double[] b, int j0, int n) {
    double ma = 0;
    double mb = 0;
    for (int k = 0; k < n; k++) {
      ma += a[i0 + k];
      mb += b[j0 + k];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int k = 0; k < n; k++) {
      double da = a[i0 + k] - ma;
      double db = b[j0 + k] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }
}
