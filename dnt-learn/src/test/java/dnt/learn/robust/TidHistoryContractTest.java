package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** TID with the sign-agreement history check passes the contract. */
final class TidHistoryContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TwinInconsistencyDefense(
        TwinInconsistencyDefense.Settings.defaults().withHistory(true));
  }

  @Override
  boolean robust() {
    return true;
  }
}
