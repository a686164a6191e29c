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
    if (spec.patch() > 0) {
      throw new IllegalArgumentException(
          "windows with a " + spec.patch() + "x" + spec.patch() + " patch need the neighbourhood");
    }
    return build(series, new float[0][], new boolean[0], fromTarget, toTarget, what);
  }

  /**
   * Builds the samples of the centre cell of an m x m patch whose targets are the slots {@code
   * [fromTarget, toTarget)}, each input step carrying the patch's values and mask (see {@link
   * WindowSpec}).
   *
   * @param patch the normalised series of the patch's cells, row-major, the row south of the centre
   *     first ({@code patch[m*m/2]} is the centre cell); an entry whose {@code present} flag is
   *     false is never read (it may be empty)
   * @param present whether each patch cell is in the data; its values are 0 and its mask 0 if not
   * @param fromTarget the first target slot, at least {@link WindowSpec#history()}
   * @param toTarget one past the last target slot, at most the series length
   * @param what a name for error messages ("cell 5641")
   * @return the samples
   * @throws InvalidInputException if a present series is too short for the windows or holds NaN
   */
  public Windows buildPatch(
      float[][] patch, boolean[] present, int fromTarget, int toTarget, String what) {
    int cells = spec.patch() * spec.patch();
    if (cells == 0) {
      throw new IllegalArgumentException("the window spec has no neighbourhood patch");
    }
    if (patch.length != cells || present.length != cells) {
      throw new IllegalArgumentException(
          "a " + spec.patch() + "x" + spec.patch() + " patch needs " + cells + " series");
    }
    if (!present[cells / 2]) {
      throw new IllegalArgumentException("the centre of the patch must be present");
    }
    return build(patch[cells / 2], patch, present, fromTarget, toTarget, what);
  }

  private Windows build(
      float[] series,
      float[][] patch,
      boolean[] present,
      int fromTarget,
      int toTarget,
      String what) {
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
              + " days, trend "
              + spec.trend()
              + " weeks of "
              + spec.slotsPerDay()
              + ")");
    }
    if (toTarget > series.length || toTarget < fromTarget) {
      throw new InvalidInputException(
          what + ": target range [" + fromTarget + ", " + toTarget + ") is outside the series");
    }
    checkFinite(series, fromTarget - history, toTarget, what);
    for (int j = 0; j < patch.length; j++) {
      if (present[j] && patch[j] != series) {
        if (patch[j].length < toTarget) {
          throw new InvalidInputException(
              what + ": neighbour " + j + " of the patch is shorter than the cell's series");
        }
        checkFinite(patch[j], fromTarget - history, toTarget, what + " (neighbour " + j + ")");
      }
    }
    int n = toTarget - fromTarget;
    int f = spec.features();
    int k = spec.closeness();
    int p = spec.period();
    int q = spec.trend();
    int ps = p + q;
    int s = spec.slotsPerDay();
    float[] close = new float[n * k * f];
    float[] per = new float[n * ps * f];
    float[] target = new float[n];
    for (int i = 0; i < n; i++) {
      int t = fromTarget + i;
      target[i] = series[t];
      for (int j = 0; j < k; j++) {
        int lag = spec.newestFirst() ? j + 1 : k - j;
        put(close, (i * k + j) * f, series, patch, present, t - lag);
      }
      for (int j = 0; j < p; j++) {
        int days = spec.newestFirst() ? j + 1 : p - j;
        put(per, (i * ps + j) * f, series, patch, present, t - days * s);
      }
      for (int j = 0; j < q; j++) {
        int weeks = spec.newestFirst() ? j + 1 : q - j;
        put(
            per,
            (i * ps + p + j) * f,
            series,
            patch,
            present,
            t - weeks * WindowSpec.DAYS_PER_WEEK * s);
      }
    }
    return new Windows(n, k, ps, f, close, per, target);
  }

  private static void checkFinite(float[] series, int from, int to, String what) {
    for (int i = from; i < to; i++) {
      if (!Float.isFinite(series[i])) {
        throw new InvalidInputException(what + ": value at slot " + i + " is not finite");
      }
    }
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
          0, spec.closeness(), spec.periodSteps(), f, new float[0], new float[0], new float[0]);
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
    for (int w = 1; w <= spec.trend(); w++) {
      int slot = t - w * WindowSpec.DAYS_PER_WEEK * spec.slotsPerDay();
      if (excluded.get(slot) || !Float.isFinite(series[slot])) {
        return false;
      }
    }
    return true;
  }

  private void put(
      float[] out, int at, float[] series, float[][] patch, boolean[] present, int slot) {
    int cells = patch.length;
    int o0 = at + spec.cellFeatures();
    for (int j = 0; j < cells; j++) {
      if (present[j]) {
        out[o0 + j] = patch[j][slot];
        out[o0 + cells + j] = 1f;
      }
    }
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
