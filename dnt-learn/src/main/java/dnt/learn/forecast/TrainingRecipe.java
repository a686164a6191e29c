package dnt.learn.forecast;

import java.util.Locale;
import java.util.Objects;

/**
 * How a model is trained locally: epochs over the samples in mini-batches of mean squared error,
 * with SGD with momentum or Adam. Optimizer state (momentum, Adam moments) starts from zero at
 * every {@link Forecaster#fit} call, so in federated learning it resets every round.
 *
 * @param epochs passes over the samples (at least 1)
 * @param batchSize samples per step (at least 1); the last batch may be smaller
 * @param optimizer the optimizer
 * @param learningRate the step size (positive)
 * @param momentum SGD momentum in [0, 1) (ignored by Adam)
 * @param shuffle shuffle the samples every epoch (seeded); false keeps time order
 */
public record TrainingRecipe(
    int epochs,
    int batchSize,
    Optimizer optimizer,
    double learningRate,
    double momentum,
    boolean shuffle) {

  /** The optimizers. */
  public enum Optimizer {
    /** Stochastic gradient descent with (heavy-ball, PyTorch-style) momentum. */
    SGD,
    /** Adam (Kingma and Ba, ICLR 2015) with beta1 0.9, beta2 0.999, epsilon 1e-8. */
    ADAM;

    /**
     * Parses a name case-insensitively.
     *
     * @param name "sgd" or "adam"
     * @return the optimizer
     */
    public static Optimizer parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (sgd or adam)", e);
      }
    }
  }

  /** Checks the fields. */
  public TrainingRecipe {
    Objects.requireNonNull(optimizer, "optimizer");
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
  }

  /**
   * The FedDA protocol's local recipe: 1 epoch, batch 20, SGD lr 0.01 momentum 0.9, no shuffling.
   *
   * @return the recipe
   */
  public static TrainingRecipe fedda() {
    return new TrainingRecipe(1, 20, Optimizer.SGD, 0.01, 0.9, false);
  }

  /**
   * The same recipe with another number of epochs.
   *
   * @param e the epochs
   * @return the recipe
   */
  public TrainingRecipe withEpochs(int e) {
    return new TrainingRecipe(e, batchSize, optimizer, learningRate, momentum, shuffle);
  }
}
