package dnt.learn.attack;

import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * LIE, "A Little Is Enough" (Baruch, Baruch and Goldberg, NeurIPS 2019): all malicious clients send
 * {@code mu - z * sigma}, with mu and sigma the per-coordinate mean and (population) standard
 * deviation of the round's benign updates; small enough per coordinate to pass median- and
 * distance-based rules, consistent enough to bias them.
 *
 * <p>By default z is the paper's {@code z_max} (Algorithm 1): with n clients of which f are
 * malicious, the attackers need {@code s = floor(n/2 + 1) - f} honest "supporters" to form a
 * majority, and {@code z_max = max z such that Phi(z) < (n - s) / n}, that is {@code Phi^-1((n - s)
 * / n)} (Phi, the standard normal CDF). {@link ZRule#HONEST_FRACTION} keeps the variant this class
 * used before, {@code Phi^-1((n - f - s) / (n - f))}, which counts the supporters among the honest
 * clients only and gives a smaller z (its probability is still raised to at least 1/2, but z is no
 * longer raised to at least 0.1).
 */
public final class Lie extends MaliciousClientAttack {
  /** The largest probability the quantile is taken at: z is capped at Phi^-1(0.999) = 3.09. */
  private static final double MAX_PROBABILITY = 0.999;

  /** How z follows from n and f when it is not given. */
  public enum ZRule {
    /** Baruch et al.'s {@code z_max = Phi^-1((n - s) / n)}, {@code s = floor(n/2 + 1) - f}. */
    PUBLISHED,
    /** {@code Phi^-1((n - f - s) / (n - f))}: the supporters' share of the honest clients. */
    HONEST_FRACTION
  }

  private final double z;
  private final ZRule rule;

  /**
   * Creates the attack with a fixed z, or with the published {@code z_max}.
   *
   * @param share the compromised fraction
   * @param z the shift in standard deviations, or NaN for {@link ZRule#PUBLISHED}
   */
  public Lie(double share, double z) {
    super(share);
    this.z = z;
    this.rule = ZRule.PUBLISHED;
  }

  /**
   * Creates the attack with z chosen by a rule from the round's n and f.
   *
   * @param share the compromised fraction
   * @param rule how z follows from n and f
   */
  public Lie(double share, ZRule rule) {
    super(share);
    this.z = Double.NaN;
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /**
   * Baruch et al.'s {@code z_max} for n clients of which f are malicious.
   *
   * @param n all clients
   * @param f malicious clients, {@code 1 <= f < n}
   * @return {@code Phi^-1((n - s) / n)} with {@code s = floor(n/2 + 1) - f}, at most 3.09
   */
  public static double zMax(int n, int f) {
    checkCounts(n, f);
    int s = n / 2 + 1 - f;
    return quantile((double) (n - s) / n);
  }

  /**
   * The honest-fraction variant of z.
   *
   * @param n all clients
   * @param f malicious clients, {@code 1 <= f < n}
   * @return {@code Phi^-1((n - f - s) / (n - f))} with {@code s = floor(n/2 + 1) - f}, between 0
   *     and 3.09
   */
  public static double honestFractionZ(int n, int f) {
    checkCounts(n, f);
    int s = n / 2 + 1 - f;
    return quantile(Math.max(0.5, (double) (n - f - s) / (n - f)));
  }

  /**
   * The z of a rule.
   *
   * @param rule the rule
   * @param n all clients
   * @param f malicious clients
   * @return the shift in standard deviations
   */
  public static double z(ZRule rule, int n, int f) {
    return switch (rule) {
      case PUBLISHED -> zMax(n, f);
      case HONEST_FRACTION -> honestFractionZ(n, f);
    };
  }

  private static void checkCounts(int n, int f) {
    if (f < 1 || f >= n) {
      throw new IllegalArgumentException("lie needs 1 <= f < n, got n = " + n + ", f = " + f);
    }
  }

  /**
   * Phi^-1(p), with p capped at 0.999: once the attackers are a majority on their own ({@code s <=
   * 0}, p >= 1) any shift would do, and 3.09 standard deviations is already far outside the benign
   * spread.
   */
  private static double quantile(double p) {
    return new NormalDistribution().inverseCumulativeProbability(Math.min(MAX_PROBABILITY, p));
  }

  @Override
  protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
    double[] mu = Vectors.mean(benign);
    double[] sd = Vectors.std(benign, mu);
    double zz = Double.isNaN(z) ? z(rule, benign.size(), m) : z;
    double[] v = new double[mu.length];
    for (int j = 0; j < v.length; j++) {
      v[j] = mu[j] - zz * sd[j];
    }
    return copies(v, m);
  }
}
