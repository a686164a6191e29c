package dnt.learn.attack;

import dnt.core.util.Seeds;
import dnt.learn.fl.AttackView;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * PoisonedFL (Xie, Fang and Gong, "Model Poisoning Attacks to Federated Learning via Multi-Round
 * Consistency", CVPR 2025): fake clients push along one random sign vector s, fixed for the whole
 * run, so that the pushes add up across rounds instead of cancelling. The magnitude follows the
 * global model's own step: {@code g = lambda * ||w_t - w_(t-1)|| * s / sqrt(d)}. Every {@code
 * period} rounds the attacker checks whether the model followed s (more than half of the
 * coordinates moved with s since the last check) and otherwise shrinks lambda by 0.7. Needs no
 * benign updates. Simplified: the paper also adapts per-coordinate magnitudes.
 */
public final class PoisonedFl extends FakeClientAttack {
  private final long seed;
  private final int period;
  private double lambda;
  private double @Nullable [] signs;
  private double @Nullable [] checkpoint;
  private int lastCheck;

  /**
   * Creates the attack.
   *
   * @param lambda the initial scaling factor, positive
   * @param share the fake share
   * @param period rounds between adaptations of lambda
   * @param seed the seed of the sign vector
   */
  public PoisonedFl(double lambda, double share, int period, long seed) {
    super(share);
    if (!(lambda > 0) || period < 1) {
      throw new IllegalArgumentException("PoisonedFL needs lambda > 0 and period >= 1");
    }
    this.lambda = lambda;
    this.period = period;
    this.seed = seed;
  }

  /**
   * The current scaling factor.
   *
   * @return lambda
   */
  public synchronized double lambda() {
    return lambda;
  }

  /**
   * The fixed sign vector for a dimension.
   *
   * @param d the dimension
   * @return s, entries +-1
   */
  public synchronized double[] signs(int d) {
    if (signs == null || signs.length != d) {
      RandomGenerator rng = Seeds.generator(Seeds.derive(seed, 0x5EED));
      signs = new double[d];
      for (int j = 0; j < d; j++) {
        signs[j] = rng.nextBoolean() ? 1 : -1;
      }
    }
    return signs;
  }

  @Override
  protected synchronized List<double[]> fakeUpdates(AttackView view, int count) {
    double[] wt = view.currentGlobal();
    int d = wt.length;
    double[] s = signs(d);
    if (checkpoint == null) {
      checkpoint = wt.clone();
      lastCheck = view.round();
    } else if (view.round() - lastCheck >= period) {
      int followed = 0;
      for (int j = 0; j < d; j++) {
        if (Math.signum(wt[j] - checkpoint[j]) == s[j]) {
          followed++;
        }
      }
      if (followed * 2 <= d) {
        lambda *= 0.7;
      }
      checkpoint = wt.clone();
      lastCheck = view.round();
    }
    double step = Vectors.distance(wt, view.previousGlobal());
    if (step == 0) {
      step = Vectors.distance(wt, view.initialGlobal()) / Math.max(1, view.round());
    }
    double magnitude = lambda * step / Math.sqrt(d);
    List<double[]> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      double[] g = new double[d];
      for (int j = 0; j < d; j++) {
        g[j] = magnitude * s[j];
      }
      out.add(g);
    }
    return out;
  }
}
