package dnt.caching.rl;

/**
 * Hyper-parameters of the PPO-Lagrangian cache agent (reconstructed defaults, small so that it
 * trains in the time the Double-DQN agent does).
 *
 * @param hidden width of the hidden layers of the policy and of both critics
 * @param learningRate Adam's learning rate (policy and critics)
 * @param gamma discount per decision
 * @param gaeLambda the λ of generalised advantage estimation
 * @param clip ε of the clipped surrogate
 * @param epochs passes over an episode's rollout per update
 * @param minibatch decisions per gradient step
 * @param entropy weight of the policy's entropy bonus
 */
public record PpoSettings(
    int hidden,
    float learningRate,
    double gamma,
    double gaeLambda,
    double clip,
    int epochs,
    int minibatch,
    double entropy) {
  /** The defaults. */
  public static final PpoSettings DEFAULTS = new PpoSettings(16, 1e-3f, 0.5, 0.9, 0.2, 3, 64, 0.01);

  /** Validates the settings. */
  public PpoSettings {
    if (hidden < 1 || epochs < 1 || minibatch < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException(
          "need hidden, epochs, minibatch >= 1 and a positive learning rate");
    }
    if (!(gamma >= 0 && gamma < 1) || !(gaeLambda >= 0 && gaeLambda <= 1)) {
      throw new IllegalArgumentException("need gamma in [0, 1) and gaeLambda in [0, 1]");
    }
    if (!(clip > 0 && clip < 1) || !(entropy >= 0)) {
      throw new IllegalArgumentException("need clip in (0, 1) and entropy >= 0");
    }
  }
}
