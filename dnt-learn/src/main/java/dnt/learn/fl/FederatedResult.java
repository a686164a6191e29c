package dnt.learn.fl;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a federated run: the global model, the model each station ends with (its cluster's
 * twin, or the global model without clustering), per-round metrics, rejections and cost.
 *
 * @param global the global model
 * @param stationModels the model of each station, in client order; stations holding the same model
 *     (all of them without clustering, a cluster's stations with it) share one array, so treat the
 *     arrays as read-only
 * @param clusters the final cluster of each station (all 0 without clustering)
 * @param rounds per-round metrics
 * @param rejected rejected updates per client id
 * @param cost the cost of the run
 */
public record FederatedResult(
    float[] global,
    List<float[]> stationModels,
    int[] clusters,
    List<RoundMetrics> rounds,
    Map<String, Integer> rejected,
    CostLedger.CostSummary cost) {
  /** Copies the collections. */
  public FederatedResult {
    stationModels = List.copyOf(stationModels);
    rounds = List.copyOf(rounds);
    rejected = Map.copyOf(rejected);
  }
}
