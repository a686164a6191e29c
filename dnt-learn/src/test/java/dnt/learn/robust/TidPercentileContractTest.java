package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** TID with the percentile band passes the contract. */
final class TidPercentileContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TwinInconsistencyDefense(
        TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.PERCENTILE));
  }

  @Override
  boolean robust() {
    return true;
  }
}
