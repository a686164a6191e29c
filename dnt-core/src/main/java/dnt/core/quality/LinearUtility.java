package dnt.core.quality;

/**
 * Utility proportional to the level between the worst and the best: the risk-neutral
 * single-attribute utility (Keeney and Raiffa 1976, Sec. 4.5).
 *
 * @param worst the level with utility 0
 * @param best the level with utility 1
 */
public record LinearUtility(double worst, double best) implements AttributeUtility {
  /** Checks the scale. */
  public LinearUtility {
    AttributeUtility.checkScale(worst, best);
  }

  @Override
  public double utility(double level) {
    return AttributeUtility.position(level, worst, best);
  }
}
