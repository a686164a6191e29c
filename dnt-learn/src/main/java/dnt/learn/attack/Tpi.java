package dnt.learn.attack;

import dnt.core.util.Seeds;
import dnt.learn.fl.AttackView;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * TPI, Traffic Poisoning Injection (paper Sec. IV-C; the published attack of Zhang, Fang, Huang and
 * Liu, IFIP Networking 2024, arXiv 2404.14389, is {@link Fti}): fake base stations that see only
 * the initial and the current global model craft updates that pull the twin back towards its
 * initial state while staying inside the benign spread, so that trimming and distance-based rules
 * do not catch them.
 *
 * <p><b>Reconstructed.</b> The update equation is not public; this is the reconstruction of the
 * project's security brief. Direction {@code r = sign(w_0 - w_t)}; per-coordinate step {@code delta
 * = |w_t - w_(t-1)|} (the last observed benign step; {@code |w_t - w_0| / t} when the previous
 * model is not known to differ). Fake k sends {@code g_k = eta * delta (*) r + sigma * delta (*)
 * z_k} with {@code z_k ~ N(0, 1)} truncated to [-3, 3] (element-wise products), so {@code |g_kj| <=
 * (eta + 3 sigma) delta_j}. Defaults {@code eta = 2}, {@code sigma = 0.1}. Setting {@code delta =
 * 1} and {@code eta = lambda} recovers an MPAF-like update.
 *
 * <p>Registered as {@code tpi} and, by alias, {@code tpi-bounded}: with the defaults each fake
 * coordinate is bounded to {@code 2.3} times the last global step, so over 5 rounds it cannot move
 * the coordinate-wise median by design.
 */
public final class Tpi extends FakeClientAttack {
  /** The default step multiple eta. */
  public static final double DEFAULT_ETA = 2;

  /** The default relative noise sigma. */
  public static final double DEFAULT_SIGMA = 0.1;

  private final double eta;
  private final double sigma;
  private final double @Nullable [] base;

  /**
   * Creates the attack.
   *
   * @param eta the step multiple, positive
   * @param sigma the relative noise, non-negative
   * @param share the fake share
   */
  public Tpi(double eta, double sigma, double share) {
    super(share);
    if (!(eta > 0) || !(sigma >= 0)) {
      throw new IllegalArgumentException("TPI needs eta > 0 and sigma >= 0");
    }
    this.eta = eta;
    this.sigma = sigma;
    this.base = null;
  }

  /**
   * TPI pulling towards the attacker's own initial model instead of the global {@code w_0} (for a
   * phase that starts from an already trained model, such as the H-twin).
   *
   * @param eta the step multiple, positive
   * @param sigma the relative noise, non-negative
   * @param share the fake share
   * @param base the attacker's initial model
   */
  public Tpi(double eta, double sigma, double share, double[] base) {
    super(share);
    if (!(eta > 0) || !(sigma >= 0)) {
      throw new IllegalArgumentException("TPI needs eta > 0 and sigma >= 0");
    }
    this.eta = eta;
    this.sigma = sigma;
    this.base = base.clone();
  }

  /**
   * TPI with the defaults {@code eta = 2}, {@code sigma = 0.1}.
   *
   * @param share the fake share
   */
  public Tpi(double share) {
    this(DEFAULT_ETA, DEFAULT_SIGMA, share);
  }

  /**
   * The per-coordinate bound on a fake update's magnitude, {@code (eta + 3 sigma) delta_j}.
   *
   * @param view the attacker's view
   * @return the bound per coordinate
   */
  public double[] bound(AttackView view) {
    double[] delta = step(view);
    for (int j = 0; j < delta.length; j++) {
      delta[j] *= eta + 3 * sigma;
    }
    return delta;
  }

  /** The observed benign step {@code |w_t - w_(t-1)|}, or {@code |w_t - w_0| / t}. */
  static double[] step(AttackView view) {
    double[] wt = view.currentGlobal();
    double[] prev = view.previousGlobal();
    double[] delta = new double[wt.length];
    boolean moved = false;
    for (int j = 0; j < wt.length; j++) {
      delta[j] = Math.abs(wt[j] - prev[j]);
      moved |= delta[j] > 0;
    }
    if (!moved) {
      double t = Math.max(1, view.round());
      double[] w0 = view.initialGlobal();
      for (int j = 0; j < wt.length; j++) {
        delta[j] = Math.abs(wt[j] - w0[j]) / t;
      }
    }
    return delta;
  }

  @Override
  protected List<double[]> fakeUpdates(AttackView view, int count) {
    double[] wt = view.currentGlobal();
    double[] w0 = base != null ? base : view.initialGlobal();
    double[] delta = step(view);
    List<double[]> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      RandomGenerator rng = Seeds.generator(Seeds.derive(view.seed(), 0x7F1, k));
      double[] g = new double[wt.length];
      for (int j = 0; j < g.length; j++) {
        double z = Math.max(-3, Math.min(3, rng.nextGaussian()));
        g[j] = eta * delta[j] * Math.signum(w0[j] - wt[j]) + sigma * delta[j] * z;
      }
      out.add(g);
    }
    return out;
  }
}
