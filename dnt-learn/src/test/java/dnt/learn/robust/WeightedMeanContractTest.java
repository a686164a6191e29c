package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.FedAvg;

/**
 * FedAvg weighted by sample counts passes the contract and is not robust (hand examples:
 * FedAvgTest).
 */
final class WeightedMeanContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new FedAvg(true);
  }

  @Override
  boolean robust() {
    return false;
  }
}
