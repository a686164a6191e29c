package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;
import dnt.learn.privacy.DpFedAvg;

/** DP-FedAvg without noise passes the rule contract; clipping bounds every client's influence. */
final class DpFedAvgContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return DpFedAvg.fixed(0, 10, Double.NaN, 1);
  }

  @Override
  boolean robust() {
    return true;
  }

  /** Without noise and with the actual count as denominator: the clipped mean, C = 10. */
  @Override
  double robustnessBound(Honest honest) {
    return honest.clippedMeanBound(10);
  }
}
