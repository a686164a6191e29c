package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coordinate-wise median: the contract and hand-computed examples. */
final class CoordinateMedianTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new CoordinateMedian();
  }

  @Override
  boolean robust() {
    return true;
  }

  @Test
  void anEvenCountTakesTheMeanOfTheTwoMiddleValues() {
    List<ClientUpdate> u =
        updates(
            new double[] {1, 10},
            new double[] {3, 20},
            new double[] {2, 30},
            new double[] {100, -5});
    // column 0 sorted: 1 2 3 100 -> 2.5 ; column 1 sorted: -5 10 20 30 -> 15
    assertThat(rule().aggregate(u, context(u, new double[2]))).containsExactly(2.5, 15.0);
  }

  @Test
  void anOddCountTakesTheMiddleValue() {
    List<ClientUpdate> u =
        updates(new double[] {5, -1}, new double[] {-7, -2}, new double[] {0.5, 9});
    assertThat(rule().aggregate(u, context(u, new double[2]))).containsExactly(0.5, -1.0);
  }
}
