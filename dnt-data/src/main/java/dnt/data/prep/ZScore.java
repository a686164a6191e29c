package dnt.data.prep;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-cell, per-service z-score normalisation, {@code z = (x - mean) / std}, with the mean and the
 * <em>sample</em> standard deviation (denominator {@code n - 1}) of each cell's series. Fit it on
 * the training part only and apply it to both parts (ARCHITECTURE.md "Data conventions"), so no
 * test statistics leak into training.
 */
public final class ZScore {
  private final Map<CellId, Map<Service, double[]>> stats;
  private final List<CellId> cells;

  private ZScore(List<CellId> cells, Map<CellId, Map<Service, double[]>> stats) {
    this.cells = cells;
    this.stats = stats;
  }

  /**
   * Fits the statistics on a (training) dataset.
   *
   * @param train at least two slots per series
   * @return the fitted normaliser
   * @throws InvalidInputException if a series is constant (std 0) or shorter than two slots, naming
   *     the cell and service
   */
  public static ZScore fit(TrafficDataset train) {
    if (train.length() < 2) {
      throw new InvalidInputException(
          "z-score needs at least 2 training slots per series, got " + train.length());
    }
    Map<CellId, Map<Service, double[]>> stats = new HashMap<>();
    for (int c = 0; c < train.cellCount(); c++) {
      CellId cell = train.cells().get(c);
      Map<Service, double[]> perService = new EnumMap<>(Service.class);
      for (Service s : train.services()) {
        double[] x = train.series(c, s);
        double mean = 0;
        for (double v : x) {
          mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
          ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / (x.length - 1));
        if (!(std > 0)) {
          throw new InvalidInputException(
              "cell "
                  + cell
                  + " has a constant "
                  + s.column()
                  + " series in the training data (std 0), so it cannot be z-scored");
        }
        perService.put(s, new double[] {mean, std});
      }
      stats.put(cell, perService);
    }
    return new ZScore(train.cells(), stats);
  }

  /**
   * The cells this normaliser was fitted on.
   *
   * @return the cells
   */
  public List<CellId> cells() {
    return cells;
  }

  /**
   * The fitted mean.
   *
   * @param cell a fitted cell
   * @param service a fitted service
   * @return the training mean
   */
  public double mean(CellId cell, Service service) {
    return stat(cell, service)[0];
  }

  /**
   * The fitted sample standard deviation.
   *
   * @param cell a fitted cell
   * @param service a fitted service
   * @return the training std, positive
   */
  public double std(CellId cell, Service service) {
    return stat(cell, service)[1];
  }

  /**
   * Normalises one value.
   *
   * @param value raw activity
   * @param cell the cell
   * @param service the service
   * @return {@code (value - mean) / std}
   */
  public double normalise(double value, CellId cell, Service service) {
    double[] st = stat(cell, service);
    return (value - st[0]) / st[1];
  }

  /**
   * Maps one normalised value back to raw units.
   *
   * @param z a normalised value
   * @param cell the cell
   * @param service the service
   * @return {@code z * std + mean}
   */
  public double denormalise(double z, CellId cell, Service service) {
    double[] st = stat(cell, service);
    return z * st[1] + st[0];
  }

  /**
   * Normalises a dataset whose cells and services were all fitted.
   *
   * @param data raw data (e.g. the training or the test part)
   * @return the normalised data, same shape
   */
  public TrafficDataset apply(TrafficDataset data) {
    return transform(data, true);
  }

  /**
   * Inverse of {@link #apply}.
   *
   * @param normalised normalised data
   * @return data in raw units
   */
  public TrafficDataset invert(TrafficDataset normalised) {
    return transform(normalised, false);
  }

  private TrafficDataset transform(TrafficDataset data, boolean forward) {
    List<Service> services = data.services();
    float[][][] out = new float[data.cellCount()][data.length()][services.size()];
    for (int c = 0; c < data.cellCount(); c++) {
      CellId cell = data.cells().get(c);
      for (int k = 0; k < services.size(); k++) {
        double[] st = stat(cell, services.get(k));
        double[] x = data.series(c, services.get(k));
        for (int t = 0; t < x.length; t++) {
          out[c][t][k] = (float) (forward ? (x[t] - st[0]) / st[1] : x[t] * st[1] + st[0]);
        }
      }
    }
    return TrafficDataset.of(data.cells(), data.startMillis(), data.slot(), services, out);
  }

  private double[] stat(CellId cell, Service service) {
    Map<Service, double[]> perService = stats.get(cell);
    if (perService == null) {
      throw new InvalidInputException(
          "cell " + cell + " was not in the data the z-score was fitted on");
    }
    double[] st = perService.get(service);
    if (st == null) {
      throw new InvalidInputException(
          "service " + service.column() + " was not in the data the z-score was fitted on");
    }
    return st;
  }
}
