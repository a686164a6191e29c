package dnt.learn.deploy.agent;

/**
 * The arithmetic of the hybrid action, in plain Java: what the training code computes on arrays,
 * written out once per node so it can be checked by hand.
 *
 * <p>A node's action is a category {@code c} drawn from {@code softmax(logits)} and two continuous
 * values, each {@code a = (tanh z + 1) / 2} in (0, 1) for {@code z ~ N(mu, sigma^2)}: a Gaussian
 * squashed as in soft actor-critic (Haarnoja et al. 2018, appendix C) and shifted onto [0, 1]. Its
 * log-density is {@code log softmax(logits)_c + sum over the two heads of [log N(z; mu, sigma) -
 * log((1 - tanh^2 z) / 2)]}, the last term the change of variables from z to a. A joint action's
 * log-probability is the sum over nodes (the heads are independent given the state). In PPO's ratio
 * the change-of-variables terms cancel, since the old and new policy are evaluated at the same z.
 */
public final class HybridMath {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private HybridMath() {}

  /**
   * The squashing map.
   *
   * @param z the Gaussian draw
   * @return {@code (tanh z + 1) / 2}
   */
  public static double squash(double z) {
    return (Math.tanh(z) + 1) / 2;
  }

  /**
   * {@code log((1 - tanh^2 z) / 2)}, the log-derivative of {@link #squash}, computed stably as
   * {@code 2 (log 2 - z - softplus(-2 z)) - log 2}.
   *
   * @param z the Gaussian draw
   * @return the log-derivative
   */
  public static double logSquashDerivative(double z) {
    double softplus = Math.max(-2 * z, 0) + Math.log1p(Math.exp(-Math.abs(2 * z)));
    return 2 * (Math.log(2) - z - softplus) - Math.log(2);
  }

  /**
   * The log-density of a Gaussian.
   *
   * @param z the value
   * @param mu the mean
   * @param logSigma the log standard deviation
   * @return {@code log N(z; mu, sigma^2)}
   */
  public static double logNormal(double z, double mu, double logSigma) {
    double u = (z - mu) / Math.exp(logSigma);
    return -0.5 * u * u - logSigma - HALF_LOG_TWO_PI;
  }

  /**
   * The log-probability of one node's hybrid action.
   *
   * @param logits the category logits
   * @param category the chosen category
   * @param mu the two heads' means (pre-squash)
   * @param logSigma the two heads' log standard deviations
   * @param z the two heads' draws (pre-squash)
   * @return the log-density of (category, squash(z))
   */
  public static double logProb(
      double[] logits, int category, double[] mu, double[] logSigma, double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    double lp = logits[category] - max - Math.log(sum);
    for (int k = 0; k < z.length; k++) {
      lp += logNormal(z[k], mu[k], logSigma[k]) - logSquashDerivative(z[k]);
    }
    return lp;
  }

  /**
   * PPO's clipped surrogate for one sample (Schulman et al. 2017, eq. 7): {@code min(r A, clip(r, 1
   * - eps, 1 + eps) A)}.
   *
   * @param ratio {@code pi_new(a|s) / pi_old(a|s)}
   * @param advantage the advantage estimate
   * @param epsilon the clip range
   * @return the surrogate (to be maximised)
   */
  public static double clippedObjective(double ratio, double advantage, double epsilon) {
    double clipped = Math.max(1 - epsilon, Math.min(1 + epsilon, ratio));
    return Math.min(ratio * advantage, clipped * advantage);
  }
}
