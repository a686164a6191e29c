package dnt.caching.rl;

/**
 * What one decision of the agent earns until its station's next decision: the reward (eviction
 * regret, charged later by the station's {@link RegretLedger}, plus any shaping the agent adds) and
 * the cost (requests the station served while overloaded). The controller and the ledger add to it
 * while the episode runs; the agent reads it when it learns.
 */
public final class Outcome {
  float reward;
  double cost;

  /**
   * An outcome that starts from a reward.
   *
   * @param reward the initial reward (e.g. a veto penalty), 0 for none
   */
  public Outcome(float reward) {
    this.reward = reward;
  }

  /**
   * The reward so far.
   *
   * @return r
   */
  public float reward() {
    return reward;
  }

  /**
   * The cost so far.
   *
   * @return c
   */
  public double cost() {
    return cost;
  }
}
