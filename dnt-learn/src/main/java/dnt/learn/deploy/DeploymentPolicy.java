package dnt.learn.deploy;

/**
 * A way to decide each period's mapping methods and uplink resources: the baselines of the
 * deployment study and the learned agent. A policy may keep state across the periods of an episode
 * (a plan, a recurrent memory); {@link #reset} starts a new episode.
 */
public interface DeploymentPolicy {
  /**
   * Starts an episode on an environment.
   *
   * @param env the environment
   */
  default void reset(DeploymentEnv env) {}

  /**
   * Decides a period.
   *
   * @param env the environment
   * @param state the state at the start of the period
   * @return the decisions
   */
  DeploymentAction act(DeploymentEnv env, SyncState state);
}
