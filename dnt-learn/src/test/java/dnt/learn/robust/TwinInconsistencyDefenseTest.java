package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TID (reconstructed): the contract with the default band, and hand-computed examples. */
final class TwinInconsistencyDefenseTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TwinInconsistencyDefense();
  }

  @Override
  boolean robust() {
    return true;
  }

  private static TwinInconsistencyDefense.Settings quartileBand() {
    return new TwinInconsistencyDefense.Settings(
        BandRule.PERCENTILE, 25, 2, 0.5, false, false, 0.8);
  }

  @Test
  void masksOutOfBandValuesAndReweightsClientsByTheirKeptFraction() {
    // n = 5, p = 25: band = [2nd smallest, 4th smallest] per coordinate.
    // column 0 {1,2,3,4,100}: band [2,4] keeps c1 c2 c3; column 1 {30,20,30,40,50}: band [30,40]
    // keeps c0 c2 c3. Kept fractions 1/2, 1/2, 1, 1, 0 -> weights 0.25, 0.25, 1, 1, 0.
    List<ClientUpdate> u =
        updates(
            new double[] {1, 30},
            new double[] {2, 20},
            new double[] {3, 30},
            new double[] {4, 40},
            new double[] {100, 50});
    TwinInconsistencyDefense tid = new TwinInconsistencyDefense(quartileBand());
    assertThat(tid.clientWeights(u)).containsExactly(0.25, 0.25, 1.0, 1.0, 0.0);
    double[] r = tid.aggregate(u, context(u, new double[2]));
    // weighted means of at most 5 values below 100 with exact weights: a few roundings, ~1e-14
    assertThat(r[0]).isCloseTo((0.25 * 2 + 3 + 4) / 2.25, within(1e-12));
    assertThat(r[1]).isCloseTo((0.25 * 30 + 30 + 40) / 2.25, within(1e-12));
  }

  @Test
  void theMadBandUsesTheNormalConsistentScale() {
    // column {0, 1, 2, 3, 40}: median 2, |dev| {2,1,0,1,38} -> MAD 1, scaled 1.4826; k = 3 ->
    // band [2 - 4.4478, 2 + 4.4478]: 40 is out; every client keeps 1 of 1 coordinates except c4
    List<ClientUpdate> u =
        updates(
            new double[] {0},
            new double[] {1},
            new double[] {2},
            new double[] {3},
            new double[] {40});
    TwinInconsistencyDefense tid =
        new TwinInconsistencyDefense(
            TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.MAD));
    // the mean of 0, 1, 2, 3 is 1.5 up to the rounding of one division (~1e-16)
    assertThat(tid.clientWeights(u)).containsExactly(1.0, 1.0, 1.0, 1.0, 0.0);
    assertThat(tid.aggregate(u, context(u, new double[1]))[0]).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void theIqrBandUsesTukeysFences() {
    // {0,1,2,3,40}: Q1 = 1, Q3 = 3, IQR 2 -> [-2, 6]; 40 is out
    List<ClientUpdate> u =
        updates(
            new double[] {0},
            new double[] {1},
            new double[] {2},
            new double[] {3},
            new double[] {40});
    TwinInconsistencyDefense tid =
        new TwinInconsistencyDefense(
            TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.IQR));
    // the mean of 0, 1, 2, 3: exact up to one rounding (~1e-16)
    assertThat(tid.aggregate(u, context(u, new double[1]))[0]).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void aCoordinateWithNoWeightedValueInItsBandKeepsTheGlobalValue() {
    // two clients: c0 keeps coordinate 0 only, c1 coordinate 1 only -> both fractions 1/2, tau 0.5
    // passes; with p = 0 the band is [min, max] so everything is kept: use a custom tau of 0.75
    List<ClientUpdate> u = updates(new double[] {1, 2}, new double[] {3, 4});
    TwinInconsistencyDefense tid =
        new TwinInconsistencyDefense(
            new TwinInconsistencyDefense.Settings(
                BandRule.PERCENTILE, 0, 2, 0.75, false, false, 0.8));
    assertThat(tid.aggregate(u, context(u, new double[2]))).containsExactly(2.0, 3.0);
  }

  @Test
  void theHistoryCheckExcludesClientsThatKeepPushingBackTowardsTheInitialModel() {
    TwinInconsistencyDefense tid =
        new TwinInconsistencyDefense(
            TwinInconsistencyDefense.Settings.defaults().withHistory(true));
    double[] w0 = {0, 0, 0, 0};
    double[] wt = {1, 1, 1, 1}; // the model has moved up; sign(w0 - wt) = -1 everywhere
    List<ClientUpdate> u = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      double[] x = new double[4];
      for (int j = 0; j < 4; j++) {
        // honest values spread over [-0.08, 0.12]: about 40% of them point back towards w0
        x[j] = 0.02 + 0.1 * (((i * 7 + j * 3) % 10) - 4.5) / 4.5;
      }
      u.add(ClientUpdate.benign("b" + i, x, 1));
    }
    // a stealthy fake: inside every band, but always pointing back towards w0
    u.add(new ClientUpdate("fake", new double[] {-0.01, -0.01, -0.01, -0.01}, 1, true));
    tid.aggregate(u, new AggregationContext(0, w0, 1, () -> w0)); // remembers w0
    double[] r = tid.aggregate(u, new AggregationContext(1, wt, 1, () -> wt));
    TwinInconsistencyDefense plain = new TwinInconsistencyDefense();
    double[] p = plain.aggregate(u, new AggregationContext(1, wt, 1, () -> wt));
    assertThat(plain.clientWeights(u)[10]).as("the plain rule keeps the fake").isPositive();
    assertThat(tid.name()).isEqualTo("tid-history");
    for (int j = 0; j < 4; j++) {
      assertThat(r[j]).as("coordinate %d", j).isGreaterThan(p[j]);
    }
  }
}
