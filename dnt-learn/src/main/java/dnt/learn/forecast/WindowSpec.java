package dnt.learn.forecast;

/**
 * Which inputs a forecaster sees for a target slot t of a (normalised) series x: the closeness
 * window {@code x[t-1], ..., x[t-k]} (the last k slots) and the period window {@code x[t-S], ...,
 * x[t-pS]} (the same slot on the previous p days, S slots a day), optionally with the hour of day
 * and the day of week of every input slot as sin/cos pairs. This is the closeness/period input of
 * ST-DenseNet and FedDA (Zhang et al., INFOCOM 2021) as used on the Milan data.
 *
 * <p>The spatial architectures ({@link StDenseNet}, {@link GraphGru}) also read a trend window
 * {@code x[t-7S], ..., x[t-7qS]} (the same slot in the previous q weeks, ST-ResNet's trend input,
 * Zhang et al. 2017, AAAI, section "Structures of the first three components") and the series of
 * the m x m patch of grid cells around the cell ({@link #patch()}). The trend steps follow the
 * period steps in {@link Windows#period()}; the patch adds, to every input step after the value and
 * the time inputs, the m*m values of the patch (row-major, the row south of the cell first) and the
 * m*m mask values (1 where the patch cell is in the data, 0 outside, where its values are 0). With
 * {@code trend = 0} and {@code patch = 0} (every other architecture) the windows are those of a
 * single cell, as before.
 *
 * @param closeness k, the number of recent slots (at least 1)
 * @param period p, the number of previous days at the same slot (0 for none)
 * @param slotsPerDay S (24 for hourly data, 144 for 10-minute slots)
 * @param newestFirst order windows newest first (x[t-1] first), as FedDA does; otherwise oldest
 *     first
 * @param hourOfDay add sin/cos of the slot's time of day to every input step
 * @param dayOfWeek add sin/cos of the slot's day of week to every input step
 * @param trend q, the number of previous weeks at the same slot (0 for none)
 * @param patch m, the side of the neighbourhood patch, odd (0 for none: the cell alone)
 */
public record WindowSpec(
    int closeness,
    int period,
    int slotsPerDay,
    boolean newestFirst,
    boolean hourOfDay,
    boolean dayOfWeek,
    int trend,
    int patch) {
  /** Days in the trend window's step. */
  public static final int DAYS_PER_WEEK = 7;

  /**
   * A single-cell spec without trend window (every architecture but the spatial ones).
   *
   * @param closeness k
   * @param period p
   * @param slotsPerDay S
   * @param newestFirst newest first
   * @param hourOfDay hour-of-day inputs
   * @param dayOfWeek day-of-week inputs
   */
  public WindowSpec(
      int closeness,
      int period,
      int slotsPerDay,
      boolean newestFirst,
      boolean hourOfDay,
      boolean dayOfWeek) {
    this(closeness, period, slotsPerDay, newestFirst, hourOfDay, dayOfWeek, 0, 0);
  }

  /** Checks the fields. */
  public WindowSpec {
    if (trend < 0) {
      throw new IllegalArgumentException("trend must be >= 0, got " + trend);
    }
    if (patch < 0 || (patch > 0 && patch % 2 == 0)) {
      throw new IllegalArgumentException("patch must be 0 or odd, got " + patch);
    }
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
   * The same spec with a trend window of q weeks and an m x m neighbourhood patch.
   *
   * @param weeks q
   * @param side m, odd (or 0)
   * @return the spec
   */
  public WindowSpec withSpatial(int weeks, int side) {
    return new WindowSpec(
        closeness, period, slotsPerDay, newestFirst, hourOfDay, dayOfWeek, weeks, side);
  }

  /**
   * The number of features of every input step: {@link #cellFeatures()} plus, with a patch, its m*m
   * values and m*m mask values.
   *
   * @return the feature count
   */
  public int features() {
    return cellFeatures() + 2 * patch * patch;
  }

  /**
   * The features of the cell itself: the value plus 2 per exogenous input.
   *
   * @return the feature count without the patch
   */
  public int cellFeatures() {
    return 1 + (hourOfDay ? 2 : 0) + (dayOfWeek ? 2 : 0);
  }

  /**
   * The steps of {@link Windows#period()}: the period steps, then the trend steps.
   *
   * @return p + q
   */
  public int periodSteps() {
    return period + trend;
  }

  /**
   * The first target index that has full windows: {@code max(k, p*S, 7qS)}.
   *
   * @return the history a target needs
   */
  public int history() {
    return Math.max(Math.max(closeness, period * slotsPerDay), trend * DAYS_PER_WEEK * slotsPerDay);
  }
}
