package dnt.experiments.forecasting;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.prep.TrainTestSplit;
import dnt.data.prep.ZScore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One service's traffic prepared for forecasting (ARCHITECTURE.md "Data conventions"): resampled,
 * the last days held out as test, z-scored per cell with the training part's mean and sample
 * standard deviation.
 *
 * @param cells the cells, in row order
 * @param positions the cells' centroids in metres
 * @param raw raw activity per cell and slot
 * @param z normalised activity per cell and slot
 * @param mean per-cell training mean
 * @param std per-cell training sample std
 * @param trainLength slots in the training part; the test part is {@code [trainLength, length)}
 * @param slotsPerDay slots a day after resampling
 * @param firstDayOfWeek local day of week of slot 0 (0 = Monday)
 * @param nativeSlotsPerSlot raw slots summed into one slot (6 for hourly from 10-minute data)
 * @param label a description ("Milan subset, internet, hourly")
 */
public record ForecastData(
    List<CellId> cells,
    List<Position> positions,
    float[][] raw,
    float[][] z,
    double[] mean,
    double[] std,
    int trainLength,
    int slotsPerDay,
    int firstDayOfWeek,
    int nativeSlotsPerSlot,
    String label) {
  /** Checks the shapes. */
  public ForecastData {
    cells = List.copyOf(cells);
    positions = List.copyOf(positions);
    Objects.requireNonNull(label, "label");
    if (raw.length != cells.size()
        || z.length != cells.size()
        || positions.size() != cells.size()) {
      throw new IllegalArgumentException("per-cell arrays disagree with the cell list");
    }
  }

  /**
   * Prepares a dataset.
   *
   * @param data the traffic (10-minute or coarser slots)
   * @param services the services summed into the forecast series (e.g. SMS in + out)
   * @param factor slots summed into one (6: hourly from 10-minute data)
   * @param testDays days held out at the end
   * @param position each cell's centroid
   * @param label a description
   * @return the prepared data
   * @throws InvalidInputException if a service is missing, the data is too short, or a cell's
   *     training series is constant
   */
  public static ForecastData prepare(
      TrafficDataset data,
      List<Service> services,
      int factor,
      int testDays,
      Function<CellId, Position> position,
      String label) {
    for (Service s : services) {
      if (!data.has(s)) {
        throw new InvalidInputException(
            "the data has no " + s.column() + " activity (it has " + data.services() + ")");
      }
    }
    TrafficDataset resampled = factor == 1 ? data : data.resample(factor);
    TrainTestSplit.Split split = TrainTestSplit.lastDays(resampled, testDays);
    int n = resampled.cellCount();
    int length = resampled.length();
    int trainLength = split.train().length();
    long slotMillis = resampled.slot().toMillis();
    int slotsPerDay = (int) (86_400_000L / slotMillis);
    float[][] raw = new float[n][length];
    for (int c = 0; c < n; c++) {
      for (Service s : services) {
        double[] x = resampled.series(c, s);
        for (int t = 0; t < length; t++) {
          raw[c][t] += (float) x[t];
        }
      }
    }
    // Fit the z-score on the summed series with the data module's (sample-std) normaliser.
    float[][][] cube = new float[n][trainLength][1];
    for (int c = 0; c < n; c++) {
      for (int t = 0; t < trainLength; t++) {
        cube[c][t][0] = raw[c][t];
      }
    }
    TrafficDataset trainSum =
        TrafficDataset.of(
            resampled.cells(),
            resampled.startMillis(),
            resampled.slot(),
            List.of(services.get(0)),
            cube);
    ZScore zs = ZScore.fit(trainSum);
    double[] mean = new double[n];
    double[] std = new double[n];
    float[][] z = new float[n][length];
    List<CellId> cells = resampled.cells();
    for (int c = 0; c < n; c++) {
      mean[c] = zs.mean(cells.get(c), services.get(0));
      std[c] = zs.std(cells.get(c), services.get(0));
      for (int t = 0; t < length; t++) {
        z[c][t] = (float) ((raw[c][t] - mean[c]) / std[c]);
      }
    }
    DayOfWeek dow =
        Instant.ofEpochMilli(resampled.startMillis())
            .atZone(ZoneId.of("Europe/Rome"))
            .getDayOfWeek();
    return new ForecastData(
        cells,
        cells.stream().map(position).toList(),
        raw,
        z,
        mean,
        std,
        trainLength,
        slotsPerDay,
        dow.getValue() - 1,
        factor,
        label);
  }

  /**
   * The data of the validation protocol: the last {@code testDays} days (the test week) cut off
   * before anything reads them, so that {@link #prepare} then holds out the {@code testDays} days
   * before them (the validation week), trains on the days before that and fits the z-score on those
   * days only. Hyperparameters chosen on the result never saw the test week.
   *
   * @param data the traffic
   * @param testDays the days of the test part
   * @return the traffic without its last {@code testDays} days
   * @throws InvalidInputException if the data spans fewer than {@code 2 testDays + 1} days
   */
  public static TrafficDataset validation(TrafficDataset data, int testDays) {
    long perDay = 86_400_000L / data.slot().toMillis();
    long cut = testDays * perDay;
    if (data.length() <= 2 * cut) {
      throw new InvalidInputException(
          "the validation split needs more than "
              + 2 * testDays
              + " days of data (a test and a validation week and training days before them), got "
              + data.length() / (double) perDay
              + " days");
    }
    return data.slice(0, (int) (data.length() - cut));
  }

  /**
   * The number of cells.
   *
   * @return the cell count
   */
  public int cellCount() {
    return cells.size();
  }

  /**
   * The number of slots.
   *
   * @return the series length
   */
  public int length() {
    return z[0].length;
  }

  /**
   * The number of test slots.
   *
   * @return length minus trainLength
   */
  public int testLength() {
    return length() - trainLength;
  }

  /**
   * The number of whole test days.
   *
   * @return the test days
   */
  public int testDays() {
    return testLength() / slotsPerDay;
  }

  /**
   * The same data restricted to the first {@code n} cells (for demos and tests).
   *
   * @param n cells to keep
   * @return the subset
   */
  public ForecastData firstCells(int n) {
    int k = Math.min(n, cellCount());
    return new ForecastData(
        cells.subList(0, k),
        positions.subList(0, k),
        java.util.Arrays.copyOf(raw, k),
        java.util.Arrays.copyOf(z, k),
        java.util.Arrays.copyOf(mean, k),
        java.util.Arrays.copyOf(std, k),
        trainLength,
        slotsPerDay,
        firstDayOfWeek,
        nativeSlotsPerSlot,
        label);
  }
}
