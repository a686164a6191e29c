package dnt.learn.attack;

import dnt.core.util.Seeds;
import dnt.learn.fl.AttackView;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * FTI, fake traffic injection (Zhang, Fang, Huang and Liu, "Poisoning Attacks on Federated
 * Learning-based Wireless Traffic Prediction", IFIP Networking 2024, arXiv 2404.14389, Sec. III,
 * Algorithm 1): fake base stations that know only the initial and the current global model send
 * updates that drag the global model towards a base model {@code theta_hat}.
 *
 * <p><b>What was available.</b> Only the abstract, the arXiv HTML page's first screen and a third
 * party review of Algorithm 1 could be read here, not the algorithm's lines. They give its inputs
 * (the current global model {@code theta_t}, a base model {@code theta_hat}, a scaling factor
 * {@code eta}) and its output (one fake update per fake base station). The update below is the
 * scaled pull of MPAF-style fake clients with that input set: fake k sends
 *
 * <pre>{@code
 * g_k = eta (theta_hat - theta_t) (*) (1 + sigma z_k),   z_k ~ N(0, 1) truncated to [-3, 3]
 * }</pre>
 *
 * (element-wise). Choices the available text leaves open: {@code theta_hat} is the initial global
 * model (or the attacker's own initial model when given); {@code eta = 10}; {@code sigma = 0}
 * (identical fakes) unless a noise is given, which spreads the fakes so that they are not exact
 * duplicates. Unlike {@link Tpi} the update is not bounded by the last benign step, so a mean moves
 * with {@code eta}.
 */
public final class Fti extends FakeClientAttack {
  /** The default scaling factor eta. */
  public static final double DEFAULT_ETA = 10;

  /** The default relative noise sigma (none). */
  public static final double DEFAULT_SIGMA = 0;

  private final double eta;
  private final double sigma;
  private final double @Nullable [] base;

  /**
   * Creates the attack.
   *
   * @param eta the scaling factor, positive
   * @param sigma the relative noise, non-negative
   * @param share the fake share
   * @param base the base model theta_hat, or null for the initial global model
   */
  public Fti(double eta, double sigma, double share, double @Nullable [] base) {
    super(share);
    if (!(eta > 0) || !(sigma >= 0)) {
      throw new IllegalArgumentException("FTI needs eta > 0 and sigma >= 0");
    }
    this.eta = eta;
    this.sigma = sigma;
    this.base = base == null ? null : base.clone();
  }

  @Override
  protected List<double[]> fakeUpdates(AttackView view, int count) {
    double[] wt = view.currentGlobal();
    double[] hat = base != null ? base : view.initialGlobal();
    List<double[]> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      RandomGenerator rng = Seeds.generator(Seeds.derive(view.seed(), 0xF71, k));
      double[] g = new double[wt.length];
      for (int j = 0; j < g.length; j++) {
        double z = sigma == 0 ? 0 : Math.max(-3, Math.min(3, rng.nextGaussian()));
        g[j] = eta * (hat[j] - wt[j]) * (1 + sigma * z);
      }
      out.add(g);
    }
    return out;
  }
}
