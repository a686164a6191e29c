package dnt.data.integrity;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Synchronization integrity of one cell's stream (the paper's Sec. III-C1: "continuously pairing
 * the critical digital network components with the physical counterparts ... followed by a
 * mask-predict based countermeasure"): each observation's residual against a prediction ({@link
 * MaskPredict}: the same slot a day earlier as the twin shows it) is scored robustly against a
 * sliding window of earlier residuals, {@code z = |r - median| / (1.4826 MAD)}: the Hampel
 * identifier (Hampel 1974, "The influence curve and its role in robust estimation", JASA 69), with
 * the median absolute deviation scaled by 1.4826 to estimate a Gaussian standard deviation
 * consistently (Rousseeuw and Croux 1993, "Alternatives to the median absolute deviation", JASA
 * 88). {@code consecutive} outliers in a row flag the stream as diverging; while it diverges,
 * outlying observations are masked; {@code consecutive} inliers in a row clear the flag. Only
 * inliers enter the window, so a fault never widens the scale that judges it.
 *
 * <p>The live twin's cell twins ({@code dnt-live}) and the integrity study ({@code dnt experiment
 * integrity}) both run this class. Mutable, owned by one thread; {@link #copy()} for a dry run.
 */
public final class IntegrityMonitor {
  private final IntegrityParams params;
  private final ArrayDeque<Double> window;
  private int outlierRun;
  private int inlierRun;
  private boolean diverging;
  private long checked;

  /**
   * A monitor with an empty window.
   *
   * @param params the window, warm-up, threshold and run length
   */
  public IntegrityMonitor(IntegrityParams params) {
    this.params = params;
    this.window = new ArrayDeque<>(params.window());
  }

  /**
   * An independent copy in the same state.
   *
   * @return the copy
   */
  public IntegrityMonitor copy() {
    IntegrityMonitor c = new IntegrityMonitor(params);
    c.window.addAll(window);
    c.outlierRun = outlierRun;
    c.inlierRun = inlierRun;
    c.diverging = diverging;
    c.checked = checked;
    return c;
  }

  /**
   * Judges one observation without changing the monitor.
   *
   * @param slot the observation's slot
   * @param observed the observed total
   * @param prediction the per-service prediction; its sum is the predicted total (kept, not copied)
   * @return the verdict; score NaN, no outlier, while fewer than {@code warmup} residuals are held
   */
  public Verdict assess(long slot, double observed, double[] prediction) {
    return assess(slot, observed, prediction, Predictor.SEASONAL_NAIVE);
  }

  /**
   * Judges one observation against a prediction made by {@code predictor}, without changing the
   * monitor.
   *
   * @param slot the observation's slot
   * @param observed the observed total
   * @param prediction the per-service prediction; its sum is the predicted total (kept, not copied)
   * @param predictor what made the prediction (recorded in the verdict)
   * @return the verdict; score NaN, no outlier, while fewer than {@code warmup} residuals are held
   */
  public Verdict assess(long slot, double observed, double[] prediction, Predictor predictor) {
    double predicted = 0;
    for (double p : prediction) {
      predicted += p;
    }
    double residual = observed - predicted;
    if (window.size() < params.warmup()) {
      return new Verdict(
          slot, observed, predicted, Double.NaN, false, false, prediction, predictor);
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
    return new Verdict(slot, observed, predicted, score, outlier, masked, prediction, predictor);
  }

  /**
   * Applies a verdict (also on replay): an outlier extends the outlier run, an inlier the inlier
   * run and enters the window.
   *
   * @param v a verdict of {@link #assess} (or one journaled earlier)
   */
  public void apply(Verdict v) {
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

  /**
   * Whether the stream is flagged as diverging now.
   *
   * @return true from {@code consecutive} outliers in a row until as many inliers in a row
   */
  public boolean diverging() {
    return diverging;
  }

  /**
   * Observations judged so far.
   *
   * @return the count of applied verdicts
   */
  public long checked() {
    return checked;
  }

  /**
   * The residuals in the window, oldest first.
   *
   * @return a copy
   */
  public double[] windowValues() {
    return window.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Outliers in a row up to now.
   *
   * @return the current outlier run
   */
  public int outlierRun() {
    return outlierRun;
  }

  /**
   * Inliers in a row up to now.
   *
   * @return the current inlier run
   */
  public int inlierRun() {
    return inlierRun;
  }

  /**
   * Restores a snapshot's monitor.
   *
   * @param w the window's residuals, oldest first
   * @param outliers the outlier run
   * @param inliers the inlier run
   * @param isDiverging whether the stream diverges
   * @param count the observations judged
   */
  public void restore(double[] w, int outliers, int inliers, boolean isDiverging, long count) {
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
