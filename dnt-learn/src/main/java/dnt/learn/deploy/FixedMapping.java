package dnt.learn.deploy;

/**
 * The all-vertical and all-horizontal baselines: every station uses one mapping method every
 * period, with an equal share of the band and its full power.
 *
 * @param mapping the method
 */
public record FixedMapping(Mapping mapping) implements DeploymentPolicy {
  @Override
  public DeploymentAction act(DeploymentEnv env, SyncState state) {
    return DeploymentAction.uniform(env.stations(), mapping, 1.0, 1.0);
  }
}
