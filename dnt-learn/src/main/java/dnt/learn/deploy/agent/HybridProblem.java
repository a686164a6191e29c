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
   * @param <S> the state
   */
  record Outcome<S>(S next, double reward) {}
}
