package dnt.learn.deploy;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The random baseline: each station draws its mapping method, bandwidth weight and power level
 * uniformly, independently every period.
 */
public final class RandomPolicy implements DeploymentPolicy {
  private final RandomGenerator rng;

  /**
   * Creates the policy.
   *
   * @param rng the source of its draws (seeded by the caller)
   */
  public RandomPolicy(RandomGenerator rng) {
    this.rng = Objects.requireNonNull(rng, "rng");
  }

  @Override
  public DeploymentAction act(DeploymentEnv env, SyncState state) {
    int n = env.stations();
    Mapping[] m = new Mapping[n];
    double[] b = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = rng.nextBoolean() ? Mapping.VERTICAL : Mapping.HORIZONTAL;
      b[i] = rng.nextDouble();
      p[i] = rng.nextDouble();
    }
    return new DeploymentAction(m, b, p);
  }
}
