package dnt.core.quality;

import dnt.core.Registry;

/**
 * A single-attribute utility function: maps the raw level of one attribute of a twin (a forecast
 * error, an age in seconds, a number of bytes) to a utility in [0, 1], 0 at the worst level that
 * matters and 1 at the best (Keeney and Raiffa, <i>Decisions with Multiple Objectives</i>, 1976,
 * ch. 4). Levels beyond the best count as the best and beyond the worst as the worst, so a utility
 * never leaves [0, 1] (the multiplicative form needs that).
 *
 * <p>Implementations are picked by name from {@link #SHAPES}.
 */
public interface AttributeUtility {

  /**
   * Makes a utility function of one shape.
   *
   * <p>{@code riskAversion} is used only by shapes that have one; the others ignore it.
   */
  @FunctionalInterface
  interface Factory {
    /**
     * Makes the function.
     *
     * @param worst the level with utility 0
     * @param best the level with utility 1 (smaller than {@code worst} when less is better)
     * @param riskAversion the shape's curvature, where it has one
     * @return the function
     */
    AttributeUtility create(double worst, double best, double riskAversion);
  }

  /** The shapes, by name. */
  Registry<Factory> SHAPES =
      Registry.<Factory>of("utility shape")
          .add(
              "linear",
              "utility proportional to the level between worst and best (risk neutral)",
              (worst, best, riskAversion) -> new LinearUtility(worst, best))
          .add(
              "exponential",
              "constant risk aversion: 1 - exp(-r x) normalised, concave for r > 0",
              ExponentialUtility::new)
          .build();

  /**
   * The utility of a level.
   *
   * @param level the attribute's raw level
   * @return its utility in [0, 1]
   */
  double utility(double level);

  /**
   * The level with utility 0.
   *
   * @return the worst level
   */
  double worst();

  /**
   * The level with utility 1.
   *
   * @return the best level
   */
  double best();

  /**
   * The position of a level between worst (0) and best (1), clamped to [0, 1].
   *
   * @param level the raw level
   * @param worst the level at 0
   * @param best the level at 1
   * @return the normalised position
   */
  static double position(double level, double worst, double best) {
    if (Double.isNaN(level)) {
      throw new IllegalArgumentException("an attribute level must be a number, got NaN");
    }
    double x = (level - worst) / (best - worst);
    return Math.min(1.0, Math.max(0.0, x));
  }

  /**
   * Checks the two ends of a scale.
   *
   * @param worst the level at 0
   * @param best the level at 1
   */
  static void checkScale(double worst, double best) {
    if (!Double.isFinite(worst) || !Double.isFinite(best) || worst == best) {
      throw new IllegalArgumentException(
          "worst and best must be two different finite levels, got " + worst + " and " + best);
    }
  }
}
