package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** GLID with the STD band passes the contract. */
final class GlidStdContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new Glid(Glid.Method.STD);
  }

  @Override
  boolean robust() {
    return true;
  }
}
