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

  /**
   * The network that places the ranks this rule's band needs among n values: the full sort for MAD
   * (its deviations' median is read from the sorted values, {@link WeightBlock#madBand}), the
   * quantiles' neighbouring ranks otherwise.
   *
   * @param n the number of values
   * @param parameter the rule's parameter
   * @return the network for {@link #band(WeightBlock, SelectionNetwork, double, double[],
   *     double[])}
   */
  SelectionNetwork network(int n, double parameter) {
    return switch (this) {
      case PERCENTILE ->
          SelectionNetwork.forRanks(
              n, BlockStatistics.quantileRanks(n, parameter / 100.0, 1 - parameter / 100.0));
      case MAD -> SelectionNetwork.sorting(n);
      case IQR -> SelectionNetwork.forRanks(n, BlockStatistics.quantileRanks(n, 0.25, 0.75));
    };
  }

  /**
   * The bands of every coordinate of a block, bit for bit those of {@link #band(double[], int, int,
   * double, ColumnSelector, double[], int)} (the same order statistics, then the same arithmetic
   * lane by lane).
   *
   * @param block the loaded block
   * @param network {@link #network(int, double)} for the block's row count
   * @param parameter the rule's parameter
   * @param low receives the lower ends, by lane
   * @param high receives the upper ends, by lane
   */
  void band(
      WeightBlock block, SelectionNetwork network, double parameter, double[] low, double[] high) {
    int width = block.width();
    if (this != MAD) {
      block.rank(network); // the MAD band's kernel ranks the block itself
    }
    switch (this) {
      case PERCENTILE -> {
        double p = parameter / 100.0;
        BlockStatistics.quantile(block, network, p, low);
        BlockStatistics.quantile(block, network, 1 - p, high);
      }
      case MAD -> block.madBand(network, parameter, low, high);
      case IQR -> {
        BlockStatistics.quantile(block, network, 0.25, low);
        BlockStatistics.quantile(block, network, 0.75, high);
        for (int j = 0; j < width; j++) {
          double q1 = low[j];
          double q3 = high[j];
          double iqr = q3 - q1;
          low[j] = q1 - parameter * iqr;
          high[j] = q3 + parameter * iqr;
        }
      }
    }
  }

  /**
   * Adds the block's rows outside the bands {@link #band(WeightBlock, SelectionNetwork, double,
   * double[], double[])} just computed to {@code outside} (TID's mask counts): for the MAD band
   * with the range of weights inside each band that the band's kernel found on the sorted keys
   * ({@link WeightBlock#countOutsideOfMadBand}), for the others by searching the weights' range
   * ({@link WeightBlock#countOutside}). The counts are the same either way.
   *
   * @param block the block, after {@code band}
   * @param low the bands' lower ends, by lane
   * @param high the bands' upper ends, by lane
   * @param outside the per-row, per-lane counts
   */
  void countOutside(WeightBlock block, double[] low, double[] high, float[][] outside) {
    if (this == MAD) {
      block.countOutsideOfMadBand(outside);
    } else {
      block.countOutside(low, high, outside);
    }
  }
}
