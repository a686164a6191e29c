package dnt.learn.change;

import dnt.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Change detection over a sequence of twin-graph snapshots, the same rule for every {@link
 * ChangeDetector}:
 *
 * <ol>
 *   <li>fit the detector on the first {@code baselineSteps} snapshots (the unchanged period);
 *   <li>for every coordinate of the per-node vectors, the median and the MAD over that period
 *       (scale {@code max(1.4826 MAD, floor)}: the MAD is the robust estimate of a standard
 *       deviation, Hampel 1974; the floor keeps a coordinate that never moved, such as an absent
 *       station's, from turning any rounding into an alarm);
 *   <li>a snapshot's score is the largest, over nodes, root mean square of its node's robust z
 *       values: a change at one station is not diluted by the others;
 *   <li>the threshold is the median of the baseline period's own scores plus {@code k} times 1.4826
 *       times their MAD;
 *   <li>an alarm is raised at a snapshot whose score and its {@code persist - 1} predecessors' all
 *       exceed the threshold (a lone spike is not a change).
 * </ol>
 *
 * What the paper leaves open and this class chose: the robust per-node baseline and the persistence
 * rule (the paper says only that the GNN's output decides "whether to preserve the current DNT
 * attributes and structure").
 */
public final class ChangeMonitor {
  private ChangeMonitor() {}

  /**
   * The alarm rule.
   *
   * @param k the threshold's distance above the baseline scores' median, in robust standard
   *     deviations
   * @param persist consecutive snapshots over the threshold before an alarm, at least 1
   * @param floor the smallest scale of a coordinate
   */
  public record Rule(double k, int persist, double floor) {
    /** Checks the values. */
    public Rule {
      if (!(k >= 0) || persist < 1 || !(floor > 0)) {
        throw new InvalidInputException(
            "the alarm rule needs k >= 0, persist >= 1 and a positive floor, got "
                + k
                + ", "
                + persist
                + ", "
                + floor);
      }
    }
  }

  /**
   * The monitor's view of a sequence.
   *
   * @param scores each snapshot's score
   * @param threshold the alarm threshold
   * @param alarm whether an alarm is raised at each snapshot
   */
  public record Detection(double[] scores, double threshold, boolean[] alarm) {
    /**
     * The first alarm at or after a snapshot.
     *
     * @param from the first snapshot to look at
     * @return its index, or -1 when none
     */
    public int firstAlarm(int from) {
      for (int t = Math.max(0, from); t < alarm.length; t++) {
        if (alarm[t]) {
          return t;
        }
      }
      return -1;
    }

    /**
     * The first alarm onset (an alarm at {@code t} with none at {@code t - 1}) at or after a
     * snapshot: an alarm already running before it does not count.
     *
     * @param from the first snapshot to look at
     * @return its index, or -1 when none
     */
    public int firstOnset(int from) {
      for (int t = Math.max(0, from); t < alarm.length; t++) {
        if (alarm[t] && (t == 0 || !alarm[t - 1])) {
          return t;
        }
      }
      return -1;
    }

    /**
     * The alarms raised in a range: snapshots where an alarm starts (an alarm at {@code t} with
     * none at {@code t - 1}).
     *
     * @param from first snapshot, inclusive
     * @param to last snapshot, exclusive
     * @return the number of alarm onsets
     */
    public int onsets(int from, int to) {
      int count = 0;
      for (int t = Math.max(0, from); t < Math.min(to, alarm.length); t++) {
        if (alarm[t] && (t == 0 || !alarm[t - 1])) {
          count++;
        }
      }
      return count;
    }
  }

  /**
   * Runs a detector over a sequence.
   *
   * @param detector the detector (fitted here)
   * @param sequence the snapshots, all with the same nodes
   * @param baselineSteps the unchanged period at the start, at least 2
   * @param rule the alarm rule
   * @param rng the detector's randomness
   * @return the scores, threshold and alarms of every snapshot (the baseline's included)
   */
  public static Detection run(
      ChangeDetector detector,
      List<GraphSnapshot> sequence,
      int baselineSteps,
      Rule rule,
      RandomGenerator rng) {
    if (baselineSteps < 2 || baselineSteps > sequence.size()) {
      throw new InvalidInputException(
          "the baseline needs 2 to "
              + sequence.size()
              + " snapshots of the sequence, got "
              + baselineSteps);
    }
    List<GraphSnapshot> baseline = sequence.subList(0, baselineSteps);
    detector.fit(baseline, rng);
    double[][] reps = new double[sequence.size()][];
    for (int t = 0; t < sequence.size(); t++) {
      reps[t] = detector.represent(sequence.get(t));
    }
    int dims = reps[0].length;
    double[] median = new double[dims];
    double[] scale = new double[dims];
    double[] column = new double[baselineSteps];
    for (int d = 0; d < dims; d++) {
      for (int t = 0; t < baselineSteps; t++) {
        column[t] = reps[t][d];
      }
      median[d] = median(column);
      scale[d] = Math.max(1.4826 * mad(column, median[d]), rule.floor());
    }
    int width = detector.width();
    double[] scores = new double[sequence.size()];
    for (int t = 0; t < scores.length; t++) {
      double worst = 0;
      for (int i = 0; i < dims / width; i++) {
        double sum = 0;
        for (int k = 0; k < width; k++) {
          int d = i * width + k;
          double z = (reps[t][d] - median[d]) / scale[d];
          sum += z * z;
        }
        worst = Math.max(worst, Math.sqrt(sum / width));
      }
      scores[t] = worst;
    }
    double[] base = Arrays.copyOf(scores, baselineSteps);
    double m = median(base);
    double threshold = m + rule.k() * 1.4826 * mad(base, m);
    boolean[] alarm = new boolean[scores.length];
    int run = 0;
    for (int t = 0; t < scores.length; t++) {
      run = scores[t] > threshold ? run + 1 : 0;
      alarm[t] = run >= rule.persist();
    }
    return new Detection(scores, threshold, alarm);
  }

  /** The median (the mean of the middle two for an even count). */
  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The median absolute deviation from a centre. */
  static double mad(double[] x, double centre) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = Math.abs(x[i] - centre);
    }
    return median(d);
  }
}
