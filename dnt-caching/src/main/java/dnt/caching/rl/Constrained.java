package dnt.caching.rl;

/**
 * The capability of an {@link Agent} that trades its reward against a cost budget with a learned
 * Lagrange multiplier λ (after E. Altman, "Constrained Markov Decision Processes", 1999).
 */
public interface Constrained {
  /**
   * The Lagrange multiplier now.
   *
   * @return λ, at least 0
   */
  double lambda();
}
