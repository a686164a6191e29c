package dnt.learn.fl;

/**
 * The (weighted or unweighted) mean of client updates, accumulated one update at a time into one
 * running sum: FedAvg's arithmetic (McMahan et al., AISTATS 2017), shared by {@link FedAvg} and the
 * streaming aggregation of {@link SynchronousFederation}. Adding the same updates in the same order
 * gives bit-identical means whether they arrive as a list or one by one. Memory is one vector of
 * the model's dimension, whatever the number of updates. Not thread-safe.
 */
final class RunningMean {
  private final double[] sum;
  private final boolean weighted;
  private double total;
  private int count;

  /**
   * Starts an empty mean.
   *
   * @param dimension the update dimension d
   * @param weighted weight updates by {@link ClientUpdate#weight()}; otherwise each counts once
   */
  RunningMean(int dimension, boolean weighted) {
    this.sum = new double[dimension];
    this.weighted = weighted;
  }

  /**
   * Adds one update.
   *
   * @param u the update, of the mean's dimension
   * @throws IllegalArgumentException if its dimension differs
   */
  void add(ClientUpdate u) {
    UpdateVector x = u.delta();
    if (x.dimension() != sum.length) {
      throw new IllegalArgumentException(
          "update of "
              + u.clientId()
              + " has dimension "
              + x.dimension()
              + ", expected "
              + sum.length);
    }
    double w = weighted ? u.weight() : 1.0;
    x.addScaled(w, sum, 0, sum.length);
    total += w;
    count++;
  }

  /**
   * The number of updates added.
   *
   * @return the count
   */
  int count() {
    return count;
  }

  /**
   * The mean of the updates added so far, as a new vector.
   *
   * @return the mean
   * @throws IllegalArgumentException if no update was added or the weights sum to zero
   */
  double[] mean() {
    if (count == 0) {
      throw new IllegalArgumentException("no updates to aggregate");
    }
    if (total <= 0) {
      throw new IllegalArgumentException("the updates' weights sum to zero");
    }
    double inv = 1.0 / total;
    double[] out = new double[sum.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = sum[j] * inv;
    }
    return out;
  }
}
