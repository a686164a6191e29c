package dnt.experiments.integrity;

import dnt.core.InvalidInputException;
import dnt.data.integrity.MaskPredict;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Which streams get a fault and how large it is (the {@code faults:} section of the study's {@code
 * config.yaml}). A share of the streams is faulty; the i-th faulty stream (in a seeded random
 * order) gets kind {@code kinds[i mod kinds.size()]}, its onset a random slot of a day drawn from
 * {@code onsetDay}, its length drawn from {@code durationSlots} and its magnitude from the kind's
 * range.
 *
 * @param share the share of the streams that get a fault, in [0, 1] (rounded to whole streams)
 * @param kinds the fault kinds, registry names of {@link FaultKinds#KINDS}, at least one
 * @param onsetDay the day of the onset, 0 the first; at least 2 (day 0 is never judged and day 1
 *     warms the detector up)
 * @param durationSlots the fault's length in 10-minute slots
 * @param scaling the factor of a scaling fault
 * @param offset the offset of an offset fault, in units of the stream's mean before the onset
 * @param replayDaysBack how many days back a replayed day comes from, at least 1
 * @param drift the relative error a drift reaches on its last slot
 */
public record FaultSettings(
    double share,
    List<String> kinds,
    IntRange onsetDay,
    IntRange durationSlots,
    Range scaling,
    Range offset,
    IntRange replayDaysBack,
    Range drift) {

  /** Checks the fields and names the known kinds for an unknown one. */
  public FaultSettings {
    Objects.requireNonNull(kinds, "kinds is missing");
    Objects.requireNonNull(onsetDay, "onsetDay is missing");
    Objects.requireNonNull(durationSlots, "durationSlots is missing");
    Objects.requireNonNull(scaling, "scaling is missing");
    Objects.requireNonNull(offset, "offset is missing");
    Objects.requireNonNull(replayDaysBack, "replayDaysBack is missing");
    Objects.requireNonNull(drift, "drift is missing");
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in [0, 1], got " + share);
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("kinds names no fault kind");
    }
    try {
      kinds = kinds.stream().map(FaultKinds.KINDS::canonicalName).toList();
    } catch (InvalidInputException e) {
      throw new InvalidInputException("kinds: " + e.getMessage(), e);
    }
    if (onsetDay.from() < 2) {
      throw new IllegalArgumentException(
          "onsetDay must start at day 2 or later (day 0 is never judged, day 1 warms up), got "
              + onsetDay.from());
    }
    if (durationSlots.from() < 1) {
      throw new IllegalArgumentException(
          "durationSlots must be at least 1, got " + durationSlots.from());
    }
    if (replayDaysBack.from() < 1 || replayDaysBack.to() > onsetDay.from()) {
      throw new IllegalArgumentException(
          "replayDaysBack must lie in [1, onsetDay.from] so that the old day exists, got "
              + replayDaysBack);
    }
  }

  /**
   * The study's defaults: 40% of the streams (10 of 25: two of each kind), onsets on days 7..20,
   * faults of 6 hours to 2 days, scaling by 1.5..3, offsets of 0.5..1.5 times the mean level, a day
   * replayed from 2..6 days back, drifts reaching +50% .. +200%.
   *
   * @return the defaults
   */
  public static FaultSettings defaults() {
    return new FaultSettings(
        0.4,
        FaultKinds.KINDS.names(),
        new IntRange(7, 20),
        new IntRange(36, 288),
        new Range(1.5, 3.0),
        new Range(0.5, 1.5),
        new IntRange(2, 6),
        new Range(0.5, 2.0));
  }

  /**
   * The slot after the latest possible fault end.
   *
   * @return the last onset day's end plus the longest duration
   */
  public int latestEnd() {
    return (onsetDay.to() + 1) * MaskPredict.SLOTS_PER_DAY - 1 + durationSlots.to();
  }

  /**
   * A closed range of real numbers.
   *
   * @param from the lower end
   * @param to the upper end, at least {@code from}
   */
  public record Range(double from, double to) {
    /** Checks the order. */
    public Range {
      if (!Double.isFinite(from) || !Double.isFinite(to) || to < from) {
        throw new IllegalArgumentException("need finite from <= to, got " + from + ", " + to);
      }
    }

    /**
     * A uniform draw.
     *
     * @param rng the generator
     * @return a value in [from, to) ({@code from} when the range is one point)
     */
    public double draw(RandomGenerator rng) {
      return to == from ? from : rng.nextDouble(from, to);
    }
  }

  /**
   * A closed range of whole numbers.
   *
   * @param from the lower end
   * @param to the upper end, at least {@code from}
   */
  public record IntRange(int from, int to) {
    /** Checks the order. */
    public IntRange {
      if (to < from) {
        throw new IllegalArgumentException("need from <= to, got " + from + ", " + to);
      }
    }

    /**
     * A uniform draw.
     *
     * @param rng the generator
     * @return a value in [from, to]
     */
    public int draw(RandomGenerator rng) {
      return rng.nextInt(from, to + 1);
    }
  }
}
