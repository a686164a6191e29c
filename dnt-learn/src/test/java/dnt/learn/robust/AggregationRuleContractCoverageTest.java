package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every registered aggregation rule has a subclass of {@link AggregationRuleContractTest} whose
 * rule reports that registry name: a rule registered without one fails here.
 */
final class AggregationRuleContractCoverageTest {
  static final Map<String, Class<? extends AggregationRuleContractTest>> CONTRACTS =
      Map.ofEntries(
          Map.entry("mean", MeanContractTest.class),
          Map.entry("weighted-mean", WeightedMeanContractTest.class),
          Map.entry("median", CoordinateMedianTest.class),
          Map.entry("trimmed-mean", TrimmedMeanTest.class),
          Map.entry("krum", KrumTest.class),
          Map.entry("multi-krum", MultiKrumContractTest.class),
          Map.entry("bulyan", BulyanTest.class),
          Map.entry("geomed", GeometricMedianTest.class),
          Map.entry("centered-clipping", CenteredClippingTest.class),
          Map.entry("norm-bounding", NormBoundingTest.class),
          Map.entry("fltrust", FlTrustTest.class),
          Map.entry("dnc", DivideAndConquerTest.class),
          Map.entry("flame", FlameTest.class),
          Map.entry("tid", TwinInconsistencyDefenseTest.class),
          Map.entry("tid-percentile", TidPercentileContractTest.class),
          Map.entry("tid-iqr", TidIqrContractTest.class),
          Map.entry("tid-history", TidHistoryContractTest.class),
          Map.entry("glid", GlidPercentileContractTest.class),
          Map.entry("glid-std", GlidStdContractTest.class),
          Map.entry("glid-iqr", GlidIqrContractTest.class),
          Map.entry("dp-fedavg", DpFedAvgContractTest.class));

  @Test
  void everyRegisteredRuleHasAContractTestOfItsRule()
      throws NoSuchMethodException,
          InstantiationException,
          IllegalAccessException,
          InvocationTargetException {
    assertThat(CONTRACTS.keySet())
        .containsExactlyInAnyOrderElementsOf(AggregationRules.REGISTRY.names());
    for (Map.Entry<String, Class<? extends AggregationRuleContractTest>> e : CONTRACTS.entrySet()) {
      AggregationRuleContractTest contract = e.getValue().getDeclaredConstructor().newInstance();
      assertThat(contract.rule().name()).as(e.getValue().getSimpleName()).isEqualTo(e.getKey());
    }
  }
}
