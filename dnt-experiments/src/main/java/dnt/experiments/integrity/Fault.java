package dnt.experiments.integrity;

import dnt.data.integrity.MaskPredict;
import java.util.random.RandomGenerator;

/**
 * A fault injected into one stream on the slots {@code [onset, end)}; outside them the stream is
 * left as it was. Each kind is an entry of {@link FaultKinds#KINDS}, which draws its magnitude from
 * the study's ranges ({@link FaultSettings}) with an injected generator.
 */
public sealed interface Fault
    permits Fault.Scaling, Fault.Offset, Fault.Frozen, Fault.Replay, Fault.Drift {

  /**
   * The first faulty slot.
   *
   * @return the onset
   */
  int onset();

  /**
   * The slot after the last faulty one.
   *
   * @return the end, above the onset
   */
  int end();

  /**
   * The kind's registry name.
   *
   * @return e.g. {@code scaling}
   */
  String kind();

  /**
   * The drawn magnitude, in the kind's own unit (a factor, a share of the level, days, a relative
   * change), NaN for a kind without one.
   *
   * @return the magnitude
   */
  double magnitude();

  /**
   * The faulty value of a slot in {@code [onset, end)}.
   *
   * @param clean the clean stream
   * @param t the slot
   * @return what the stream reports instead
   */
  double value(double[] clean, int t);

  /**
   * The stream with the fault injected.
   *
   * @param clean the clean stream, unchanged
   * @return a copy, faulty on {@code [onset, end)}
   */
  default double[] apply(double[] clean) {
    if (end() > clean.length) {
      throw new IllegalArgumentException(
          "a fault ending at slot " + end() + " in a stream of " + clean.length + " slots");
    }
    double[] x = clean.clone();
    for (int t = onset(); t < end(); t++) {
      x[t] = value(clean, t);
    }
    return x;
  }

  /**
   * A gain error: the stream is multiplied by a factor.
   *
   * @param onset the first faulty slot
   * @param end the slot after the last
   * @param factor the factor
   */
  record Scaling(int onset, int end, double factor) implements Fault {
    /** Checks the window. */
    public Scaling {
      checkWindow(onset, end);
    }

    @Override
    public String kind() {
      return "scaling";
    }

    @Override
    public double magnitude() {
      return factor;
    }

    @Override
    public double value(double[] clean, int t) {
      return factor * clean[t];
    }
  }

  /**
   * A bias: a constant is added, a share of the stream's mean level before the onset.
   *
   * @param onset the first faulty slot
   * @param end the slot after the last
   * @param share the offset in units of the level
   * @param level the stream's mean over the slots before the onset
   */
  record Offset(int onset, int end, double share, double level) implements Fault {
    /** Checks the window. */
    public Offset {
      checkWindow(onset, end);
    }

    @Override
    public String kind() {
      return "offset";
    }

    @Override
    public double magnitude() {
      return share;
    }

    @Override
    public double value(double[] clean, int t) {
      return clean[t] + share * level;
    }
  }

  /**
   * A stuck sensor: the last reading before the onset repeats.
   *
   * @param onset the first faulty slot, at least 1
   * @param end the slot after the last
   */
  record Frozen(int onset, int end) implements Fault {
    /** Checks the window. */
    public Frozen {
      checkWindow(onset, end);
      if (onset < 1) {
        throw new IllegalArgumentException("a frozen stream needs a reading before its onset");
      }
    }

    @Override
    public String kind() {
      return "frozen";
    }

    @Override
    public double magnitude() {
      return Double.NaN;
    }

    @Override
    public double value(double[] clean, int t) {
      return clean[onset - 1];
    }
  }

  /**
   * A replayed old day: each slot reports the same slot {@code daysBack} days earlier.
   *
   * @param onset the first faulty slot, at least {@code daysBack} days in
   * @param end the slot after the last
   * @param daysBack how many days back the replayed values come from, at least 1
   */
  record Replay(int onset, int end, int daysBack) implements Fault {
    /** Checks the window. */
    public Replay {
      checkWindow(onset, end);
      if (daysBack < 1 || onset < daysBack * MaskPredict.SLOTS_PER_DAY) {
        throw new IllegalArgumentException(
            "a replay of " + daysBack + " days back cannot start at slot " + onset);
      }
    }

    @Override
    public String kind() {
      return "replay";
    }

    @Override
    public double magnitude() {
      return daysBack;
    }

    @Override
    public double value(double[] clean, int t) {
      return clean[t - daysBack * MaskPredict.SLOTS_PER_DAY];
    }
  }

  /**
   * A slow drift: a multiplicative error growing linearly from the onset until it reaches {@code
   * change} on the last faulty slot, {@code x(t) (1 + change (t - onset + 1) / (end - onset))}.
   *
   * @param onset the first faulty slot
   * @param end the slot after the last
   * @param change the relative error reached on the last faulty slot
   */
  record Drift(int onset, int end, double change) implements Fault {
    /** Checks the window. */
    public Drift {
      checkWindow(onset, end);
    }

    @Override
    public String kind() {
      return "drift";
    }

    @Override
    public double magnitude() {
      return change;
    }

    @Override
    public double value(double[] clean, int t) {
      return clean[t] * (1 + change * (t - onset + 1) / (end - onset));
    }
  }

  /** Draws a fault of one kind for a window, from the study's ranges. */
  @FunctionalInterface
  interface Maker {
    /**
     * Draws the fault.
     *
     * @param onset the first faulty slot
     * @param end the slot after the last
     * @param clean the clean stream (for a level, or the values to repeat)
     * @param settings the ranges of the magnitudes
     * @param rng the generator the magnitude is drawn from
     * @return the fault
     */
    Fault draw(int onset, int end, double[] clean, FaultSettings settings, RandomGenerator rng);
  }

  private static void checkWindow(int onset, int end) {
    if (onset < 0 || end <= onset) {
      throw new IllegalArgumentException(
          "a fault needs 0 <= onset < end, got " + onset + ", " + end);
    }
  }
}
