package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.FedAvg;
import org.junit.jupiter.api.Test;

/** FedAvg passes the contract and is, as expected, not robust (its hand examples: FedAvgTest). */
final class MeanContractTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new FedAvg(false);
  }

  @Override
  boolean robust() {
    return false;
  }

  @Test
  void theRegistryKnowsTheMeanUnderBothNames() {
    assertThat(AggregationRules.create("mean", AggregationRules.Options.defaults()).name())
        .isEqualTo("mean");
    assertThat(AggregationRules.create("weighted-mean", AggregationRules.Options.defaults()).name())
        .isEqualTo("weighted-mean");
  }
}
