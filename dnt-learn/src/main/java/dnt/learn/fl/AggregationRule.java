package dnt.learn.fl;

import java.util.List;

/**
 * How the server combines client updates into one global update (FedAvg's weighted mean, or a
 * Byzantine-robust rule). Implementations are stateless or keep only their own state across rounds
 * (e.g. centered clipping's momentum) and are picked by {@link #name()} from a registry.
 */
public interface AggregationRule {
  /**
   * The rule's registry name, lowercase and hyphenated ("mean", "trimmed-mean", "tid").
   *
   * @return the name
   */
  String name();

  /**
   * Aggregates one round's updates. The caller has already rejected updates of the wrong dimension
   * or with NaN/Inf entries; the result has the same dimension as the inputs.
   *
   * @param updates the updates received, at least one, all of the same length
   * @param context the round's context
   * @return the aggregated update (the server applies {@code w_{t+1} = w_t + result})
   */
  double[] aggregate(List<ClientUpdate> updates, AggregationContext context);
}
