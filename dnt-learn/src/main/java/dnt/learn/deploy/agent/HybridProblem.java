package dnt.learn.deploy.agent;

import java.util.random.RandomGenerator;

/**
 * A finite-horizon problem over a fixed graph whose action is a {@link HybridAction}: what {@link
 * HybridPpo} trains on.
 *
 * @param <S> the state
 */
public interface HybridProblem<S> {
  /**
   * The number of nodes.
   *
   * @return it
   */
  int nodes();

  /**
   * Node features.
   *
   * @return features per node
   */
  int features();

  /**
   * The categories of a node's discrete action.
   *
   * @return at least 2
   */
  int categories();

  /**
   * Raw edge weights (normalised by the encoder).
   *
   * @return a square matrix, one row per node
   */
  double[][] adjacency();

  /**
   * The periods of an episode.
   *
   * @return at least 1
   */
  int horizon();

  /**
   * The state at the start of an episode.
   *
   * @param rng randomness the problem may use
   * @return the state
   */
  S start(RandomGenerator rng);

  /**
   * The node features of a state.
   *
   * @param state the state
   * @return {@code nodes x features} values, row by row
   */
  float[] observe(S state);

  /**
   * Applies an action.
   *
   * @param state the state
   * @param action the action
   * @return the next state and the reward
   */
  Outcome<S> step(S state, HybridAction action);

  /**
   * The result of a step.
   *
   * @param next the next state
   * @param reward the reward
   * @param shares each node's share of the reward, for agents that credit nodes one by one ({@link
   *     PpoUnit#STATION}); empty when the problem does not split its reward (every node is then
   *     credited the whole reward)
   * @param <S> the state
   */
  record Outcome<S>(S next, double reward, double[] shares) {
    /** Copies the shares. */
    public Outcome {
      shares = shares.clone();
    }

    /**
     * An outcome whose reward is not split between the nodes.
     *
     * @param next the next state
     * @param reward the reward
     */
    public Outcome(S next, double reward) {
      this(next, reward, new double[0]);
    }

    @Override
    public double[] shares() {
      return shares.clone();
    }

    /**
     * Node {@code b}'s share: its entry of {@link #shares}, or the reward when there are none.
     *
     * @param b the node
     * @return the share
     */
    public double share(int b) {
      return shares.length == 0 ? reward : shares[b];
    }
  }
}
