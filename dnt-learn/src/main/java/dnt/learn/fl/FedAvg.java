package dnt.learn.fl;

import java.util.List;

/**
 * Federated averaging (McMahan et al., "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data", AISTATS 2017): the mean of the client updates, weighted by each client's
 * {@link ClientUpdate#weight()} (its sample count) or unweighted. This is the "Mean" rule of the
 * paper's Table II.
 */
public final class FedAvg implements AggregationRule {
  private final boolean weighted;

  /**
   * Creates the rule.
   *
   * @param weighted weight clients by {@link ClientUpdate#weight()}; otherwise every client counts
   *     once
   */
  public FedAvg(boolean weighted) {
    this.weighted = weighted;
  }

  /**
   * Whether clients are weighted by their sample counts.
   *
   * @return true for the weighted mean
   */
  public boolean weighted() {
    return weighted;
  }

  @Override
  public String name() {
    return weighted ? "weighted-mean" : "mean";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("no updates to aggregate");
    }
    RunningMean mean = new RunningMean(updates.get(0).delta().length, weighted);
    for (ClientUpdate u : updates) {
      mean.add(u);
    }
    return mean.mean();
  }
}
