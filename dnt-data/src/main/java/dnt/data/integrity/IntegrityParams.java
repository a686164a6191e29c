package dnt.data.integrity;

/**
 * How a stream's synchronization integrity is checked (see {@link IntegrityMonitor}).
 *
 * @param window residuals kept in the sliding window, at least {@code warmup}
 * @param warmup residuals needed before observations are judged, at least 3
 * @param threshold robust z-score above which an observation is an outlier, positive
 * @param consecutive outliers in a row that flag the stream, and inliers in a row that clear it
 * @param enabled whether the check runs at all
 */
public record IntegrityParams(
    int window, int warmup, double threshold, int consecutive, boolean enabled) {

  /** Checks the ranges. */
  public IntegrityParams {
    if (warmup < 3 || window < warmup || !(threshold > 0) || consecutive < 1) {
      throw new IllegalArgumentException(
          "bad integrity parameters: window "
              + window
              + ", warmup "
              + warmup
              + ", threshold "
              + threshold
              + ", consecutive "
              + consecutive);
    }
  }

  /**
   * The live twin's defaults: a window of two days of 10-minute slots (288), judged after 36, a
   * robust z-score above 6, three in a row.
   *
   * @return the defaults, enabled
   */
  public static IntegrityParams defaults() {
    return new IntegrityParams(288, 36, 6.0, 3, true);
  }
}
