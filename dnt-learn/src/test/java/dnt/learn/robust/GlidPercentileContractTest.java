package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** GLID with the PERCENTILE band passes the contract. */
final class GlidPercentileContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new Glid(Glid.Method.PERCENTILE);
  }

  @Override
  boolean robust() {
    return true;
  }
}
