package dnt.learn.attack;

import dnt.core.util.Seeds;
import dnt.learn.fl.AttackView;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * MPAF, Model Poisoning Attack based on Fake clients (Cao and Gong, "MPAF: Model Poisoning Attacks
 * to Federated Learning based on Fake Clients", CVPR Workshops 2022). The attacker fixes a
 * low-accuracy base model {@code w'} and, every round, every fake client sends the same update
 * {@code g = lambda * (w' - w_t)}, dragging the global model towards w'. It needs no data and no
 * benign updates. The base is the initial global model {@code w_0} (as in the authors' lab code) or
 * a random model; {@code lambda = 1e5} by default (the Fang-lab default; 1e6 is also quoted).
 */
public final class Mpaf extends FakeClientAttack {
  /** Where the base model w' comes from. */
  public enum Base {
    /** {@code w' = w_0}, the initial global model. */
    INITIAL,
    /** {@code w' = w_0 + N(0, 1)} per coordinate, drawn once from the attack's seed. */
    RANDOM
  }

  /** The default scaling factor. */
  public static final double DEFAULT_LAMBDA = 1e5;

  private final double lambda;
  private final Base base;
  private final long seed;
  private final double @Nullable [] fixedBase;
  private double @Nullable [] baseModel;

  /**
   * Creates the attack.
   *
   * @param lambda the scaling factor, positive
   * @param share the fake share
   * @param base where the base model comes from
   * @param seed the seed of a random base
   */
  public Mpaf(double lambda, double share, Base base, long seed) {
    super(share);
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("MPAF lambda must be positive, got " + lambda);
    }
    this.lambda = lambda;
    this.base = java.util.Objects.requireNonNull(base, "base");
    this.seed = seed;
    this.fixedBase = null;
  }

  /**
   * MPAF with a given base model, e.g. the attacker's own random initialisation of the model.
   *
   * @param lambda the scaling factor, positive
   * @param share the fake share
   * @param baseModel the base model w'
   */
  public Mpaf(double lambda, double share, double[] baseModel) {
    super(share);
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("MPAF lambda must be positive, got " + lambda);
    }
    this.lambda = lambda;
    this.base = Base.INITIAL;
    this.seed = 0;
    this.fixedBase = baseModel.clone();
  }

  /**
   * MPAF with base {@code w_0}.
   *
   * @param lambda the scaling factor
   * @param share the fake share
   */
  public Mpaf(double lambda, double share) {
    this(lambda, share, Base.INITIAL, 0);
  }

  /**
   * The scaling factor.
   *
   * @return lambda
   */
  public double lambda() {
    return lambda;
  }

  /**
   * The base model the attack pulls towards.
   *
   * @param view the attacker's view (for w_0)
   * @return w'
   */
  public synchronized double[] baseModel(AttackView view) {
    if (fixedBase != null) {
      return fixedBase;
    }
    if (baseModel == null || baseModel.length != view.initialGlobal().length) {
      baseModel = view.initialGlobal().clone();
      if (base == Base.RANDOM) {
        RandomGenerator rng = Seeds.generator(Seeds.derive(seed, 0x3AF));
        for (int j = 0; j < baseModel.length; j++) {
          baseModel[j] += rng.nextGaussian();
        }
      }
    }
    return baseModel;
  }

  @Override
  protected List<double[]> fakeUpdates(AttackView view, int count) {
    double[] w = baseModel(view);
    double[] wt = view.currentGlobal();
    double[] g = new double[wt.length];
    for (int j = 0; j < g.length; j++) {
      g[j] = lambda * (w[j] - wt[j]);
    }
    List<double[]> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      out.add(g.clone());
    }
    return out;
  }
}
