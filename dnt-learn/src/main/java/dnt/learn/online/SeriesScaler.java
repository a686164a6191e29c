package dnt.learn.online;

/**
 * The z-score of one cell's series, fitted on the slots training may use, as the forecasting study
 * normalises each cell (docs/forecasting.md): the model sees {@code (x - mean) / std}.
 *
 * @param mean the mean of the included values
 * @param std their sample standard deviation, 1 where it is 0 or undefined
 */
public record SeriesScaler(double mean, double std) {
  /** Checks the fields. */
  public SeriesScaler {
    if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException("a scaler needs a finite mean and a positive std");
    }
  }

  /**
   * Fits the included values of a history.
   *
   * @param h the history
   * @return the scaler; mean 0 and std 1 when fewer than two values are included
   */
  public static SeriesScaler fit(CellHistory h) {
    double[] v = h.raw();
    int n = 0;
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      if (!h.rawExcluded().get(i) && Double.isFinite(v[i])) {
        n++;
        sum += v[i];
      }
    }
    if (n < 2) {
      return new SeriesScaler(n == 1 ? sum : 0, 1);
    }
    double mean = sum / n;
    double ss = 0;
    for (int i = 0; i < v.length; i++) {
      if (!h.rawExcluded().get(i) && Double.isFinite(v[i])) {
        ss += (v[i] - mean) * (v[i] - mean);
      }
    }
    double std = Math.sqrt(ss / (n - 1));
    return new SeriesScaler(mean, std > 0 && Double.isFinite(std) ? std : 1);
  }

  /**
   * Normalises a value.
   *
   * @param x a value in the twin's units
   * @return {@code (x - mean) / std}
   */
  public float normalise(double x) {
    return (float) ((x - mean) / std);
  }

  /**
   * Undoes {@link #normalise}.
   *
   * @param z a normalised value
   * @return {@code z * std + mean}
   */
  public double restore(double z) {
    return z * std + mean;
  }

  /**
   * The normalised series of a history, NaN at excluded slots.
   *
   * @param h the history
   * @return one float per slot
   */
  public float[] normalise(CellHistory h) {
    double[] v = h.raw();
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = h.rawExcluded().get(i) ? Float.NaN : normalise(v[i]);
    }
    return out;
  }
}
