package dnt.caching.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * A candidate-scoring Q network: a small MLP (features → hidden → hidden → 1, ReLU) that maps the
 * feature row of one action (evict this candidate) to its Q value, shared across all actions as in
 * action-embedding DQNs. Training runs on DJL (PyTorch engine, Adam, L2 loss); inference runs on a
 * plain-Java mirror of the weights, refreshed after every gradient step, so that acting and target
 * evaluation cost no native calls (both through {@link Mlp}). A frozen copy of the weights, synced
 * every K steps, is the target network of Double DQN (H. van Hasselt, A. Guez, D. Silver, "Deep
 * Reinforcement Learning with Double Q-learning", AAAI 2016).
 *
 * <p>Weights are initialised from an injected generator (Xavier uniform), so runs are reproducible
 * without touching the engine's global seed.
 */
public final class QNetwork implements AutoCloseable {
  private final Mlp online;
  private float[][] target;

  /**
   * Builds and initialises the network.
   *
   * @param features the length of a feature row
   * @param hidden the width of the two hidden layers
   * @param learningRate Adam's learning rate
   * @param random the source of the initial weights
   */
  public QNetwork(int features, int hidden, float learningRate, RandomGenerator random) {
    online = new Mlp("dnt-caching-q", features, hidden, learningRate, random);
    target = online.weightsCopy();
  }

  /**
   * The feature-row length.
   *
   * @return F
   */
  public int features() {
    return online.inputs();
  }

  /**
   * Q values of a state's candidate rows under the online network.
   *
   * @param rows n rows of F features, flattened
   * @param n the number of rows
   * @param out receives n values
   */
  public void scores(float[] rows, int n, double[] out) {
    int f = features();
    for (int r = 0; r < n; r++) {
      out[r] = online.score(rows, r * f);
    }
  }

  /**
   * Q values under the target network.
   *
   * @param rows n rows of F features, flattened
   * @param n the number of rows
   * @param out receives n values
   */
  public void targetScores(float[] rows, int n, double[] out) {
    int f = features();
    for (int r = 0; r < n; r++) {
      out[r] = online.scoreWith(target, rows, r * f);
    }
  }

  /**
   * One gradient step of the L2 loss between Q(rows) and the targets.
   *
   * @param rows the chosen actions' feature rows, flattened
   * @param targets one target per row
   * @return the loss
   */
  public float train(float[] rows, float[] targets) {
    int n = targets.length;
    int f = features();
    return online.step(
        (m, forward) -> {
          NDArray q = forward.apply(m.create(rows, new Shape(n, f)));
          NDArray y = m.create(targets, new Shape(n, 1)).reshape(q.getShape());
          // DJL's L2Loss, (y - q)^2 * 0.5 averaged, with its weight held by the step's manager:
          // L2Loss passes the weight as a Number, which DJL wraps in a tensor whose Java buffer
          // the garbage collector may free before the backward pass reads it
          return y.sub(q).square().mul(m.create(0.5f)).mean();
        });
  }

  /** Copies the online weights into the target network. */
  public void syncTarget() {
    target = online.weightsCopy();
  }

  /**
   * The online weights, flattened (for tests and checkpoints).
   *
   * @return a copy
   */
  public float[] weights() {
    return online.weights();
  }

  @Override
  public void close() {
    online.close();
  }
}
