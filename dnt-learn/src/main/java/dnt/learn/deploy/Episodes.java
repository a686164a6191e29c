package dnt.learn.deploy;

/** Runs a policy through an episode of the environment. */
public final class Episodes {
  private Episodes() {}

  /**
   * One episode from the initial state.
   *
   * @param env the environment
   * @param policy the policy (reset first)
   * @return what happened
   */
  public static EpisodeResult run(DeploymentEnv env, DeploymentPolicy policy) {
    policy.reset(env);
    int horizon = env.settings().horizon();
    double[] utilities = new double[horizon];
    double[] levels = new double[DeploymentEnv.ATTRIBUTES.size()];
    double weighted = 0;
    double vertical = 0;
    double arrived = 0;
    SyncState state = env.initialState();
    for (int t = 0; t < horizon; t++) {
      DeploymentAction a = policy.act(env, state);
      Step step = env.step(state, a);
      utilities[t] = step.utility();
      weighted += step.weightedSum() / horizon;
      for (int i = 0; i < levels.length; i++) {
        levels[i] += step.levels()[i] / horizon;
      }
      for (Transfer tr : step.transfers()) {
        vertical += tr.mapping() == Mapping.VERTICAL ? 1.0 / (horizon * env.stations()) : 0;
        arrived += tr.arrived() ? 1.0 / (horizon * env.stations()) : 0;
      }
      state = step.next();
    }
    return new EpisodeResult(utilities, weighted, levels, vertical, arrived);
  }
}
