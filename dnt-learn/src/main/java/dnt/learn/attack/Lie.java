package dnt.learn.attack;

import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * LIE, "A Little Is Enough" (Baruch, Baruch and Goldberg, NeurIPS 2019): all malicious clients send
 * {@code mu - z * sigma}, with mu and sigma the per-coordinate mean and standard deviation of the
 * benign updates; small enough per coordinate to pass median- and distance-based rules, consistent
 * enough to bias them. Default {@code z = Phi^-1((n - f - s) / (n - f))} with {@code s = floor(n/2
 * + 1) - f}, the largest shift a majority still covers.
 */
public final class Lie extends MaliciousClientAttack {
  private final double z;

  /**
   * Creates the attack.
   *
   * @param share the compromised fraction
   * @param z the shift in standard deviations, or NaN for the default formula
   */
  public Lie(double share, double z) {
    super(share);
    this.z = z;
  }

  /**
   * The default z for n clients of which f are malicious.
   *
   * @param n all clients
   * @param f malicious clients
   * @return {@code Phi^-1((n - f - s) / (n - f))}, at least 0.1
   */
  public static double defaultZ(int n, int f) {
    int s = (int) Math.floor(n / 2.0 + 1) - f;
    double p = (double) (n - f - s) / (n - f);
    p = Math.min(0.999, Math.max(0.5, p));
    return Math.max(0.1, new NormalDistribution().inverseCumulativeProbability(p));
  }

  @Override
  protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
    double[] mu = Vectors.mean(benign);
    double[] sd = Vectors.std(benign, mu);
    double zz = Double.isNaN(z) ? defaultZ(benign.size(), m) : z;
    double[] v = new double[mu.length];
    for (int j = 0; j < v.length; j++) {
      v[j] = mu[j] - zz * sd[j];
    }
    return copies(v, m);
  }
}
