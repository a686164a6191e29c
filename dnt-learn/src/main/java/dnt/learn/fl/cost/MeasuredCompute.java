package dnt.learn.fl.cost;

import dnt.core.InvalidSettingException;

/**
 * A method's training compute, measured (thread CPU seconds of a forecasting run's {@code
 * timing.csv}) or set: the creation phase's seconds and the ongoing phase's seconds per update. The
 * ongoing phase's seconds scale with the number of updates: every update trains on the same recent
 * window ({@code async.historyDays} days) for the same epochs, whatever the update frequency (an
 * assumption where the frequency differs from the measured run's one a day).
 *
 * @param creationSeconds training seconds of the creation phase, at least 0
 * @param secondsPerUpdate training seconds of one ongoing update (all stations, or the server), at
 *     least 0
 */
public record MeasuredCompute(double creationSeconds, double secondsPerUpdate) {
  /** No training. */
  public static final MeasuredCompute NONE = new MeasuredCompute(0, 0);

  /** Checks the values. */
  public MeasuredCompute {
    if (!(creationSeconds >= 0) || Double.isInfinite(creationSeconds)) {
      throw new InvalidSettingException(
          "creationSeconds", "creation training seconds must be finite and >= 0");
    }
    if (!(secondsPerUpdate >= 0) || Double.isInfinite(secondsPerUpdate)) {
      throw new InvalidSettingException(
          "secondsPerUpdate", "training seconds per update must be finite and >= 0");
    }
  }
}
