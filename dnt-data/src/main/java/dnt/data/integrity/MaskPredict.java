package dnt.data.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * The mask-predict countermeasure of the paper's Sec. III-C1 ("continuously pairing the critical
 * digital network components with the physical counterparts ... followed by a mask-predict based
 * countermeasure") as the live twin applies it to one cell's stream of 10-minute slots:
 *
 * <ul>
 *   <li><b>Predict.</b> The prediction of slot t is slot {@code t - 144}, the same slot a day
 *       earlier, as the twin shows it: the prediction where that slot was masked, else what was
 *       observed (seasonal naive on the twin's own state).
 *   <li><b>Judge.</b> The slot's total over the services is scored against the predicted total by
 *       the stream's {@link IntegrityMonitor}.
 *   <li><b>Mask.</b> A slot judged masked shows its prediction (per service) instead of the
 *       observation, in the twin's state and as the prediction of the next day.
 * </ul>
 *
 * <p>{@code dnt-live}'s cell twins call {@link #judge} and {@link #shown} slot by slot as rows
 * arrive; {@link #replay} runs the same two steps over a complete series (the integrity study).
 */
public final class MaskPredict {
  /** Slots in a day of 10-minute slots: the prediction of slot t is slot t - 144. */
  public static final int SLOTS_PER_DAY = 144;

  private MaskPredict() {}

  /**
   * The slot whose shown value predicts a slot.
   *
   * @param slot the slot judged
   * @return the same slot a day earlier
   */
  public static long predictedFrom(long slot) {
    return slot - SLOTS_PER_DAY;
  }

  /**
   * Judges one complete slot against the slot a day earlier and applies the verdict to the monitor.
   *
   * @param monitor the stream's monitor, changed
   * @param slot the slot
   * @param observed the slot's per-service totals ({@link Verdict#SERVICES} values)
   * @param dayEarlier what the twin shows for {@link #predictedFrom(long) the slot a day earlier},
   *     per service (copied into the verdict)
   * @return the verdict, already applied
   */
  public static Verdict judge(
      IntegrityMonitor monitor, long slot, double[] observed, double[] dayEarlier) {
    return judge(monitor, slot, observed, dayEarlier, Predictor.SEASONAL_NAIVE);
  }

  /**
   * Judges one complete slot against a prediction and applies the verdict to the monitor: the live
   * twin's cell twins call it with the forecaster's prediction once a model exists.
   *
   * @param monitor the stream's monitor, changed
   * @param slot the slot
   * @param observed the slot's per-service totals ({@link Verdict#SERVICES} values)
   * @param prediction the per-service prediction (copied into the verdict)
   * @param predictor what made it
   * @return the verdict, already applied
   */
  public static Verdict judge(
      IntegrityMonitor monitor,
      long slot,
      double[] observed,
      double[] prediction,
      Predictor predictor) {
    double total = 0;
    for (double v : observed) {
      total += v;
    }
    Verdict v = monitor.assess(slot, total, prediction.clone(), predictor);
    monitor.apply(v);
    return v;
  }

  /**
   * What the twin shows for a judged slot.
   *
   * @param verdict the slot's verdict
   * @param observed the slot's per-service totals
   * @return the prediction where masked, else the observation (not copied)
   */
  public static double[] shown(Verdict verdict, double[] observed) {
    return verdict.masked() ? verdict.prediction() : observed;
  }

  /**
   * A complete stream judged slot by slot with a fresh monitor, as a cell twin judges it when every
   * slot holds data: slots {@code 0 .. 143} have nothing a day earlier and are not judged; each
   * later slot is judged against the slot a day earlier as shown.
   *
   * @param params the monitor's parameters; when disabled nothing is judged
   * @param observed per-slot, per-service totals ({@code observed[t][service]}), slot 0 first
   * @return the verdicts, what the twin shows and when the stream was flagged
   */
  public static Replay replay(IntegrityParams params, double[][] observed) {
    int n = observed.length;
    double[][] shown = new double[n][];
    boolean[] diverging = new boolean[n];
    List<Verdict> verdicts = new ArrayList<>(Math.max(0, n - SLOTS_PER_DAY));
    IntegrityMonitor monitor = new IntegrityMonitor(params);
    for (int t = 0; t < n; t++) {
      if (observed[t].length != Verdict.SERVICES) {
        throw new IllegalArgumentException(
            "slot " + t + " has " + observed[t].length + " values, not " + Verdict.SERVICES);
      }
      if (!params.enabled() || t < SLOTS_PER_DAY) {
        shown[t] = observed[t].clone();
      } else {
        Verdict v = judge(monitor, t, observed[t], shown[(int) predictedFrom(t)]);
        verdicts.add(v);
        shown[t] = shown(v, observed[t]).clone();
      }
      diverging[t] = monitor.diverging();
    }
    return new Replay(shown, verdicts, diverging);
  }

  /**
   * A stream judged by {@link #replay}.
   *
   * @param shown what the twin shows per slot and service: the observation, or the prediction where
   *     masked
   * @param verdicts the verdicts of the judged slots, in slot order (slot {@code SLOTS_PER_DAY + i}
   *     at index i when enabled)
   * @param diverging per slot, whether the stream is flagged once that slot is judged
   */
  public record Replay(double[][] shown, List<Verdict> verdicts, boolean[] diverging) {
    /** Copies the verdict list. */
    public Replay {
      verdicts = List.copyOf(verdicts);
    }
  }
}
