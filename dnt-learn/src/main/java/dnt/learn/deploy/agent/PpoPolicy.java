package dnt.learn.deploy.agent;

import dnt.core.util.Seeds;
import dnt.learn.deploy.DeploymentAction;
import dnt.learn.deploy.DeploymentEnv;
import dnt.learn.deploy.DeploymentPolicy;
import dnt.learn.deploy.SyncState;

/**
 * A trained {@link HybridPpo} agent as a deployment policy: the mode of its action distribution in
 * each state (deterministic, so its evaluation is reproducible).
 */
public final class PpoPolicy implements DeploymentPolicy {
  private final HybridPpo agent;
  private final DeploymentProblem problem;

  /**
   * Wraps an agent.
   *
   * @param agent the trained agent
   * @param problem the problem it was trained on
   */
  public PpoPolicy(HybridPpo agent, DeploymentProblem problem) {
    this.agent = agent;
    this.problem = problem;
  }

  @Override
  public DeploymentAction act(DeploymentEnv env, SyncState state) {
    return DeploymentProblem.decisions(agent.act(problem, state, Seeds.generator(0), false));
  }
}
