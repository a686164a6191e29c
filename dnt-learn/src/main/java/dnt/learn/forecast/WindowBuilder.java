package dnt.learn.forecast;

import dnt.core.InvalidInputException;
import java.util.Objects;

/**
 * Cuts one cell's normalised series into {@link Windows} for a range of target slots. The series
 * starts at local midnight of a day whose day of week (0 = Monday) is given, which fixes the
 * time-of-day and day-of-week inputs.
 */
public final class WindowBuilder {
  private final WindowSpec spec;
  private final int firstDayOfWeek;

  /**
   * Creates a builder.
   *
   * @param spec the windows
   * @param firstDayOfWeek day of week of the series' first slot, 0 = Monday .. 6 = Sunday
   */
  public WindowBuilder(WindowSpec spec, int firstDayOfWeek) {
    this.spec = Objects.requireNonNull(spec, "spec");
    if (firstDayOfWeek < 0 || firstDayOfWeek > 6) {
      throw new IllegalArgumentException("firstDayOfWeek must be 0..6, got " + firstDayOfWeek);
    }
    this.firstDayOfWeek = firstDayOfWeek;
  }

  /**
   * The spec.
   *
   * @return the window spec
   */
  public WindowSpec spec() {
    return spec;
  }

  /**
   * Builds the samples whose targets are the slots {@code [fromTarget, toTarget)}.
   *
   * @param series the normalised series of one cell
   * @param fromTarget the first target slot, at least {@link WindowSpec#history()}
   * @param toTarget one past the last target slot, at most the series length
   * @param what a name for error messages ("cell 5641")
   * @return the samples
   * @throws InvalidInputException if the series is too short for the windows or holds NaN
   */
  public Windows build(float[] series, int fromTarget, int toTarget, String what) {
    int history = spec.history();
    if (fromTarget < history) {
      throw new InvalidInputException(
          what
              + ": the first target slot "
              + fromTarget
              + " has too little history for the windows (needs "
              + history
              + " slots: closeness "
              + spec.closeness()
              + ", period "
              + spec.period()
              + " days of "
              + spec.slotsPerDay()
              + ")");
    }
    if (toTarget > series.length || toTarget < fromTarget) {
      throw new InvalidInputException(
          what + ": target range [" + fromTarget + ", " + toTarget + ") is outside the series");
    }
    for (int i = fromTarget - history; i < toTarget; i++) {
      if (!Float.isFinite(series[i])) {
        throw new InvalidInputException(what + ": value at slot " + i + " is not finite");
      }
    }
    int n = toTarget - fromTarget;
    int f = spec.features();
    int k = spec.closeness();
    int p = spec.period();
    int s = spec.slotsPerDay();
    float[] close = new float[n * k * f];
    float[] per = new float[n * p * f];
    float[] target = new float[n];
    for (int i = 0; i < n; i++) {
      int t = fromTarget + i;
      target[i] = series[t];
      for (int j = 0; j < k; j++) {
        int lag = spec.newestFirst() ? j + 1 : k - j;
        put(close, (i * k + j) * f, series, t - lag);
      }
      for (int j = 0; j < p; j++) {
        int days = spec.newestFirst() ? j + 1 : p - j;
        put(per, (i * p + j) * f, series, t - days * s);
      }
    }
    return new Windows(n, k, p, f, close, per, target);
  }

  /**
   * Builds the samples whose targets lie in {@code [fromTarget, toTarget)}, leaving out every
   * sample whose target or any input slot is excluded: a live twin's training data, where slots
   * that were never observed or were flagged by the integrity check (masked by their prediction)
   * must not be learned from. Values at excluded slots are never read, so they may be NaN.
   *
   * @param series the normalised series of one cell
   * @param excluded the slots (indices into {@code series}) that no sample may touch
   * @param fromTarget the first candidate target slot; raised to {@link WindowSpec#history()}
   * @param toTarget one past the last candidate target slot, at most the series length
   * @param what a name for error messages ("cell 5641")
   * @return the samples whose slots are all included, in target order (possibly none)
   * @throws InvalidInputException if the target range is outside the series or an included slot
   *     that a sample reads is not finite
   */
  public Windows buildExcluding(
      float[] series, java.util.BitSet excluded, int fromTarget, int toTarget, String what) {
    int history = spec.history();
    int from = Math.max(fromTarget, history);
    if (toTarget > series.length || fromTarget < 0) {
      throw new InvalidInputException(
          what + ": target range [" + fromTarget + ", " + toTarget + ") is outside the series");
    }
    // the kept samples never read a non-finite value; zeros stand in for the others so that the
    // per-run builds below, which check their whole range, accept the series
    float[] clean = series.clone();
    for (int i = 0; i < clean.length; i++) {
      if (!Float.isFinite(clean[i])) {
        clean[i] = 0;
      }
    }
    java.util.List<Windows> kept = new java.util.ArrayList<>();
    int runStart = -1;
    for (int t = from; t <= toTarget; t++) {
      boolean ok = t < toTarget && usable(series, excluded, t);
      if (ok && runStart < 0) {
        runStart = t;
      } else if (!ok && runStart >= 0) {
        kept.add(build(clean, runStart, t, what));
        runStart = -1;
      }
    }
    if (kept.isEmpty()) {
      int f = spec.features();
      return new Windows(
          0, spec.closeness(), spec.period(), f, new float[0], new float[0], new float[0]);
    }
    return kept.size() == 1 ? kept.get(0) : Windows.concat(kept);
  }

  /** Whether target t and every slot its windows read are included and finite. */
  private boolean usable(float[] series, java.util.BitSet excluded, int t) {
    if (excluded.get(t) || !Float.isFinite(series[t])) {
      return false;
    }
    for (int j = 1; j <= spec.closeness(); j++) {
      if (excluded.get(t - j) || !Float.isFinite(series[t - j])) {
        return false;
      }
    }
    for (int d = 1; d <= spec.period(); d++) {
      int slot = t - d * spec.slotsPerDay();
      if (excluded.get(slot) || !Float.isFinite(series[slot])) {
        return false;
      }
    }
    return true;
  }

  private void put(float[] out, int at, float[] series, int slot) {
    out[at] = series[slot];
    int o = at + 1;
    int s = spec.slotsPerDay();
    if (spec.hourOfDay()) {
      double a = 2 * Math.PI * Math.floorMod(slot, s) / s;
      out[o++] = (float) Math.sin(a);
      out[o++] = (float) Math.cos(a);
    }
    if (spec.dayOfWeek()) {
      double a = 2 * Math.PI * Math.floorMod(firstDayOfWeek + Math.floorDiv(slot, s), 7) / 7.0;
      out[o++] = (float) Math.sin(a);
      out[o] = (float) Math.cos(a);
    }
  }
}
