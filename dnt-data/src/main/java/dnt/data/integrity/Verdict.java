package dnt.data.integrity;

import dnt.data.Service;

/**
 * The integrity check of one observation: a slot's total activity (all services) against its
 * prediction: seasonal naive (the same slot a day earlier, {@link MaskPredict}), or, in the live
 * twin once a model exists, the cell's forecaster ({@link Predictor}). The live twin journals it
 * with the event, so replay applies the same decision even if a later version judges differently.
 *
 * @param slot the slot number
 * @param observed the observed total
 * @param predicted the predicted total
 * @param score the robust z-score of the residual, NaN while the window warms up
 * @param outlier whether the score exceeded the threshold
 * @param masked whether the stream was diverging with this observation, so the twin's state shows
 *     the prediction instead
 * @param prediction the per-service prediction (five values, {@link Service} order)
 * @param predictor what made the prediction
 */
public record Verdict(
    long slot,
    double observed,
    double predicted,
    double score,
    boolean outlier,
    boolean masked,
    double[] prediction,
    Predictor predictor) {
  /** The length of a prediction: one value per {@link Service}. */
  public static final int SERVICES = Service.values().length;

  /** Checks the prediction's length. */
  public Verdict {
    if (prediction.length != SERVICES) {
      throw new IllegalArgumentException("a verdict needs five predicted values");
    }
    java.util.Objects.requireNonNull(predictor, "predictor");
  }

  /**
   * A verdict against the seasonal-naive prediction.
   *
   * @param slot the slot number
   * @param observed the observed total
   * @param predicted the predicted total
   * @param score the robust z-score
   * @param outlier whether it is an outlier
   * @param masked whether it is masked
   * @param prediction the per-service prediction
   */
  public Verdict(
      long slot,
      double observed,
      double predicted,
      double score,
      boolean outlier,
      boolean masked,
      double[] prediction) {
    this(slot, observed, predicted, score, outlier, masked, prediction, Predictor.SEASONAL_NAIVE);
  }
}
