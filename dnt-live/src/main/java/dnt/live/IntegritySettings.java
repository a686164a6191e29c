package dnt.live;

import dnt.core.InvalidInputException;
import dnt.data.integrity.IntegrityParams;

/**
 * How each cell twin checks the synchronization integrity of its stream (the paper's Sec. III-C1;
 * docs/live.md, "Synchronization integrity"): every slot's total activity is compared with the same
 * slot a day earlier (a seasonal-naive prediction until forecasters are wired), the residual is
 * scored by median and MAD over a sliding window of earlier residuals, {@code consecutive} outliers
 * in a row flag the stream, and while it is flagged its outlying slots are masked by the
 * prediction; {@code consecutive} inliers in a row clear the flag.
 *
 * @param window residuals in the sliding window
 * @param warmup residuals needed before observations are judged, 3..window
 * @param threshold robust z-score above which a slot is an outlier
 * @param consecutive outliers in a row that flag the stream, inliers in a row that clear it
 * @param enabled whether the check runs
 */
public record IntegritySettings(
    int window, int warmup, double threshold, int consecutive, boolean enabled) {

  /** Validates the ranges. */
  public IntegritySettings {
    if (warmup < 3 || window < warmup) {
      throw new InvalidInputException(
          "integrity window " + window + " and warmup " + warmup + " need 3 <= warmup <= window");
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new InvalidInputException("integrity threshold " + threshold + " is not positive");
    }
    if (consecutive < 1) {
      throw new InvalidInputException("integrity consecutive " + consecutive + " is below 1");
    }
  }

  /**
   * The defaults ({@link IntegrityParams#defaults()}, shared with the integrity study): a window of
   * two days of slots (288), judged after 36, a z-score above 6, three in a row.
   *
   * @return the defaults
   */
  public static IntegritySettings defaults() {
    IntegrityParams d = IntegrityParams.defaults();
    return new IntegritySettings(d.window(), d.warmup(), d.threshold(), d.consecutive(), true);
  }

  /**
   * No check.
   *
   * @return the defaults, switched off
   */
  public static IntegritySettings off() {
    IntegritySettings d = defaults();
    return new IntegritySettings(d.window, d.warmup, d.threshold, d.consecutive, false);
  }
}
