package dnt.learn.attack;

import dnt.core.util.Seeds;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fang et al.'s full-knowledge attack against trimmed mean and median ("Local Model Poisoning
 * Attacks to Byzantine-Robust Federated Learning", USENIX Security 2020). Per coordinate, with
 * {@code s_j} the sign of the benign mean, the malicious values go beyond the benign extreme on the
 * opposite side: if {@code s_j > 0}, uniform in {@code [min_j / b, min_j]} when {@code min_j > 0}
 * or {@code [b * min_j, min_j]} otherwise; if {@code s_j <= 0}, uniform in {@code [max_j, b *
 * max_j]} when {@code max_j > 0} or {@code [max_j, max_j / b]} otherwise. {@code b = 2}.
 */
public final class FangTrimmedMean extends MaliciousClientAttack {
  private final double b;

  /**
   * Creates the attack.
   *
   * @param share the compromised fraction
   * @param b the spread factor, greater than 1
   */
  public FangTrimmedMean(double share, double b) {
    super(share);
    if (!(b > 1)) {
      throw new IllegalArgumentException("Fang's b must be > 1, got " + b);
    }
    this.b = b;
  }

  @Override
  protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
    double[] mu = Vectors.mean(benign);
    int d = mu.length;
    double[] min = new double[d];
    double[] max = new double[d];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (ClientUpdate u : benign) {
      double[] x = u.deltaAsDouble();
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], x[j]);
        max[j] = Math.max(max[j], x[j]);
      }
    }
    List<double[]> out = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      RandomGenerator rng = Seeds.generator(Seeds.derive(view.seed(), 0xFA6, k));
      double[] g = new double[d];
      for (int j = 0; j < d; j++) {
        double lo;
        double hi;
        if (mu[j] > 0) {
          lo = min[j] > 0 ? min[j] / b : b * min[j];
          hi = min[j];
        } else {
          lo = max[j];
          hi = max[j] > 0 ? b * max[j] : max[j] / b;
        }
        g[j] = lo + (hi - lo) * rng.nextDouble();
      }
      out.add(g);
    }
    return out;
  }
}
