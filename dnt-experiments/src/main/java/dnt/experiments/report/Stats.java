package dnt.experiments.report;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Summary statistics over replications: the mean with a two-sided 95% Student-t confidence
 * interval, and the interval of the mean of paired differences (the same seed under two methods),
 * which is what a verdict "A beats B" rests on (Student 1908; any text on the paired t-test, e.g.
 * Montgomery, Design and Analysis of Experiments, Sec. 2.5.1). With one replication there is no
 * interval: {@link MeanCi#hasInterval()} is false and the reports print the mean alone.
 */
public final class Stats {
  private Stats() {}

  /**
   * A mean and the half-width of its 95% confidence interval.
   *
   * @param mean the sample mean
   * @param halfWidth the half-width, or NaN when there is no interval (fewer than two values)
   * @param n the sample size
   */
  public record MeanCi(double mean, double halfWidth, int n) {
    /**
     * Whether there is an interval (two or more finite values).
     *
     * @return true when the half-width is finite
     */
    public boolean hasInterval() {
      return n >= 2 && Double.isFinite(halfWidth);
    }

    /**
     * Lower bound.
     *
     * @return mean - halfWidth, or the mean when there is no interval
     */
    public double low() {
      return hasInterval() ? mean - halfWidth : mean;
    }

    /**
     * Upper bound.
     *
     * @return mean + halfWidth, or the mean when there is no interval
     */
    public double high() {
      return hasInterval() ? mean + halfWidth : mean;
    }

    /**
     * Whether the whole interval lies below x (false without an interval).
     *
     * @param x the bound
     * @return high &lt; x
     */
    public boolean below(double x) {
      return hasInterval() && high() < x;
    }

    /**
     * Whether the whole interval lies above x (false without an interval).
     *
     * @param x the bound
     * @return low &gt; x
     */
    public boolean above(double x) {
      return hasInterval() && low() > x;
    }

    /**
     * "mean ± halfWidth", or the mean alone when there is no interval.
     *
     * @param format the number format, e.g. {@code "%.4f"}
     * @return the text
     */
    public String format(String format) {
      String m = String.format(Locale.ROOT, format, mean);
      return hasInterval() ? m + " ± " + String.format(Locale.ROOT, format, halfWidth) : m;
    }

    /**
     * The half-width for a CSV cell: empty when there is no interval.
     *
     * @param format the number format
     * @return the text
     */
    public String halfWidthCsv(String format) {
      return hasInterval() ? String.format(Locale.ROOT, format, halfWidth) : "";
    }
  }

  /**
   * The two-sided quantile of Student's t distribution, computed (regularised incomplete beta
   * inversion, Apache Commons Math), for any number of degrees of freedom.
   *
   * @param p the cumulative probability, in (0, 1)
   * @param degreesOfFreedom at least 1
   * @return t with P(T &lt;= t) = p
   */
  public static double tQuantile(double p, int degreesOfFreedom) {
    if (!(p > 0 && p < 1) || degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "need p in (0, 1) and degrees of freedom >= 1, got " + p + ", " + degreesOfFreedom);
    }
    return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(p);
  }

  /**
   * Mean with a two-sided 95% Student-t confidence interval: mean ± t(0.975, n-1) s / sqrt(n).
   *
   * @param values the replications' values
   * @return the summary; no interval (NaN half-width) for fewer than two values
   */
  public static MeanCi meanCi95(double... values) {
    int n = values.length;
    if (n == 0) {
      return new MeanCi(Double.NaN, Double.NaN, 0);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n < 2) {
      return new MeanCi(mean, Double.NaN, n);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    return new MeanCi(mean, tQuantile(0.975, n - 1) * sd / Math.sqrt(n), n);
  }

  /**
   * The 95% interval of the mean of the paired differences a[i] - b[i] (a[i] and b[i] measured on
   * the same seed): the paired t-interval. Unlike comparing two means' intervals, it removes the
   * seed-to-seed variation the two methods share.
   *
   * @param a the first method's values, one per seed
   * @param b the second method's values, in the same seed order
   * @return the mean difference a - b and its interval (none for one seed)
   */
  public static MeanCi pairedDifference95(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "paired values need as many a as b, got " + a.length + " and " + b.length);
    }
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    return meanCi95(d);
  }

  /**
   * A verdict on "a is lower than b" from the paired difference a - b: {@link Verdict#of} with
   * {@link Verdict.Direction#LOWER}; "holds" when its whole 95% interval is below zero, "does not
   * hold" when above, "inconclusive" when it contains zero, and with one seed the direction only,
   * marked as such.
   *
   * @param diff the paired difference a - b
   * @param format the number format of the difference
   * @return the verdict and the difference, e.g. {@code holds (paired difference -0.012 ± 0.004)}
   */
  public static String lowerVerdict(MeanCi diff, String format) {
    return Verdict.of(diff, Verdict.Direction.LOWER, format).text();
  }
}
