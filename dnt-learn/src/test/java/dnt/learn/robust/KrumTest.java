package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Krum: the contract and a hand-computed one-dimensional example. */
final class KrumTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return Krum.krum(2);
  }

  @Override
  boolean robust() {
    return true;
  }

  static List<ClientUpdate> line() {
    return updates(
        new double[] {0}, new double[] {1}, new double[] {2}, new double[] {10}, new double[] {11});
  }

  @Test
  void picksTheUpdateWithTheSmallestSumOfSquaredDistancesToItsNearestNeighbours() {
    // f = 1, n - f - 2 = 2 neighbours: scores 0:1+4=5, 1:1+1=2, 2:1+4=5, 10:1+64=65, 11:1+81=82
    assertThat(Krum.krum(1).aggregate(line(), context(line(), new double[1]))).containsExactly(1.0);
    assertThat(Krum.krum(1).selectedIndex(line())).isEqualTo(1);
  }

  @Test
  void multiKrumAveragesTheNMinusFBest() {
    // the four best scores: 1, 0, 2, 10 -> (0 + 1 + 2 + 10) / 4
    assertThat(Krum.multiKrum(1).aggregate(line(), context(line(), new double[1])))
        .containsExactly(3.25);
  }

  @Test
  void tooFewUpdatesForFIsRejected() {
    assertThat(Krum.krum(1).minClients()).isEqualTo(5);
    assertThatThrownBy(() -> Krum.krum(2).aggregate(line(), context(line(), new double[1])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 7");
  }

  @Test
  void pairwiseDistancesMatchTheDirectComputationAcrossTiles() {
    java.util.Random rng = new java.util.Random(4);
    double[][] rows = new double[5][5000];
    for (double[] r : rows) {
      for (int j = 0; j < r.length; j++) {
        r[j] = rng.nextGaussian();
      }
    }
    UpdateVector[] v = new UpdateVector[rows.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = UpdateVector.of(rows[i]);
    }
    double[][] d = Columns.directSquaredDistances(v);
    for (int i = 0; i < 5; i++) {
      for (int k = 0; k < 5; k++) {
        double s = 0;
        for (int j = 0; j < 5000; j++) {
          s += (rows[i][j] - rows[k][j]) * (rows[i][j] - rows[k][j]);
        }
        // two summation orders of 5000 non-negative squares: each within 4999 x 2^-53 = 5.6e-13
        // of the exact sum, relative
        assertThat(d[i][k]).isCloseTo(s, within(2 * 5000 * 0x1p-53 * s));
      }
    }
  }
}
