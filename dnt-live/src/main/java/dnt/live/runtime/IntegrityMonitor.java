package dnt.live.runtime;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Synchronization integrity of one cell's stream (the paper's Sec. III-C1: pair the twin with its
 * physical counterpart continuously, then mask and predict): each observation's residual against a
 * seasonal-naive prediction is scored robustly against a sliding window of earlier residuals,
 * {@code z = |r - median| / (1.4826 MAD)} (Rousseeuw and Croux 1993 for the MAD as a consistent
 * scale estimate). {@code consecutive} outliers in a row flag the stream as diverging; while it
 * diverges, outlying observations are masked; {@code consecutive} inliers in a row clear the flag.
 * Only inliers enter the window, so a fault never widens the scale that judges it. Mutable, owned
 * by one entity; {@link #copy()} for a dry run.
 */
final class IntegrityMonitor {
  private final IntegrityParams params;
  private final ArrayDeque<Double> window;
  private int outlierRun;
  private int inlierRun;
  private boolean diverging;
  private long checked;

  IntegrityMonitor(IntegrityParams params) {
    this.params = params;
    this.window = new ArrayDeque<>(params.window());
  }

  IntegrityMonitor copy() {
    IntegrityMonitor c = new IntegrityMonitor(params);
    c.window.addAll(window);
    c.outlierRun = outlierRun;
    c.inlierRun = inlierRun;
    c.diverging = diverging;
    c.checked = checked;
    return c;
  }

  /** Judges one observation without changing the monitor. */
  Verdict assess(long slot, double observed, double[] prediction) {
    double predicted = 0;
    for (double p : prediction) {
      predicted += p;
    }
    double residual = observed - predicted;
    if (window.size() < params.warmup()) {
      return new Verdict(slot, observed, predicted, Double.NaN, false, false, prediction);
    }
    double[] w = window.stream().mapToDouble(Double::doubleValue).toArray();
    double median = median(w);
    double[] dev = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      dev[i] = Math.abs(w[i] - median);
    }
    // a floor on the scale: a perfectly regular stream (MAD 0) must not flag rounding noise
    double scale = Math.max(1.4826 * median(dev), 1e-9 + 1e-3 * Math.abs(predicted));
    double score = Math.abs(residual - median) / scale;
    boolean outlier = score > params.threshold();
    boolean masked = outlier && (diverging || outlierRun + 1 >= params.consecutive());
    return new Verdict(slot, observed, predicted, score, outlier, masked, prediction);
  }

  /** Applies a verdict (also on replay). */
  void apply(Verdict v) {
    checked++;
    if (v.outlier()) {
      outlierRun++;
      inlierRun = 0;
      if (outlierRun >= params.consecutive()) {
        diverging = true;
      }
    } else {
      inlierRun++;
      outlierRun = 0;
      if (diverging && inlierRun >= params.consecutive()) {
        diverging = false;
      }
      window.addLast(v.observed() - v.predicted());
      while (window.size() > params.window()) {
        window.removeFirst();
      }
    }
  }

  boolean diverging() {
    return diverging;
  }

  long checked() {
    return checked;
  }

  double[] windowValues() {
    return window.stream().mapToDouble(Double::doubleValue).toArray();
  }

  int outlierRun() {
    return outlierRun;
  }

  int inlierRun() {
    return inlierRun;
  }

  /** Restores a snapshot's monitor. */
  void restore(double[] w, int outliers, int inliers, boolean isDiverging, long count) {
    window.clear();
    for (double r : w) {
      window.addLast(r);
    }
    outlierRun = outliers;
    inlierRun = inliers;
    diverging = isDiverging;
    checked = count;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
