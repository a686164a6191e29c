package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DnC: the contract and a hand-made example where the outlier lies along the top direction. */
final class DivideAndConquerTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new DivideAndConquer(2);
  }

  @Override
  boolean robust() {
    return true;
  }

  @Test
  void removesTheUpdateWithTheLargestProjectionOnTheTopSingularVector() {
    List<ClientUpdate> u =
        updates(
            new double[] {1, 0},
            new double[] {1.1, 0},
            new double[] {0.9, 0},
            new double[] {1, 10});
    double[] r = new DivideAndConquer(1).aggregate(u, context(u, new double[2]));
    // the mean of the three kept updates, (1 + 1.1 + 0.9) / 3 and 0: a few roundings of order 1
    // (~1e-16); 1e-12 leaves room
    assertThat(r[0]).isCloseTo(1.0, within(1e-12));
    assertThat(r[1]).isCloseTo(0.0, within(1e-12));
  }
}
