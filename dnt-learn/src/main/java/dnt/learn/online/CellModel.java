package dnt.learn.online;

import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import java.util.Objects;

/**
 * The model that forecasts one cell: its cluster twin's weights, the cell's scaler, and the version
 * of the twinning they come from. Immutable; forecasting makes its own {@link Forecaster}, so any
 * thread may call it.
 *
 * @param cell the client's name
 * @param architecture the network
 * @param parameters the weights (copied)
 * @param scaler the cell's z-score
 * @param version the twinning's version when the model was taken
 */
public record CellModel(
    String cell, Architecture architecture, float[] parameters, SeriesScaler scaler, long version) {
  /** Checks and copies the fields. */
  public CellModel {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(scaler, "scaler");
    parameters = parameters.clone();
    if (parameters.length != architecture.parameterCount()) {
      throw new IllegalArgumentException("the parameters do not fit " + architecture.name());
    }
  }

  @Override
  public float[] parameters() {
    return parameters.clone();
  }

  /**
   * The slots of history a forecast reads before its first step.
   *
   * @return {@link WindowSpec#history()}
   */
  public int history() {
    return architecture.windows().history();
  }

  /**
   * Forecasts the slots after a series, recursively: each step is the model's one-step prediction
   * from windows that hold the observed values and, past the series' end, the steps forecast before
   * it (the usual recursive multi-step strategy).
   *
   * @param recent the cell's series up to its newest slot (excluded slots are read as they are,
   *     since a twin shows a masked slot's prediction); at least {@link #history()} slots long
   * @param steps how many slots to forecast
   * @return the forecast, in the twin's units, one value per slot after the series
   */
  public double[] forecast(CellHistory recent, int steps) {
    int n = recent.length();
    if (n < history()) {
      throw new IllegalArgumentException(
          "a forecast needs " + history() + " slots of history, got " + n);
    }
    WindowSpec spec = architecture.windows();
    WindowBuilder builder = new WindowBuilder(spec, recent.firstDayOfWeek(spec.slotsPerDay()));
    float[] series = new float[n + steps];
    double[] v = recent.raw();
    for (int i = 0; i < n; i++) {
      series[i] = scaler.normalise(v[i]);
    }
    Forecaster f = Forecaster.of(architecture, parameters);
    double[] out = new double[steps];
    for (int k = 0; k < steps; k++) {
      Windows w = builder.build(series, n + k, n + k + 1, cell);
      float z = f.predict(w)[0];
      series[n + k] = z;
      out[k] = scaler.restore(z);
    }
    return out;
  }

  /**
   * The model's one-step prediction of the slot after a series, cheaply: an {@link Mlp} is
   * evaluated in plain Java ({@link Mlp#predictPlain}), another network through {@link Forecaster}.
   * The live twin's integrity check calls it for every slot it judges.
   *
   * @param recent the cell's series up to the slot before the one predicted (as the twin shows it);
   *     at least {@link #history()} slots long
   * @return the prediction, in the twin's units
   */
  public double next(CellHistory recent) {
    int n = recent.length();
    if (n < history()) {
      throw new IllegalArgumentException(
          "a prediction needs " + history() + " slots of history, got " + n);
    }
    WindowSpec spec = architecture.windows();
    WindowBuilder builder = new WindowBuilder(spec, recent.firstDayOfWeek(spec.slotsPerDay()));
    float[] series = new float[n + 1];
    double[] v = recent.raw();
    for (int i = 0; i < n; i++) {
      series[i] = scaler.normalise(v[i]);
    }
    Windows w = builder.build(series, n, n + 1, cell);
    float z =
        architecture instanceof Mlp mlp
            ? mlp.predictPlain(parameters, w)[0]
            : Forecaster.of(architecture, parameters).predict(w)[0];
    return scaler.restore(z);
  }

  /**
   * The error of the model's one-step forecast of the series' newest slot from the slots before it:
   * observed minus forecast, in the twin's units.
   *
   * @param recent the cell's series up to its newest slot
   * @return the error, NaN when the series is too short
   */
  public double lastError(CellHistory recent) {
    int n = recent.length();
    if (n - 1 < history()) {
      return Double.NaN;
    }
    double[] v = recent.raw();
    double[] before = java.util.Arrays.copyOf(v, n - 1);
    CellHistory h =
        new CellHistory(
            recent.id(),
            recent.x(),
            recent.y(),
            recent.firstSlot(),
            before,
            new java.util.BitSet());
    return v[n - 1] - forecast(h, 1)[0];
  }
}
