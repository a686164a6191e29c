package dnt.caching.rl;

/**
 * Hyper-parameters of the Double-DQN cache agent (reconstructed defaults, chosen small so that the
 * whole default study runs in minutes on two cores).
 *
 * @param hidden width of the two hidden layers
 * @param learningRate Adam's learning rate
 * @param gamma discount per decision
 * @param batchSize transitions per gradient step
 * @param bufferSize replay buffer capacity
 * @param trainEvery decisions between gradient steps
 * @param targetSync gradient steps between target-network syncs
 * @param epsilonStart exploration rate at the first decision
 * @param epsilonEnd exploration rate after the decay
 * @param epsilonDecisions decisions over which epsilon decays linearly
 */
public record AgentSettings(
    int hidden,
    float learningRate,
    double gamma,
    int batchSize,
    int bufferSize,
    int trainEvery,
    int targetSync,
    double epsilonStart,
    double epsilonEnd,
    int epsilonDecisions) {
  /** The defaults of the caching study. */
  public static final AgentSettings DEFAULTS =
      new AgentSettings(16, 1e-3f, 0.5, 32, 4000, 8, 100, 1.0, 0.05, 6000);

  /** Validates the settings. */
  public AgentSettings {
    if (hidden < 1 || batchSize < 1 || bufferSize < batchSize || trainEvery < 1 || targetSync < 1) {
      throw new IllegalArgumentException("invalid agent settings");
    }
    if (!(gamma >= 0 && gamma < 1) || epsilonDecisions < 1) {
      throw new IllegalArgumentException("need gamma in [0, 1) and epsilonDecisions >= 1");
    }
  }
}
