package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** TID with the ZSCORE band passes the contract. */
final class TidZscoreContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TwinInconsistencyDefense(
        TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.ZSCORE));
  }

  @Override
  boolean robust() {
    return true;
  }

  @Override
  int outliers() {
    return 1; // the z-score band masks itself when outliers inflate the standard deviation
  }
}
