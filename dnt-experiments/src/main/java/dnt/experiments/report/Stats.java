package dnt.experiments.report;

import org.apache.commons.math3.distribution.TDistribution;

/** Summary statistics over replications: mean and a Student-t 95% confidence interval. */
public final class Stats {
  private Stats() {}

  /**
   * Mean and half-width of the 95% confidence interval of a sample.
   *
   * @param mean the sample mean
   * @param halfWidth the half-width (0 for fewer than two values)
   * @param n the sample size
   */
  public record MeanCi(double mean, double halfWidth, int n) {
    /**
     * Lower bound.
     *
     * @return mean - halfWidth
     */
    public double low() {
      return mean - halfWidth;
    }

    /**
     * Upper bound.
     *
     * @return mean + halfWidth
     */
    public double high() {
      return mean + halfWidth;
    }
  }

  /**
   * Mean with a two-sided 95% Student-t confidence interval.
   *
   * @param values the replications' values
   * @return the summary
   */
  public static MeanCi meanCi95(double... values) {
    int n = values.length;
    if (n == 0) {
      return new MeanCi(Double.NaN, 0, 0);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n < 2) {
      return new MeanCi(mean, 0, n);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
    return new MeanCi(mean, t * sd / Math.sqrt(n), n);
  }
}
