package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** TID with the MAD band passes the contract. */
final class TidMadContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TwinInconsistencyDefense(
        TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.MAD));
  }

  @Override
  boolean robust() {
    return true;
  }
}
