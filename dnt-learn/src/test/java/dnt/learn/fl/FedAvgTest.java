package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FedAvg against hand-computed averages. */
final class FedAvgTest {
  private static final AggregationContext CTX =
      AggregationContext.withoutReference(0, new double[2], 1);

  @Test
  void unweightedMeanIsThePlainAverage() {
    List<ClientUpdate> u =
        List.of(
            ClientUpdate.benign("a", new double[] {1, 2}, 10),
            ClientUpdate.benign("b", new double[] {3, -2}, 30));
    assertThat(new FedAvg(false).aggregate(u, CTX)).containsExactly(2.0, 0.0);
  }

  @Test
  void weightedMeanWeighsBySampleCount() {
    List<ClientUpdate> u =
        List.of(
            ClientUpdate.benign("a", new double[] {1, 2}, 10),
            ClientUpdate.benign("b", new double[] {3, -2}, 30));
    // (10*1 + 30*3)/40 = 2.5 ; (10*2 - 30*2)/40 = -1
    double[] r = new FedAvg(true).aggregate(u, CTX);
    // exact integer sums, one division each: within 1 ulp of 2.5 and -1
    assertThat(r[0]).isCloseTo(2.5, within(1e-12));
    assertThat(r[1]).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void theParallelMeanIsBitForBitTheStreamingMean() {
    // d spans several parallel ranges (16,384 coordinates each) plus a tail, n = 7 is not a
    // multiple of the four rows per pass: every coordinate must still add its terms in update
    // order, so the list mean equals RunningMean's and a plain sequential loop exactly
    int d = 40_003;
    java.util.Random rng = new java.util.Random(12);
    List<ClientUpdate> u = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      float[] x = new float[d];
      for (int j = 0; j < d; j++) {
        x[j] = (float) (rng.nextGaussian() * (i == 3 ? 1e4 : 1));
      }
      u.add(ClientUpdate.benign("c" + i, x, 1 + i));
    }
    for (boolean weighted : new boolean[] {false, true}) {
      RunningMean streaming = new RunningMean(d, weighted);
      double total = 0;
      double[] sequential = new double[d];
      for (ClientUpdate c : u) {
        streaming.add(c);
        double w = weighted ? c.weight() : 1.0;
        total += w;
        for (int j = 0; j < d; j++) {
          sequential[j] += w * c.delta()[j];
        }
      }
      double inv = 1.0 / total;
      for (int j = 0; j < d; j++) {
        sequential[j] *= inv;
      }
      double[] list = new FedAvg(weighted).aggregate(u, CTX);
      assertThat(list).containsExactly(streaming.mean());
      assertThat(list).containsExactly(sequential);
    }
  }

  @Test
  void doubleUpdatesAreRoundedToTheNearestFloatAndOverflowIsRejected() {
    ClientUpdate u = ClientUpdate.benign("a", new double[] {0.1, 1e39, -2.5}, 1);
    assertThat(u.delta()).containsExactly(0.1f, Float.POSITIVE_INFINITY, -2.5f);
    assertThat(u.deltaAsDouble()).containsExactly((double) 0.1f, Double.POSITIVE_INFINITY, -2.5);
    // a value beyond the float range is infinite once sent, and the server rejects it
    assertThat(new UpdateValidator(3).accept(u)).isFalse();
  }

  @Test
  void zeroTotalWeightFailsLoudly() {
    List<ClientUpdate> u = List.of(ClientUpdate.benign("a", new double[] {1}, 0));
    assertThatThrownBy(() -> new FedAvg(true).aggregate(u, CTX))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
