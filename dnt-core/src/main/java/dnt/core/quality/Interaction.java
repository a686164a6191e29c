package dnt.core.quality;

/**
 * How the attributes of a multiplicative utility interact, read from the sign of its master
 * constant K (Keeney and Raiffa 1976, Sec. 6.3): complements when K &gt; 0 (the scaling constants
 * sum to less than 1, so a twin must do well on every attribute at once to score high), substitutes
 * when K &lt; 0 (they sum to more than 1, so doing well on any attribute carries much of the
 * value), additive when K = 0 (they sum to 1, and the joint utility is the weighted sum).
 */
public enum Interaction {
  /** K &gt; 0: attributes are worth most together. */
  COMPLEMENTS,
  /** K &lt; 0: one good attribute stands in for another. */
  SUBSTITUTES,
  /** K = 0: no interaction; the weighted sum. */
  ADDITIVE
}
