package dnt.learn.deploy.agent;

import dnt.core.InvalidInputException;
import java.util.Objects;

/**
 * PPO's hyper-parameters for the hybrid agent.
 *
 * @param hidden width of the two graph convolutional layers
 * @param updates policy updates (iterations of collect-then-optimise)
 * @param episodesPerUpdate episodes collected per update
 * @param epochs optimisation passes over each batch
 * @param learningRate Adam's step size
 * @param clip PPO's clip range epsilon
 * @param gamma discount
 * @param lambda GAE's lambda (Schulman et al. 2016)
 * @param valueCoef weight of the value loss
 * @param entropyCoef weight of the entropy bonus
 * @param initLogStd initial log standard deviation of the Gaussian heads
 * @param maxGradNorm global gradient-norm clip
 * @param unit what one decision is: the joint action of a state or each node's action ({@link
 *     PpoUnit})
 * @param sparse propagate over the graph sparsely ({@link Propagation#sparse}, cost linear in the
 *     edges) rather than with the dense {@code n x n} matrix
 */
public record PpoConfig(
    int hidden,
    int updates,
    int episodesPerUpdate,
    int epochs,
    double learningRate,
    double clip,
    double gamma,
    double lambda,
    double valueCoef,
    double entropyCoef,
    double initLogStd,
    double maxGradNorm,
    PpoUnit unit,
    boolean sparse) {
  /** Checks the values. */
  public PpoConfig {
    Objects.requireNonNull(unit, "unit");
    if (hidden < 1 || updates < 1 || episodesPerUpdate < 1 || epochs < 1) {
      throw new InvalidInputException(
          "hidden, updates, episodesPerUpdate and epochs must be at least 1");
    }
    if (!(learningRate > 0) || !(clip > 0) || !(maxGradNorm > 0)) {
      throw new InvalidInputException("learningRate, clip and maxGradNorm must be positive");
    }
    if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      throw new InvalidInputException("gamma and lambda must be in [0, 1]");
    }
    if (!(valueCoef >= 0) || !(entropyCoef >= 0) || Double.isNaN(initLogStd)) {
      throw new InvalidInputException("valueCoef and entropyCoef must be non-negative");
    }
  }

  /**
   * The original agent's settings: joint decisions and the dense encoder.
   *
   * @param hidden width of the two graph convolutional layers
   * @param updates policy updates
   * @param episodesPerUpdate episodes collected per update
   * @param epochs optimisation passes over each batch
   * @param learningRate Adam's step size
   * @param clip PPO's clip range epsilon
   * @param gamma discount
   * @param lambda GAE's lambda
   * @param valueCoef weight of the value loss
   * @param entropyCoef weight of the entropy bonus
   * @param initLogStd initial log standard deviation of the Gaussian heads
   * @param maxGradNorm global gradient-norm clip
   */
  public PpoConfig(
      int hidden,
      int updates,
      int episodesPerUpdate,
      int epochs,
      double learningRate,
      double clip,
      double gamma,
      double lambda,
      double valueCoef,
      double entropyCoef,
      double initLogStd,
      double maxGradNorm) {
    this(
        hidden,
        updates,
        episodesPerUpdate,
        epochs,
        learningRate,
        clip,
        gamma,
        lambda,
        valueCoef,
        entropyCoef,
        initLogStd,
        maxGradNorm,
        PpoUnit.JOINT,
        false);
  }

  /**
   * The same with another decision unit and encoder.
   *
   * @param u the unit
   * @param sparseEncoder whether to propagate sparsely
   * @return the changed configuration
   */
  public PpoConfig with(PpoUnit u, boolean sparseEncoder) {
    return new PpoConfig(
        hidden,
        updates,
        episodesPerUpdate,
        epochs,
        learningRate,
        clip,
        gamma,
        lambda,
        valueCoef,
        entropyCoef,
        initLogStd,
        maxGradNorm,
        u,
        sparseEncoder);
  }

  /**
   * Defaults: 32 hidden, 60 updates of 8 episodes, 4 epochs, Adam 3e-3, clip 0.2, gamma 0.95,
   * lambda 0.95, value 0.5, entropy 0.001, initial sigma 0.5, gradient norm 0.5; joint decisions
   * and the dense encoder (the original agent).
   *
   * @return the defaults
   */
  public static PpoConfig defaults() {
    return new PpoConfig(32, 60, 8, 4, 3e-3, 0.2, 0.95, 0.95, 0.5, 0.001, Math.log(0.5), 0.5);
  }

  /**
   * The same with another number of updates.
   *
   * @param n updates
   * @return the changed configuration
   */
  public PpoConfig withUpdates(int n) {
    return new PpoConfig(
        hidden,
        n,
        episodesPerUpdate,
        epochs,
        learningRate,
        clip,
        gamma,
        lambda,
        valueCoef,
        entropyCoef,
        initLogStd,
        maxGradNorm,
        unit,
        sparse);
  }
}
