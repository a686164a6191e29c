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
    // six updates kept as float weights over one base (taken four at a time, then alone), one
    // given in double between them
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] = (float) rng.nextGaussian();
    }
    List<ClientUpdate> u = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      if (i == 4) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          x[j] = rng.nextGaussian() * 1e-3;
        }
        u.add(ClientUpdate.benign("c" + i, x, 1 + i));
        continue;
      }
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        w[j] = (float) (base[j] + rng.nextGaussian() * (i == 3 ? 1e4 : 1));
      }
      u.add(ClientUpdate.benign("c" + i, w, base, 1 + i));
    }
    for (boolean weighted : new boolean[] {false, true}) {
      assertTheStreamingAndSequentialMean(u, weighted, d);
    }
  }

  @Test
  void groupsOfEightAndFourWithUnitAndOtherWeightsAreBitForBitTheStreamingMean() {
    // 23 updates: ten over one base (a group of eight, then two alone because the next is a
    // double), one double, twelve over the base (eight, then four); the weighted run gives the
    // first eight weight exactly 1 (the unit-weight kernel), the next group mixed weights with
    // some 1s (the weighted kernel), so every kernel of FedAvg must add in update order
    int d = 33_001;
    java.util.Random rng = new java.util.Random(21);
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] = (float) rng.nextGaussian();
    }
    double[] weights = new double[23];
    List<ClientUpdate> unit = new java.util.ArrayList<>();
    List<ClientUpdate> weighted = new java.util.ArrayList<>();
    for (int i = 0; i < 23; i++) {
      weights[i] = i < 8 || i % 3 == 0 ? 1 : 0.5 + i;
      if (i == 10) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          x[j] = rng.nextGaussian() * 1e-3;
        }
        unit.add(ClientUpdate.benign("c" + i, x, 1));
        weighted.add(ClientUpdate.benign("c" + i, x, weights[i]));
        continue;
      }
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        // mixed magnitudes, so a different order of additions would change low bits
        w[j] = (float) (base[j] + rng.nextGaussian() * (i % 5 == 2 ? 1e5 : 1e-2));
      }
      unit.add(ClientUpdate.benign("c" + i, w, base, 1));
      weighted.add(ClientUpdate.benign("c" + i, w, base, weights[i]));
    }
    for (boolean isWeighted : new boolean[] {false, true}) {
      assertTheStreamingAndSequentialMean(isWeighted ? weighted : unit, isWeighted, d);
    }
  }

  @Test
  void updatesAreExactInBothRepresentations() {
    // a difference of floats is read as (double) w - (double) b: 0.1f - 0.3f is not a float, yet
    // it is exactly the double below; a double update (1e39, beyond the float range) is kept as is
    float[] w = {0.1f, 3e38f, -2.5f};
    float[] b = {0.3f, -3e38f, 0.5f};
    ClientUpdate f = ClientUpdate.benign("f", w, b, 1);
    assertThat(f.deltaAsDouble()).containsExactly((double) 0.1f - (double) 0.3f, 2.0 * 3e38f, -3.0);
    assertThat(new UpdateValidator(3).accept(f)).isTrue();
    ClientUpdate g = ClientUpdate.benign("g", new double[] {0.1, 1e39, -2.5}, 1);
    assertThat(g.deltaAsDouble()).containsExactly(0.1, 1e39, -2.5);
    assertThat(new UpdateValidator(3).accept(g)).isTrue();
    // a non-finite float weight makes the update non-finite, and the server rejects it
    ClientUpdate inf =
        ClientUpdate.benign("i", new float[] {Float.POSITIVE_INFINITY, 0, 0}, new float[3], 1);
    assertThat(new UpdateValidator(3).accept(inf)).isFalse();
  }

  @Test
  void zeroTotalWeightFailsLoudly() {
    List<ClientUpdate> u = List.of(ClientUpdate.benign("a", new double[] {1}, 0));
    assertThatThrownBy(() -> new FedAvg(true).aggregate(u, CTX))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * FedAvg's mean of {@code u} equals, bit for bit, {@link RunningMean}'s and a plain sequential
   * loop's (weights summed in order, then one product by the inverse).
   */
  private static void assertTheStreamingAndSequentialMean(
      List<ClientUpdate> u, boolean weighted, int d) {
    RunningMean streaming = new RunningMean(d, weighted);
    double total = 0;
    double[] sequential = new double[d];
    for (ClientUpdate c : u) {
      streaming.add(c);
      double w = weighted ? c.weight() : 1.0;
      total += w;
      for (int j = 0; j < d; j++) {
        sequential[j] += w * c.delta().get(j);
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
