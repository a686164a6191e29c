package dnt.learn.privacy;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Renyi differential privacy (RDP) accountant for the sampled Gaussian mechanism (Mironov, Talwar
 * and Zhang, "Renyi Differential Privacy of the Sampled Gaussian Mechanism", 2019), as used for
 * DP-SGD and DP-FedAvg: each step samples every record (here: client) with probability q, clips its
 * contribution to norm C and adds Gaussian noise of standard deviation {@code z * C}. RDP composes
 * additively over steps; the total is converted to {@code (epsilon, delta)} at the best order.
 *
 * <p>Integer orders use the exact binomial expansion (Mironov et al. Sec. 3.3); fractional orders
 * use the two-sided series with complementary error functions (Sec. 3.2), summed in log space until
 * the terms fall below {@code e^-30}. The conversion is the one of Balle et al., "Hypothesis
 * Testing Interpretations and Renyi Differential Privacy" (AISTATS 2020), Theorem 21, which Opacus
 * uses: {@code eps = rdp + log((a-1)/a) - (log delta + log a) / (a - 1)}; {@link #epsilonClassic}
 * gives Mironov's original {@code rdp + log(1/delta) / (a - 1)} (always larger).
 */
public final class RdpAccountant {
  /** The default orders: 1.25 to 10.9 by 0.1-ish steps, 12 to 63, and 128, 256 (as Opacus). */
  public static final double[] DEFAULT_ORDERS = defaultOrders();

  private final double[] orders;
  private final double[] rdp;

  /** An accountant with the default orders and nothing spent. */
  public RdpAccountant() {
    this(DEFAULT_ORDERS);
  }

  /**
   * An accountant over given orders.
   *
   * @param orders the Renyi orders, each greater than 1
   */
  public RdpAccountant(double[] orders) {
    for (double a : orders) {
      if (!(a > 1)) {
        throw new IllegalArgumentException("Renyi orders must be > 1, got " + a);
      }
    }
    this.orders = orders.clone();
    this.rdp = new double[orders.length];
  }

  /**
   * The (epsilon, delta) guarantee and the order that achieves it.
   *
   * @param epsilon the privacy loss
   * @param delta the failure probability
   * @param order the optimal Renyi order
   */
  public record Guarantee(double epsilon, double delta, double order) {}

  /**
   * Records {@code steps} applications of the sampled Gaussian mechanism.
   *
   * @param samplingRate q in [0, 1]
   * @param noiseMultiplier z, the noise standard deviation over the clipping norm, positive
   * @param steps the number of steps
   * @return this accountant
   */
  public synchronized RdpAccountant step(double samplingRate, double noiseMultiplier, int steps) {
    for (int k = 0; k < orders.length; k++) {
      rdp[k] += steps * rdpOfSampledGaussian(samplingRate, noiseMultiplier, orders[k]);
    }
    return this;
  }

  /**
   * The best epsilon for a delta over the orders (Balle et al. 2020 conversion).
   *
   * @param delta the target delta in (0, 1)
   * @return the guarantee
   */
  public synchronized Guarantee epsilon(double delta) {
    return convert(delta, false);
  }

  /**
   * The best epsilon for a delta with Mironov's original conversion {@code rdp + log(1/delta) / (a
   * - 1)}.
   *
   * @param delta the target delta in (0, 1)
   * @return the guarantee
   */
  public synchronized Guarantee epsilonClassic(double delta) {
    return convert(delta, true);
  }

  private Guarantee convert(double delta, boolean classic) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
    }
    double best = Double.POSITIVE_INFINITY;
    double bestOrder = Double.NaN;
    for (int k = 0; k < orders.length; k++) {
      double a = orders[k];
      double eps =
          classic
              ? rdp[k] + Math.log(1 / delta) / (a - 1)
              : rdp[k] + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
      if (eps < best) {
        best = eps;
        bestOrder = a;
      }
    }
    return new Guarantee(Math.max(0, best), delta, bestOrder);
  }

  /**
   * The smallest noise multiplier whose {@code steps} steps at sampling rate q stay within
   * (epsilon, delta) under {@link #epsilon}: bisection on z (epsilon falls as z grows), to a
   * relative precision of 1e-6, the answer rounded up so that the guarantee holds.
   *
   * @param epsilon the target epsilon, positive
   * @param delta the target delta in (0, 1)
   * @param samplingRate q in (0, 1]
   * @param steps the number of steps, at least 1
   * @return z
   * @throws IllegalArgumentException if no z up to 1e6 reaches the target
   */
  public static double noiseMultiplier(
      double epsilon, double delta, double samplingRate, int steps) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon) || steps < 1) {
      throw new IllegalArgumentException("need epsilon > 0 and steps >= 1");
    }
    double low = 1e-3;
    double high = 1e6;
    if (spent(high, delta, samplingRate, steps) > epsilon) {
      throw new IllegalArgumentException("no noise multiplier reaches epsilon " + epsilon);
    }
    if (spent(low, delta, samplingRate, steps) <= epsilon) {
      return low;
    }
    while (high / low > 1 + 1e-6) {
      double mid = Math.sqrt(low * high);
      if (spent(mid, delta, samplingRate, steps) <= epsilon) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  private static double spent(double z, double delta, double q, int steps) {
    return new RdpAccountant().step(q, z, steps).epsilon(delta).epsilon();
  }

  /**
   * The RDP of one step of the sampled Gaussian mechanism at order alpha.
   *
   * @param q the sampling rate in [0, 1]
   * @param sigma the noise multiplier, positive
   * @param alpha the order, greater than 1
   * @return the RDP epsilon at that order
   */
  public static double rdpOfSampledGaussian(double q, double sigma, double alpha) {
    if (!(q >= 0 && q <= 1) || !(sigma > 0) || !(alpha > 1)) {
      throw new IllegalArgumentException("need q in [0, 1], sigma > 0 and alpha > 1");
    }
    if (q == 0) {
      return 0;
    }
    if (q == 1) {
      return alpha / (2 * sigma * sigma);
    }
    if (Double.isInfinite(alpha)) {
      return Double.POSITIVE_INFINITY;
    }
    double logA =
        alpha == Math.rint(alpha)
            ? logAInteger(q, sigma, (int) alpha)
            : logAFraction(q, sigma, alpha);
    return logA / (alpha - 1);
  }

  /** log A_alpha for integer alpha by the binomial expansion. */
  static double logAInteger(double q, double sigma, int alpha) {
    double logA = Double.NEGATIVE_INFINITY;
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    for (int i = 0; i <= alpha; i++) {
      double logCoef = logBinomial(alpha, i) + i * logQ + (alpha - i) * log1mQ;
      double s = logCoef + (i * (double) i - i) / (2 * sigma * sigma);
      logA = logAdd(logA, s);
    }
    return logA;
  }

  /** log A_alpha for fractional alpha by the two-sided erfc series. */
  static double logAFraction(double q, double sigma, double alpha) {
    double logA0 = Double.NEGATIVE_INFINITY;
    double logA1 = Double.NEGATIVE_INFINITY;
    double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
    double coef = 1; // binomial(alpha, i), built iteratively; may be negative
    double s2 = Math.sqrt(2) * sigma;
    for (int i = 0; ; i++) {
      if (i > 0) {
        coef *= (alpha - (i - 1)) / i;
      }
      if (coef == 0) {
        break;
      }
      double logCoef = Math.log(Math.abs(coef));
      double j = alpha - i;
      double logT0 = logCoef + i * Math.log(q) + j * Math.log1p(-q);
      double logT1 = logCoef + j * Math.log(q) + i * Math.log1p(-q);
      double logE0 = Math.log(0.5) + logErfc((i - z0) / s2);
      double logE1 = Math.log(0.5) + logErfc((z0 - j) / s2);
      double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
      double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
      if (coef > 0) {
        logA0 = logAdd(logA0, logS0);
        logA1 = logAdd(logA1, logS1);
      } else {
        logA0 = logSub(logA0, logS0);
        logA1 = logSub(logA1, logS1);
      }
      if (Math.max(logS0, logS1) < -30 || i > 10_000) {
        break;
      }
    }
    return logAdd(logA0, logA1);
  }

  /** log(erfc(x)), accurate for large positive x by the asymptotic expansion. */
  static double logErfc(double x) {
    if (x < 5) {
      return Math.log(Erf.erfc(x));
    }
    double r = 1 / (x * x);
    // erfc(x) ~ exp(-x^2) / (x sqrt(pi)) * (1 - 1/(2x^2) + 3/(4x^4) - 15/(8x^6) + 105/(16x^8))
    double series = 1 - r / 2 + 3 * r * r / 4 - 15 * r * r * r / 8 + 105 * r * r * r * r / 16;
    return -x * x - Math.log(x) - 0.5 * Math.log(Math.PI) + Math.log(series);
  }

  static double logBinomial(int n, int k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  private static double logFactorial(int n) {
    return org.apache.commons.math3.special.Gamma.logGamma(n + 1.0);
  }

  static double logAdd(double a, double b) {
    double hi = Math.max(a, b);
    double lo = Math.min(a, b);
    if (hi == Double.NEGATIVE_INFINITY) {
      return hi;
    }
    return hi + Math.log1p(Math.exp(lo - hi));
  }

  static double logSub(double a, double b) {
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    if (a <= b) {
      // the series terms are tiny here; a negative intermediate cannot be represented in logs
      return Double.NEGATIVE_INFINITY;
    }
    return a + Math.log1p(-Math.exp(b - a));
  }

  private static double[] defaultOrders() {
    java.util.List<Double> list = new java.util.ArrayList<>();
    for (int x = 1; x <= 100; x++) {
      list.add(1 + x / 10.0);
    }
    for (int a = 12; a < 64; a++) {
      list.add((double) a);
    }
    list.add(128.0);
    list.add(256.0);
    double[] o = list.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(o);
    return o;
  }
}
