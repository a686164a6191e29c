package dnt.learn.deploy.agent;

/**
 * What {@link HybridPpo} treats as one decision: the unit of its probability ratio, advantage and
 * value.
 */
public enum PpoUnit {
  /**
   * The joint action of all nodes in a state is one sample: its log-probability is the sum over the
   * nodes, its advantage comes from the state's reward and a critic on the mean node embedding. A
   * batch of {@code T} states has {@code T} samples whatever the number of nodes, and the ratio is
   * a product of {@code n} per-node ratios (the original agent).
   */
  JOINT,
  /**
   * Each node's action is a sample of the shared policy (parameter sharing, as in MAPPO: Yu et al.,
   * "The Surprising Effectiveness of PPO in Cooperative Multi-Agent Games", NeurIPS 2022): its own
   * ratio, clipped alone; its advantage from its own reward share ({@link
   * HybridProblem.Outcome#shares}) and a critic on its own embedding. A batch of {@code T} states
   * has {@code T n} samples.
   */
  STATION
}
