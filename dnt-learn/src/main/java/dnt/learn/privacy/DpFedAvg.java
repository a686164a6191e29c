package dnt.learn.privacy;

import dnt.core.util.Seeds;
import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * DP-FedAvg with central (server-side) Gaussian noise (McMahan, Ramage, Talwar and Zhang, "Learning
 * Differentially Private Recurrent Language Models", ICLR 2018). Each sampled client's update is
 * clipped to norm C, the server sums the clipped updates, adds {@code N(0, (z C)^2 I)} and divides
 * by the expected number of clients {@code q N} (the fixed-denominator estimator, which keeps the
 * sensitivity at C / qN). Client sampling is done by the caller with a {@link ClientSampler}; the
 * privacy spent is tracked by an {@link RdpAccountant} that this rule feeds one step per round.
 * With {@link AdaptiveClipping} the clipping norm follows a target quantile of the update norms.
 */
public final class DpFedAvg implements AggregationRule {
  private final double noiseMultiplier;
  private final double fixedClip;
  private final @Nullable AdaptiveClipping adaptive;
  private final double expectedClients;
  private final double samplingRate;
  private final RdpAccountant accountant = new RdpAccountant();

  private DpFedAvg(
      double noiseMultiplier,
      double fixedClip,
      @Nullable AdaptiveClipping adaptive,
      double expectedClients,
      double samplingRate) {
    if (!(noiseMultiplier >= 0)
        || (!(expectedClients > 0) && !Double.isNaN(expectedClients))
        || !(samplingRate > 0 && samplingRate <= 1)) {
      throw new IllegalArgumentException(
          "dp-fedavg needs noise >= 0, expected clients > 0 and a sampling rate in (0, 1]");
    }
    this.noiseMultiplier = noiseMultiplier;
    this.fixedClip = fixedClip;
    this.adaptive = adaptive;
    this.expectedClients = expectedClients;
    this.samplingRate = samplingRate;
  }

  /**
   * DP-FedAvg with a fixed clipping norm.
   *
   * @param noiseMultiplier z, the noise standard deviation over C (0 disables the noise)
   * @param clip the clipping norm C, positive
   * @param expectedClients the expected number of clients per round, qN; NaN to divide by the
   *     number of updates received (all clients take part)
   * @param samplingRate q, for the accountant
   * @return the rule
   */
  public static DpFedAvg fixed(
      double noiseMultiplier, double clip, double expectedClients, double samplingRate) {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("clipping norm must be positive, got " + clip);
    }
    return new DpFedAvg(noiseMultiplier, clip, null, expectedClients, samplingRate);
  }

  /**
   * DP-FedAvg with an adaptive clipping norm.
   *
   * @param noiseMultiplier z
   * @param clipping the adaptive schedule
   * @param expectedClients qN
   * @param samplingRate q
   * @return the rule
   */
  public static DpFedAvg adaptive(
      double noiseMultiplier,
      AdaptiveClipping clipping,
      double expectedClients,
      double samplingRate) {
    return new DpFedAvg(
        noiseMultiplier,
        Double.NaN,
        java.util.Objects.requireNonNull(clipping),
        expectedClients,
        samplingRate);
  }

  @Override
  public String name() {
    return "dp-fedavg";
  }

  /**
   * The clipping norm the next round uses.
   *
   * @return C
   */
  public double clip() {
    return adaptive == null ? fixedClip : adaptive.clip();
  }

  /**
   * The privacy spent so far.
   *
   * @param delta the target delta
   * @return the (epsilon, delta) guarantee
   */
  public RdpAccountant.Guarantee privacySpent(double delta) {
    return accountant.epsilon(delta);
  }

  @Override
  public synchronized double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    int d = context.globalModel().length;
    double c = clip();
    double[] sum = new double[d];
    double[] norms = new double[updates.size()];
    for (int i = 0; i < updates.size(); i++) {
      UpdateVector x = updates.get(i).delta();
      double ss = 0;
      for (int j = 0; j < x.dimension(); j++) {
        double v = x.get(j);
        ss += v * v;
      }
      norms[i] = Math.sqrt(ss);
      double s = norms[i] > c ? c / norms[i] : 1.0;
      x.addScaled(s, sum, 0, d);
    }
    double sd = noiseMultiplier * c;
    RandomGenerator rng = Seeds.generator(Seeds.derive(context.seed(), 0xD9));
    double denominator = Double.isNaN(expectedClients) ? updates.size() : expectedClients;
    double inv = 1.0 / denominator;
    for (int j = 0; j < d; j++) {
      double noise = sd > 0 ? sd * rng.nextGaussian() : 0;
      sum[j] = (sum[j] + noise) * inv;
    }
    if (noiseMultiplier > 0) {
      accountant.step(samplingRate, noiseMultiplier, 1);
    }
    if (adaptive != null) {
      adaptive.update(norms, denominator, context.seed());
    }
    return sum;
  }
}
