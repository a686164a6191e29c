package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GLID's bands and trimmed means against hand computations. */
final class GlidTest {
  /** Sums of at most seven small decimals: a few ulps of values below 100. */
  private static final double EPS = 1e-12;

  private static List<ClientUpdate> columns(double[]... dims) {
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < dims[0].length; i++) {
      double[] row = new double[dims.length];
      for (int j = 0; j < dims.length; j++) {
        row[j] = dims[j][i];
      }
      out.add(ClientUpdate.benign("c" + i, row, 1));
    }
    return out;
  }

  private static double[] aggregate(Glid.Method method, List<ClientUpdate> u) {
    int d = u.get(0).dimension();
    return new Glid(method)
        .aggregate(u, new AggregationContext(0, new double[d], 1, () -> new double[d]));
  }

  @Test
  void percentileBandOfSevenClientsTimesThreeDimensionsMatchesTheHandComputation() {
    // 7 values: type-7 positions h = 6 p, so q10 at h = 0.6 and q90 at h = 5.4 (0-based).
    // dim 0 sorted {1,2,3,4,5,6,100}: q10 = 1 + 0.6 * 1 = 1.6, q90 = 6 + 0.4 * 94 = 43.6;
    //   kept {2,3,4,5,6}, mean 4.
    // dim 1 sorted {-50,0,1,1,2,3,4}: q10 = -50 + 0.6 * 50 = -20, q90 = 3 + 0.4 * 1 = 3.4;
    //   kept {0,1,1,2,3}, mean 7 / 5 = 1.4.
    // dim 2 all 10: band [10, 10], all kept, mean 10.
    List<ClientUpdate> u =
        columns(
            new double[] {100, 3, 1, 6, 2, 5, 4},
            new double[] {1, -50, 4, 0, 3, 1, 2},
            new double[] {10, 10, 10, 10, 10, 10, 10});
    assertThat(new Glid(Glid.Method.PERCENTILE).band(new double[] {1, 2, 3, 4, 5, 6, 100}))
        .containsExactly(new double[] {1.6, 43.6}, within(EPS));
    assertThat(new Glid(Glid.Method.PERCENTILE).band(new double[] {-50, 0, 1, 1, 2, 3, 4}))
        .containsExactly(new double[] {-20, 3.4}, within(EPS));
    assertThat(aggregate(Glid.Method.PERCENTILE, u))
        .containsExactly(new double[] {4, 1.4, 10}, within(EPS));
  }

  @Test
  void stdBandDropsTheValueBeyondTwoStandardDeviations() {
    // {0,0,0,0,0,0,7}: mean 1, population variance (6 * 1 + 36) / 7 = 6, band 1 +- 2 sqrt(6)
    // = [-3.90, 5.90]: 7 is out, the mean of the rest is 0.
    List<ClientUpdate> u = columns(new double[] {0, 0, 7, 0, 0, 0, 0});
    assertThat(new Glid(Glid.Method.STD).band(new double[] {0, 0, 0, 0, 0, 0, 7}))
        .containsExactly(new double[] {1 - 2 * Math.sqrt(6), 1 + 2 * Math.sqrt(6)}, within(EPS));
    assertThat(aggregate(Glid.Method.STD, u)).containsExactly(new double[] {0}, within(EPS));
  }

  @Test
  void iqrFencesMatchTheHandComputation() {
    // {1,...,6,100}: Q1 at h = 1.5 is 2.5, Q3 at h = 4.5 is 5.5, IQR 3, fences [-2, 10];
    // kept 1..6, mean 3.5.
    List<ClientUpdate> u = columns(new double[] {6, 100, 1, 2, 3, 4, 5});
    assertThat(aggregate(Glid.Method.IQR, u)).containsExactly(new double[] {3.5}, within(EPS));
  }

  @Test
  void aCoordinateWithNothingInsideItsBandTakesTheMedian() {
    // n = 2, p = 0.1: band [0 + 0.1 * 4, 0 + 0.9 * 4] = [0.4, 3.6] holds neither 0 nor 4;
    // the median is 2.
    List<ClientUpdate> u = columns(new double[] {0, 4});
    assertThat(aggregate(Glid.Method.PERCENTILE, u)).containsExactly(new double[] {2}, within(EPS));
  }

  @Test
  void namesAreTheRegistryNames() {
    for (Glid.Method m : Glid.Method.values()) {
      assertThat(AggregationRules.create(new Glid(m).name(), AggregationRules.Options.defaults()))
          .isInstanceOf(Glid.class);
    }
  }
}
