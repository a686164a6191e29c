package dnt.core.quality;

import java.util.Arrays;

/**
 * The multiplicative multi-attribute utility of Keeney and Raiffa (<i>Decisions with Multiple
 * Objectives: Preferences and Value Tradeoffs</i>, Wiley 1976, Theorem 6.1): with single-attribute
 * utilities {@code u_i} in [0, 1] and scaling constants {@code k_i} in (0, 1),
 *
 * <pre>{@code 1 + K U = prod_i (1 + K k_i u_i)}</pre>
 *
 * where the master constant K is the non-zero root greater than -1 of {@code 1 + K = prod_i (1 + K
 * k_i)} when the {@code k_i} do not sum to 1, and K = 0 when they do, in which case the form is the
 * additive {@code U = sum_i k_i u_i} (its limit as the sum tends to 1). The form holds when every
 * attribute is utility independent of the others (Theorem 6.1's condition); unlike a weighted sum,
 * it lets attributes complement (K &gt; 0) or substitute for (K &lt; 0) one another.
 *
 * <p>K is found by bisection on {@code h(K) = (sum_i log(1 + K k_i) - log(1 + K)) / K}, the
 * equation with its trivial root K = 0 divided out (h is continuous there with {@code h(0) = sum
 * k_i - 1}). Keeney and Raiffa (Sec. 6.3, Theorem 6.3's corollary) show there is exactly one root
 * in (-1, 0) when the constants sum to more than 1 and exactly one in (0, infinity) when they sum
 * to less; bisection to adjacent doubles finds it to the last bit of its bracket.
 */
public final class MultiplicativeUtility {
  /** Sums of scaling constants within this of 1 are taken as 1 (the additive form). */
  static final double ADDITIVE_TOLERANCE = 1e-12;

  private final double[] scaling;
  private final double master;

  /**
   * Creates the utility from its scaling constants.
   *
   * @param scalingConstants k_i, each in (0, 1); with one attribute it must be 1
   */
  public MultiplicativeUtility(double... scalingConstants) {
    if (scalingConstants.length == 0) {
      throw new IllegalArgumentException("at least one scaling constant is required");
    }
    for (int i = 0; i < scalingConstants.length; i++) {
      double k = scalingConstants[i];
      boolean single = scalingConstants.length == 1;
      if (single ? k != 1 : !(k > 0 && k < 1)) {
        throw new IllegalArgumentException(
            "scaling constant "
                + (i + 1)
                + (single ? " must be exactly 1 for a single attribute" : " must be in (0, 1)")
                + ", got "
                + k);
      }
    }
    this.scaling = scalingConstants.clone();
    this.master = masterConstant(scaling);
  }

  /**
   * The master constant K for the given scaling constants.
   *
   * @param k the scaling constants, each in (0, 1)
   * @return K: 0 when they sum to 1, otherwise the non-zero root above -1 of 1 + K = prod(1 + K
   *     k_i)
   */
  public static double masterConstant(double... k) {
    double sum = Arrays.stream(k).sum();
    if (Math.abs(sum - 1) <= ADDITIVE_TOLERANCE) {
      return 0;
    }
    double lo;
    double hi;
    if (sum > 1) {
      // h(0) > 0 and h(K) -> -infinity as K -> -1 from above.
      lo = -1;
      hi = 0;
    } else {
      // h(0) < 0, and h(K) > 0 once K is large enough (prod(1 + K k_i) grows like K^n).
      lo = 0;
      hi = 1;
      while (h(hi, k) < 0) {
        hi *= 2;
        if (Double.isInfinite(hi)) {
          throw new ArithmeticException("no master constant found for " + Arrays.toString(k));
        }
      }
    }
    // In both cases h < 0 towards lo and h > 0 towards hi.
    while (true) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        return mid;
      }
      if (h(mid, k) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
  }

  /** The defining equation with the root K = 0 divided out; K must be in (-1, 0) or above 0. */
  private static double h(double kk, double[] k) {
    double logs = 0;
    for (double ki : k) {
      logs += Math.log1p(kk * ki);
    }
    return (logs - Math.log1p(kk)) / kk;
  }

  /**
   * The joint utility of a twin whose single-attribute utilities are given, in the order of the
   * scaling constants.
   *
   * @param utilities u_i, each in [0, 1]
   * @return U in [0, 1]
   */
  public double utility(double... utilities) {
    if (utilities.length != scaling.length) {
      throw new IllegalArgumentException(
          "expected " + scaling.length + " utilities, got " + utilities.length);
    }
    for (int i = 0; i < utilities.length; i++) {
      double u = utilities[i];
      if (!(u >= 0 && u <= 1)) {
        throw new IllegalArgumentException("utility " + (i + 1) + " must be in [0, 1], got " + u);
      }
    }
    if (master == 0) {
      return weightedSum(utilities);
    }
    double product = 1;
    for (int i = 0; i < utilities.length; i++) {
      product *= 1 + master * scaling[i] * utilities[i];
    }
    return (product - 1) / master;
  }

  /**
   * The weighted sum {@code sum_i k_i u_i / sum_i k_i} of the same utilities with the scaling
   * constants as weights, normalised to sum to 1: the score a weighted-sum design would give.
   *
   * @param utilities u_i, each in [0, 1]
   * @return the normalised weighted sum
   */
  public double weightedSum(double... utilities) {
    double total = 0;
    double weights = 0;
    for (int i = 0; i < scaling.length; i++) {
      total += scaling[i] * utilities[i];
      weights += scaling[i];
    }
    return total / weights;
  }

  /**
   * The master constant K.
   *
   * @return K
   */
  public double master() {
    return master;
  }

  /**
   * The scaling constants.
   *
   * @return a copy of k_i
   */
  public double[] scalingConstants() {
    return scaling.clone();
  }

  /**
   * How the attributes interact.
   *
   * @return complements, substitutes or additive, from the sign of K
   */
  public Interaction interaction() {
    if (master > 0) {
      return Interaction.COMPLEMENTS;
    }
    return master < 0 ? Interaction.SUBSTITUTES : Interaction.ADDITIVE;
  }
}
