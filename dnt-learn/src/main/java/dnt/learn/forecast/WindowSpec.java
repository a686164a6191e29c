package dnt.learn.forecast;

/**
 * Which inputs a forecaster sees for a target slot t of a (normalised) series x: the closeness
 * window {@code x[t-1], ..., x[t-k]} (the last k slots) and the period window {@code x[t-S], ...,
 * x[t-pS]} (the same slot on the previous p days, S slots a day), optionally with the hour of day
 * and the day of week of every input slot as sin/cos pairs. This is the closeness/period input of
 * ST-DenseNet and FedDA (Zhang et al., INFOCOM 2021) as used on the Milan data.
 *
 * @param closeness k, the number of recent slots (at least 1)
 * @param period p, the number of previous days at the same slot (0 for none)
 * @param slotsPerDay S (24 for hourly data, 144 for 10-minute slots)
 * @param newestFirst order windows newest first (x[t-1] first), as FedDA does; otherwise oldest
 *     first
 * @param hourOfDay add sin/cos of the slot's time of day to every input step
 * @param dayOfWeek add sin/cos of the slot's day of week to every input step
 */
public record WindowSpec(
    int closeness,
    int period,
    int slotsPerDay,
    boolean newestFirst,
    boolean hourOfDay,
    boolean dayOfWeek) {
  /** Checks the fields. */
  public WindowSpec {
    if (closeness < 1) {
      throw new IllegalArgumentException("closeness must be at least 1, got " + closeness);
    }
    if (period < 0) {
      throw new IllegalArgumentException("period must be >= 0, got " + period);
    }
    if (slotsPerDay < 1) {
      throw new IllegalArgumentException("slotsPerDay must be at least 1, got " + slotsPerDay);
    }
  }

  /**
   * The FedDA protocol's windows: closeness 3 and period 3, newest first, no exogenous inputs.
   *
   * @param slotsPerDay slots a day
   * @return the spec
   */
  public static WindowSpec fedda(int slotsPerDay) {
    return new WindowSpec(3, 3, slotsPerDay, true, false, false);
  }

  /**
   * The number of features of every input step: the value plus 2 per exogenous input.
   *
   * @return the feature count
   */
  public int features() {
    return 1 + (hourOfDay ? 2 : 0) + (dayOfWeek ? 2 : 0);
  }

  /**
   * The first target index that has full windows: {@code max(k, p*S)}.
   *
   * @return the history a target needs
   */
  public int history() {
    return Math.max(closeness, period * slotsPerDay);
  }
}
