package dnt.learn.privacy;

import dnt.core.util.Seeds;
import java.util.random.RandomGenerator;

/**
 * Adaptive clipping norm (Andrew, Thakkar, McMahan and Ramaswamy, "Differentially Private Learning
 * with Adaptive Clipping", NeurIPS 2021): after each round, {@code C <- C * exp(-eta * (b -
 * gamma))} where b is the (noisy) fraction of clients whose update norm was at most C and gamma the
 * target quantile. The count is privatised with Gaussian noise of standard deviation {@code
 * countNoiseStd}. Defaults (Flower): {@code C0 = 0.1}, {@code gamma = 0.5}, {@code eta = 0.2},
 * count noise = expected clients / 20.
 */
public final class AdaptiveClipping {
  private final double targetQuantile;
  private final double learningRate;
  private final double countNoiseStd;
  private double clip;

  /**
   * Creates the schedule.
   *
   * @param initialClip C0, positive
   * @param targetQuantile gamma in (0, 1)
   * @param learningRate eta, positive
   * @param countNoiseStd the standard deviation of the noise on the count of unclipped clients
   */
  public AdaptiveClipping(
      double initialClip, double targetQuantile, double learningRate, double countNoiseStd) {
    if (!(initialClip > 0)
        || !(targetQuantile > 0 && targetQuantile < 1)
        || !(learningRate > 0)
        || !(countNoiseStd >= 0)) {
      throw new IllegalArgumentException("invalid adaptive clipping settings");
    }
    this.clip = initialClip;
    this.targetQuantile = targetQuantile;
    this.learningRate = learningRate;
    this.countNoiseStd = countNoiseStd;
  }

  /**
   * Flower's defaults for an expected number of clients per round.
   *
   * @param expectedClients the expected number of sampled clients
   * @return the schedule
   */
  public static AdaptiveClipping defaults(double expectedClients) {
    return new AdaptiveClipping(0.1, 0.5, 0.2, expectedClients / 20.0);
  }

  /**
   * The current clipping norm.
   *
   * @return C
   */
  public synchronized double clip() {
    return clip;
  }

  /**
   * Updates C from the norms of one round's updates.
   *
   * @param norms the norms of the clients' (unclipped) updates
   * @param expectedClients the fixed denominator (expected number of clients)
   * @param seed the round's seed for the count noise
   * @return the new C
   */
  public synchronized double update(double[] norms, double expectedClients, long seed) {
    double below = 0;
    for (double x : norms) {
      if (x <= clip) {
        below++;
      }
    }
    RandomGenerator rng = Seeds.generator(Seeds.derive(seed, 0xC11F));
    double noisy = below + countNoiseStd * rng.nextGaussian();
    double fraction = noisy / expectedClients;
    clip *= Math.exp(-learningRate * (fraction - targetQuantile));
    return clip;
  }
}
