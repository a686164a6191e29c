package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** TID with the IQR band passes the contract. */
final class TidIqrContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TwinInconsistencyDefense(
        TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.IQR));
  }

  @Override
  boolean robust() {
    return true;
  }
}
