package dnt.learn.attack;

import dnt.core.util.Seeds;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The classic malicious-client baselines (as shipped by FLPoison and ByzFL): IPM, sign flipping,
 * Gaussian noise and mimic.
 */
public final class SimpleAttacks {
  private SimpleAttacks() {}

  /**
   * IPM, inner-product manipulation (Xie, Koyejo and Gupta, "Fall of Empires: Breaking Byzantine-
   * tolerant SGD by Inner Product Manipulation", UAI 2020): every malicious client sends {@code
   * -eps * mu}. A small eps (0.1) defeats Krum, a large one median and geometric median.
   *
   * @param share the compromised fraction
   * @param eps the scale (ByzFL default 2)
   * @return the attack
   */
  public static MaliciousClientAttack ipm(double share, double eps) {
    return new MaliciousClientAttack(share) {
      @Override
      protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
        double[] mu = Vectors.mean(benign);
        for (int j = 0; j < mu.length; j++) {
          mu[j] *= -eps;
        }
        return copies(mu, m);
      }
    };
  }

  /**
   * Sign flipping: each malicious client sends {@code -k} times its own honest update.
   *
   * @param share the compromised fraction
   * @param k the scale (1 for a plain flip)
   * @return the attack
   */
  public static MaliciousClientAttack signFlip(double share, double k) {
    return new MaliciousClientAttack(share) {
      @Override
      protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
        List<double[]> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          double[] x = benign.get(i).deltaAsDouble();
          for (int j = 0; j < x.length; j++) {
            x[j] *= -k;
          }
          out.add(x);
        }
        return out;
      }
    };
  }

  /**
   * Gaussian: each malicious client sends {@code N(0, sigma^2 I)}.
   *
   * @param share the compromised fraction
   * @param sigma the standard deviation (FLPoison default 1)
   * @return the attack
   */
  public static MaliciousClientAttack gaussian(double share, double sigma) {
    return new MaliciousClientAttack(share) {
      @Override
      protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
        int d = benign.get(0).dimension();
        List<double[]> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          RandomGenerator rng = Seeds.generator(Seeds.derive(view.seed(), 0x6A55, i));
          double[] x = new double[d];
          for (int j = 0; j < d; j++) {
            x[j] = sigma * rng.nextGaussian();
          }
          out.add(x);
        }
        return out;
      }
    };
  }

  /**
   * Mimic (Karimireddy, He and Jaggi, ICLR 2022): every malicious client copies the update of the
   * first honest client, over-representing it (harmful under non-IID data).
   *
   * @param share the compromised fraction
   * @return the attack
   */
  public static MaliciousClientAttack mimic(double share) {
    return new MaliciousClientAttack(share) {
      @Override
      protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
        int target = Math.min(m, benign.size() - 1);
        return copies(benign.get(target).deltaAsDouble(), m);
      }
    };
  }
}
