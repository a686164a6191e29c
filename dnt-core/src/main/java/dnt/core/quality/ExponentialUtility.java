package dnt.core.quality;

/**
 * Constant risk aversion: {@code u(x) = (1 - exp(-r x)) / (1 - exp(-r))} of the normalised position
 * {@code x} in [0, 1] between the worst and the best level (Keeney and Raiffa 1976, Sec. 4.8; the
 * exponential form of Kirkwood, <i>Strategic Decision Making</i>, 1997, ch. 4). With {@code r > 0}
 * the function is concave: the first improvements from the worst level are worth most (a twin whose
 * data is an hour old gains more from becoming ten minutes old than a ten-minute-old one from
 * becoming current). With {@code r < 0} it is convex, and {@code r = 0} is the linear utility.
 *
 * @param worst the level with utility 0
 * @param best the level with utility 1
 * @param riskAversion r, the curvature
 */
public record ExponentialUtility(double worst, double best, double riskAversion)
    implements AttributeUtility {
  /** Checks the scale and the curvature. */
  public ExponentialUtility {
    AttributeUtility.checkScale(worst, best);
    if (!Double.isFinite(riskAversion) || Math.abs(riskAversion) > 50) {
      throw new IllegalArgumentException(
          "riskAversion must be a finite number in [-50, 50], got " + riskAversion);
    }
  }

  @Override
  public double utility(double level) {
    double x = AttributeUtility.position(level, worst, best);
    if (riskAversion == 0) {
      return x;
    }
    // expm1 keeps the ratio accurate when r is small (the linear limit).
    return Math.expm1(-riskAversion * x) / Math.expm1(-riskAversion);
  }
}
