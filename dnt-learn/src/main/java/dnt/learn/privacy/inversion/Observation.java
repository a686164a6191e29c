package dnt.learn.privacy.inversion;

import dnt.learn.forecast.Mlp;
import java.util.Objects;

/**
 * What a curious server holds when it attacks one client: the global model it sent, the update the
 * client sent back (as decoded), and the client's local step: one step of plain SGD (FedSGD) with a
 * known learning rate on a batch of known size, so that the update is {@code -learningRate} times
 * the batch-mean gradient of the squared error (McMahan et al. 2017; the setting of Zhu et al. 2019
 * and Geiping et al. 2020).
 *
 * @param model the forecaster's network
 * @param weights the global model's flat weights
 * @param update the client's update as the server decoded it, one value per weight
 * @param learningRate the client's SGD step size, positive
 * @param batchSize the number of windows in the client's batch, at least 1
 */
public record Observation(
    Mlp model, float[] weights, double[] update, double learningRate, int batchSize) {
  /** Checks the shapes. */
  public Observation {
    Objects.requireNonNull(model, "model");
    weights = weights.clone();
    update = update.clone();
    if (weights.length != model.parameterCount() || update.length != weights.length) {
      throw new IllegalArgumentException(
          "the model has "
              + model.parameterCount()
              + " weights; got "
              + weights.length
              + " weights and an update of "
              + update.length);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  @Override
  public double[] update() {
    return update.clone();
  }

  /**
   * The batch-mean gradient the update implies: {@code -update / learningRate}.
   *
   * @return the gradient, one value per weight
   */
  public double[] gradient() {
    double[] g = new double[update.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = -update[i] / learningRate;
    }
    return g;
  }
}
