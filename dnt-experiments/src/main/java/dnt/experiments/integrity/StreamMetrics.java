package dnt.experiments.integrity;

import dnt.data.integrity.MaskPredict;

/**
 * What the study measures on one judged stream: flags raised, detection delay, and the error of the
 * twin's seasonal-naive forecast (the slot a day earlier) against the clean truth.
 */
public final class StreamMetrics {
  private StreamMetrics() {}

  /**
   * Flags raised: slots on which the stream became flagged (diverging now, not on the slot before).
   *
   * @param diverging per slot, whether the stream is flagged once that slot is judged
   * @return the number of rising edges
   */
  public static int flags(boolean[] diverging) {
    int n = 0;
    for (int t = 0; t < diverging.length; t++) {
      if (diverging[t] && (t == 0 || !diverging[t - 1])) {
        n++;
      }
    }
    return n;
  }

  /**
   * Slots on which the stream is flagged.
   *
   * @param diverging per slot, whether the stream is flagged
   * @param from the first slot counted
   * @param to the slot after the last counted
   * @return the count over {@code [from, to)}
   */
  public static int flagged(boolean[] diverging, int from, int to) {
    int n = 0;
    for (int t = from; t < to; t++) {
      if (diverging[t]) {
        n++;
      }
    }
    return n;
  }

  /**
   * Detection delay: slots from a fault's onset to the first slot of the fault on which the stream
   * is flagged (0 when flagged on the onset itself, or already flagged then).
   *
   * @param diverging per slot, whether the stream is flagged once that slot is judged
   * @param onset the fault's first slot
   * @param end the slot after its last
   * @return the delay in slots, or -1 when the stream is not flagged during the fault
   */
  public static int detectionDelay(boolean[] diverging, int onset, int end) {
    for (int t = onset; t < end; t++) {
      if (diverging[t]) {
        return t - onset;
      }
    }
    return -1;
  }

  /**
   * The absolute error of the seasonal-naive forecast made from a series: slot t predicted by the
   * series' slot {@code t - 144}.
   *
   * @param truth the clean truth
   * @param series the series the forecast reads (raw faulty, or as the twin shows it)
   * @param from the first slot scored, at least 144
   * @param to the slot after the last scored
   * @return the sum over {@code [from, to)} of {@code |series[t - 144] - truth[t]|}
   */
  public static double absoluteError(double[] truth, double[] series, int from, int to) {
    if (from < MaskPredict.SLOTS_PER_DAY) {
      throw new IllegalArgumentException("slot " + from + " has no slot a day earlier");
    }
    double sum = 0;
    for (int t = from; t < to; t++) {
      sum += Math.abs(series[t - MaskPredict.SLOTS_PER_DAY] - truth[t]);
    }
    return sum;
  }

  /**
   * The sum of absolute values, the denominator of a weighted absolute percentage error.
   *
   * @param truth the clean truth
   * @param from the first slot
   * @param to the slot after the last
   * @return the sum over {@code [from, to)} of {@code |truth[t]|}
   */
  public static double absoluteSum(double[] truth, int from, int to) {
    double sum = 0;
    for (int t = from; t < to; t++) {
      sum += Math.abs(truth[t]);
    }
    return sum;
  }
}
