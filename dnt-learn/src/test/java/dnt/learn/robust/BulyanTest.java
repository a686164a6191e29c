package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bulyan: the contract and a hand-computed one-dimensional example. */
final class BulyanTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new Bulyan(2);
  }

  @Override
  boolean robust() {
    return true;
  }

  @Test
  void selectsByRepeatedKrumThenAveragesTheValuesClosestToTheMedian() {
    // f = 1, n = 7: Krum picks 2, 1, 3, 0, 4 (theta = 5); beta = 3 values closest to the
    // median 2 are {1, 2, 3} -> 2
    List<ClientUpdate> u =
        updates(
            new double[] {0},
            new double[] {1},
            new double[] {2},
            new double[] {3},
            new double[] {4},
            new double[] {50},
            new double[] {-50});
    assertThat(new Bulyan(1).aggregate(u, context(u, new double[1]))).containsExactly(2.0);
  }

  @Test
  void theFarOutlierIsNeverSelected() {
    // f = 1, n = 7, values {0..5, 100}. Krum rounds (4, 3, 2, 1, 1 neighbours) pick 2 (score 10,
    // tie with 3 broken by index), 3 (9), 1 (10, tie with 4), 4 (1) and 0 (25, tie with 5):
    // selected {0,1,2,3,4}; the 3 values nearest the median 2 are {1,2,3} -> 2
    List<ClientUpdate> u =
        updates(
            new double[] {0},
            new double[] {1},
            new double[] {2},
            new double[] {3},
            new double[] {4},
            new double[] {5},
            new double[] {100});
    assertThat(new Bulyan(1).aggregate(u, context(u, new double[1]))).containsExactly(2.0);
    assertThat(new Bulyan(1).minClients()).isEqualTo(7);
  }
}
