package dnt.learn.robust;

import dnt.learn.fl.AggregationRule;

/** Multi-Krum passes the contract (hand example in {@link KrumTest}). */
final class MultiKrumContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return Krum.multiKrum(2);
  }

  @Override
  boolean robust() {
    return true;
  }
}
