package dnt.live;

import java.util.Objects;

/**
 * Every forecast cell's next hour and latest error in one answer, for map layers: aligned arrays,
 * entry i of each describing {@code cells[i]}. Cells are the federation's clients (those that held
 * a complete training window when the V-twin trained), ascending.
 *
 * @param cells the cell numbers, ascending
 * @param originMillis the start of each cell's forecast (the end of its newest slot), epoch ms
 * @param nextHour each cell's forecast internet activity summed over its next 6 slots
 * @param lastError each cell's observed minus one-step forecast activity of its newest slot (NaN
 *     when unknown)
 * @param lastZError the same errors divided by the standard deviation of each cell's z-score (the
 *     forecaster's standardised units, in which the forecasting study reports z-MSE; NaN when
 *     unknown)
 * @param version the twinning's version the forecasts come from
 * @param model the forecaster's registry name
 */
public record ForecastLayer(
    int[] cells,
    long[] originMillis,
    double[] nextHour,
    double[] lastError,
    double[] lastZError,
    long version,
    String model) {
  /** Checks that the arrays align and copies them. */
  public ForecastLayer {
    Objects.requireNonNull(model, "model");
    cells = cells.clone();
    originMillis = originMillis.clone();
    nextHour = nextHour.clone();
    lastError = lastError.clone();
    lastZError = lastZError.clone();
    int n = cells.length;
    if (originMillis.length != n
        || nextHour.length != n
        || lastError.length != n
        || lastZError.length != n) {
      throw new IllegalArgumentException("the layer's arrays differ in length");
    }
  }

  @Override
  public int[] cells() {
    return cells.clone();
  }

  @Override
  public long[] originMillis() {
    return originMillis.clone();
  }

  @Override
  public double[] nextHour() {
    return nextHour.clone();
  }

  @Override
  public double[] lastError() {
    return lastError.clone();
  }

  @Override
  public double[] lastZError() {
    return lastZError.clone();
  }

  /**
   * The number of cells.
   *
   * @return the common length of the arrays
   */
  public int size() {
    return cells.length;
  }
}
