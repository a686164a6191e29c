package dnt.learn.robust;

/**
 * How {@link TwinInconsistencyDefense} (TID) builds its per-coordinate acceptance band from the n
 * values of one coordinate. The paper (Sec. IV-C) names percentile range, standard deviation, IQR
 * and z-score rules; the MAD rule is the robust counterpart of the standard-deviation rule. There
 * is no z-score ({@code mean +- z * std}) band: outliers inflate the standard deviation they are
 * measured against and mask themselves. k equal outliers among n values sit {@code sqrt((n - k) /
 * k)} standard deviations from the mean (2.35 for 2 of 13), inside a 3-sigma band however large
 * they are, so no z-score band is robust to a minority of two.
 */
public enum BandRule {
  /**
   * {@code [q_p, q_(1-p)]}, the p-th and (100-p)-th percentiles (linear interpolation); the
   * parameter is p in percent (default 10).
   */
  PERCENTILE(10),
  /**
   * {@code median +- k * 1.4826 * MAD} (normal-consistent median absolute deviation); the parameter
   * is k (default 3).
   */
  MAD(3),
  /** {@code [Q1 - k * IQR, Q3 + k * IQR]} (Tukey's fences); the parameter is k (default 1.5). */
  IQR(1.5);

  private final double defaultParameter;

  BandRule(double defaultParameter) {
    this.defaultParameter = defaultParameter;
  }

  /**
   * The rule's default parameter.
   *
   * @return p for PERCENTILE, k for MAD and IQR
   */
  public double defaultParameter() {
    return defaultParameter;
  }

  /**
   * Computes the band of {@code values[from, from+n)}; the slice is not modified.
   *
   * @param values the values
   * @param from the offset
   * @param n the count
   * @param parameter the rule's parameter
   * @param selector a selector for columns of at least n values
   * @param low receives the band's lower end at {@code low[index]}
   * @param index where to store the lower end
   * @return the band's upper end
   */
  double band(
      double[] values,
      int from,
      int n,
      double parameter,
      ColumnSelector selector,
      double[] low,
      int index) {
    switch (this) {
      case PERCENTILE -> {
        double p = parameter / 100.0;
        low[index] = selector.quantile(values, from, n, p);
        return selector.quantile(values, from, n, 1 - p);
      }
      case MAD -> {
        double med = selector.median(values, from, n);
        double mad = 1.4826 * selector.medianAbsoluteDeviation(values, from, n, med);
        low[index] = med - parameter * mad;
        return med + parameter * mad;
      }
      case IQR -> {
        double q1 = selector.quantile(values, from, n, 0.25);
        double q3 = selector.quantile(values, from, n, 0.75);
        double iqr = q3 - q1;
        low[index] = q1 - parameter * iqr;
        return q3 + parameter * iqr;
      }
      default -> throw new AssertionError(this);
    }
  }
}
