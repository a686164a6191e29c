package dnt.experiments.report;

import java.util.List;
import java.util.Locale;

/**
 * The verdict on a claim "a is higher (or lower) than b" from the 95% Student-t interval of the
 * paired difference a - b over the replications (the same seed under both; see {@link
 * Stats#pairedDifference95}): it holds when the whole interval lies on the claimed side of zero,
 * does not hold when it lies on the other side, and is inconclusive when it contains zero. With one
 * replication there is no interval and only the direction is given, marked as such. Every study's
 * report words its verdicts through this one rule (Student 1908; Montgomery, Design and Analysis of
 * Experiments, Sec. 2.5.1).
 *
 * @param outcome what the interval says
 * @param difference the paired difference a - b
 * @param text the verdict as a report prints it, e.g. {@code holds (paired difference +0.012 ±
 *     0.004, 95% CI above 0)}
 */
public record Verdict(Outcome outcome, Stats.MeanCi difference, String text) {
  /** The side of zero on which a claim puts the paired difference a - b. */
  public enum Direction {
    /** The claim is "a is higher than b": a - b above zero. */
    HIGHER,
    /** The claim is "a is lower than b": a - b below zero. */
    LOWER
  }

  /** What the paired difference says about a claim. */
  public enum Outcome {
    /** The whole 95% interval lies on the claimed side of zero. */
    HOLDS,
    /** The whole 95% interval lies on the other side of zero. */
    DOES_NOT_HOLD,
    /** The 95% interval contains zero. */
    INCONCLUSIVE,
    /** One replication, no interval: the difference points the claimed way. */
    HOLDS_IN_DIRECTION,
    /** One replication, no interval: the difference does not point the claimed way. */
    DOES_NOT_HOLD_IN_DIRECTION
  }

  /**
   * The verdict on a claim.
   *
   * @param difference the paired difference a - b (from {@link Stats#pairedDifference95})
   * @param direction the claimed side of zero
   * @param format the number format of the difference, e.g. {@code "%.4f"}
   * @return the verdict
   */
  public static Verdict of(Stats.MeanCi difference, Direction direction, String format) {
    String d =
        "paired difference "
            + String.format(Locale.ROOT, format.replace("%", "%+"), difference.mean())
            + (difference.hasInterval()
                ? " ± " + String.format(Locale.ROOT, format, difference.halfWidth())
                : "");
    boolean higher = direction == Direction.HIGHER;
    if (!difference.hasInterval()) {
      boolean agrees = higher ? difference.mean() > 0 : difference.mean() < 0;
      return agrees
          ? new Verdict(
              Outcome.HOLDS_IN_DIRECTION,
              difference,
              "holds in direction (one seed, no interval: " + d + ")")
          : new Verdict(
              Outcome.DOES_NOT_HOLD_IN_DIRECTION,
              difference,
              "does not hold in direction (one seed, no interval: " + d + ")");
    }
    boolean above = difference.above(0);
    boolean below = difference.below(0);
    if (above || below) {
      String side = above ? "above" : "below";
      boolean holds = higher == above;
      return new Verdict(
          holds ? Outcome.HOLDS : Outcome.DOES_NOT_HOLD,
          difference,
          (holds ? "holds (" : "does not hold (") + d + ", 95% CI " + side + " 0)");
    }
    return new Verdict(
        Outcome.INCONCLUSIVE, difference, "inconclusive (" + d + ", 95% CI includes 0)");
  }

  /**
   * The verdict on a claim made of several parts that must all hold: the first part that does not
   * hold, else the first inconclusive (or direction-only) part, else the first part.
   *
   * @param parts the parts' verdicts, at least one
   * @return the combined verdict
   */
  public static Verdict all(List<Verdict> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a combined claim needs at least one part");
    }
    for (Outcome worst :
        List.of(
            Outcome.DOES_NOT_HOLD,
            Outcome.DOES_NOT_HOLD_IN_DIRECTION,
            Outcome.INCONCLUSIVE,
            Outcome.HOLDS_IN_DIRECTION)) {
      for (Verdict v : parts) {
        if (v.outcome() == worst) {
          return v;
        }
      }
    }
    return parts.get(0);
  }
}
