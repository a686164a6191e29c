package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** GLID with the IQR band passes the contract. */
final class GlidIqrContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new Glid(Glid.Method.IQR);
  }

  @Override
  boolean robust() {
    return true;
  }
}
