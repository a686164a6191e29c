package dnt.learn.deploy;

/**
 * The per-station greedy baseline: each station decides alone, for the current period only. Every
 * station gets an equal share of the band. A station picks the mapping method that gives the higher
 * joint utility this period when it alone uses it and every other station sends a model update,
 * then the lowest power level of {@link #POWER_LEVELS} at which that payload still arrives (the
 * cheapest transfer that does the job), full power when none does. It ignores the future (a
 * vertical transfer's value lasts several periods) and the other stations' choices.
 */
public final class GreedyPolicy implements DeploymentPolicy {
  /** The power levels the greedy rule tries, lowest first. */
  static final double[] POWER_LEVELS = {0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1};

  @Override
  public DeploymentAction act(DeploymentEnv env, SyncState state) {
    int n = env.stations();
    double share = 1.0 / n;
    DeploymentAction base = DeploymentAction.uniform(n, Mapping.HORIZONTAL, 1.0, 1.0);
    Mapping[] chosen = new Mapping[n];
    double[] power = new double[n];
    double[] bandwidth = base.bandwidth();
    for (int b = 0; b < n; b++) {
      Mapping best = Mapping.HORIZONTAL;
      double bestUtility = Double.NEGATIVE_INFINITY;
      for (Mapping m : Mapping.values()) {
        Mapping[] trial = base.mapping();
        trial[b] = m;
        double u = env.step(state, new DeploymentAction(trial, bandwidth, base.power())).utility();
        if (u > bestUtility) {
          bestUtility = u;
          best = m;
        }
      }
      chosen[b] = best;
      power[b] = 1.0;
      for (double level : POWER_LEVELS) {
        if (env.transfer(b, best, share, env.powerDbm(level)).arrived()) {
          power[b] = level;
          break;
        }
      }
    }
    return new DeploymentAction(chosen, bandwidth, power);
  }
}
