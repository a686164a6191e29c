package dnt.learn.attack;

import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.List;

/**
 * Min-Max and Min-Sum (Shejwalkar and Houmansadr, "Manipulating the Byzantine: Optimizing Model
 * Poisoning Attacks and Defenses for Federated Learning", NDSS 2021). All malicious clients send
 * {@code m = mu + gamma * p} for a perturbation p, with the largest gamma (binary search from 10 to
 * a tolerance of 1e-5) such that m is no farther from the benign updates than they are from each
 * other: Min-Max keeps {@code max_i ||m - g_i|| <= max_(i,k) ||g_i - g_k||}; Min-Sum keeps {@code
 * sum_i ||m - g_i||^2 <= max_k sum_i ||g_k - g_i||^2}.
 */
public final class MinMax extends MaliciousClientAttack {
  /** The perturbation direction. */
  public enum Perturbation {
    /** {@code -mu / ||mu||}. */
    UNIT_VECTOR,
    /** {@code -sign(mu)}. */
    SIGN,
    /** {@code -std}, the benign per-coordinate standard deviation. */
    STD
  }

  private final boolean sum;
  private final Perturbation perturbation;

  /**
   * Creates the attack.
   *
   * @param share the compromised fraction
   * @param sum true for Min-Sum, false for Min-Max
   * @param perturbation the direction
   */
  public MinMax(double share, boolean sum, Perturbation perturbation) {
    super(share);
    this.sum = sum;
    this.perturbation = java.util.Objects.requireNonNull(perturbation);
  }

  @Override
  protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
    double[] mu = Vectors.mean(benign);
    int d = mu.length;
    double[] p = new double[d];
    switch (perturbation) {
      case UNIT_VECTOR -> {
        double norm = Vectors.norm(mu);
        for (int j = 0; j < d; j++) {
          p[j] = norm > 0 ? -mu[j] / norm : 0;
        }
      }
      case SIGN -> {
        for (int j = 0; j < d; j++) {
          p[j] = -Math.signum(mu[j]);
        }
      }
      case STD -> {
        double[] sd = Vectors.std(benign, mu);
        for (int j = 0; j < d; j++) {
          p[j] = -sd[j];
        }
      }
      default -> throw new AssertionError(perturbation);
    }
    int n = benign.size();
    double threshold = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        double dist = Vectors.distance(benign.get(i).delta(), benign.get(k).delta());
        if (sum) {
          s += dist * dist;
        } else {
          threshold = Math.max(threshold, dist);
        }
      }
      if (sum) {
        threshold = Math.max(threshold, s);
      }
    }
    double gamma = 10;
    double step = gamma / 2;
    double success = 0;
    while (Math.abs(success - gamma) > 1e-5) {
      if (score(mu, p, gamma, benign) <= threshold) {
        success = gamma;
        gamma += step;
      } else {
        gamma -= step;
      }
      step /= 2;
    }
    double[] g = new double[d];
    for (int j = 0; j < d; j++) {
      g[j] = mu[j] + success * p[j];
    }
    return copies(g, m);
  }

  private double score(double[] mu, double[] p, double gamma, List<ClientUpdate> benign) {
    double[] g = new double[mu.length];
    for (int j = 0; j < g.length; j++) {
      g[j] = mu[j] + gamma * p[j];
    }
    double s = 0;
    for (ClientUpdate u : benign) {
      double dist = Vectors.distance(g, u.delta());
      s = sum ? s + dist * dist : Math.max(s, dist);
    }
    return s;
  }
}
