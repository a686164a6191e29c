package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 Gram matrix ({@link FloatGram}) against a double computation, and Krum's guarded
 * selection from it ({@link KrumSelection}) against the exact selection.
 */
class KrumSelectionTest {
  /** Updates as float weights over a random base, Gaussian around a common centre. */
  static UpdateVector[] updates(int n, int d, long seed, int outlierEvery) {
    Random rng = new Random(seed);
    float[] base = new float[d];
    double[] centre = new double[d];
    for (int j = 0; j < d; j++) {
      base[j] = (float) (0.1 * rng.nextGaussian());
      centre[j] = 0.01 * rng.nextGaussian();
    }
    UpdateVector[] rows = new UpdateVector[n];
    for (int i = 0; i < n; i++) {
      double scale = outlierEvery > 0 && i % outlierEvery == 0 ? 100 : 1;
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        w[j] = (float) (base[j] + scale * (centre[j] + 0.05 * rng.nextGaussian()));
      }
      rows[i] = UpdateVector.difference(w, base);
    }
    return rows;
  }

  @Test
  void floatGramIsWithinItsStatedBoundOfADoubleSum() {
    // d below, at and above the slice length K = 256 and not a multiple of it (padding), and
    // beyond one native call (16,384 coordinates)
    for (int d : new int[] {3, 256, 1000, 40_000}) {
      UpdateVector[] rows = updates(9, d, d, 3);
      // PyTorch's path explicitly (compute takes BlockGram where the Vector API runs it)
      FloatGram.Result g = FloatGram.torch(rows);
      assertThat(g).isNotNull();
      assertThat(g.epsilon()).isLessThan(2e-5);
      for (int i = 0; i < rows.length; i++) {
        for (int k = 0; k < rows.length; k++) {
          double exact = 0;
          double magnitude = 0;
          for (int j = 0; j < d; j++) {
            exact += rows[i].get(j) * rows[k].get(j);
            magnitude += Math.abs(rows[i].get(j) * rows[k].get(j));
          }
          // the double reference is itself off by at most d 2^-53 magnitude, far below eps
          double bound = (g.epsilon() + d * 0x1p-52) * magnitude + g.absolute();
          assertThat(Math.abs(g.get(i, k) - exact)).isLessThanOrEqualTo(bound);
          if (i != k) {
            double dist = 0;
            for (int j = 0; j < d; j++) {
              double e = rows[i].get(j) - rows[k].get(j);
              dist += e * e;
            }
            // the same double-reference allowance, relative to G_ii + G_kk >= the distance / 2
            double slack = d * 0x1p-51 * (g.get(i, i) + g.get(k, k));
            assertThat(Math.abs(g.distance(i, k) - dist))
                .isLessThanOrEqualTo(g.distanceRadius(i, k) + slack);
          }
        }
      }
    }
  }

  @Test
  void nativeCallsStayWithinTheirMemoryCap() {
    // 100 rows: 64 slices of 25,600 input floats (1.6M, under 4M); 1,000 rows: a call's output is
    // 10^6 floats per slice, so 4 slices; 5,000 rows: one slice of 25M floats, the least possible
    assertThat(FloatGram.slicesPerCall(100)).isEqualTo(64);
    assertThat(FloatGram.slicesPerCall(1000)).isEqualTo(4);
    assertThat(FloatGram.slicesPerCall(5000)).isEqualTo(1);
  }

  @Test
  void theBoundIsNotVacuous() {
    // eps = (1 + gamma_258 in float)(1 + gamma_m in double) - 1: about 258 * 2^-24 = 1.54e-5
    assertThat(FloatGram.epsilon(1_000_000)).isBetween(1.5e-5, 1.6e-5);
  }

  @Test
  void aValueThatOverflowsFloatGivesNoResultAndKrumStillSelectsExactly() {
    UpdateVector[] rows = updates(7, 300, 5, 0);
    double[] big = rows[3].toDouble();
    big[10] = 1e30; // its square overflows float32
    rows[3] = UpdateVector.of(big);
    assertThat(FloatGram.compute(rows)).isNull();
    assertThat(FloatGram.torch(rows)).isNull();
    assertThat(KrumSelection.certified(rows, 1, 1)).isNull();
    Krum krum = Krum.krum(1);
    assertThat(krum.chosen(rows, true)).containsExactly(krum.chosen(rows, false));
  }

  @Test
  void wellSeparatedScoresAreCertifiedAndMatchTheExactChoice() {
    for (long seed = 1; seed <= 5; seed++) {
      // every fifth update is a 100x outlier: Multi-Krum's boundary is far from any tie
      UpdateVector[] rows = updates(20, 3000, seed, 5);
      Krum multi = Krum.multiKrum(4);
      int[] certain = KrumSelection.certified(rows, 4, 16);
      assertThat(certain).isNotNull().containsExactly(multi.chosen(rows, false));
      assertThat(multi.chosen(rows, true)).containsExactly(multi.chosen(rows, false));
      Krum krum = Krum.krum(4);
      assertThat(krum.chosen(rows, true)).containsExactly(krum.chosen(rows, false));
    }
  }

  @Test
  void aNearTieIsNeverCertified() {
    // mirror pairs +x_i and -x_i: each pair's two Krum scores are equal in exact arithmetic, so
    // their intervals share that value; the guard must leave the choice to the exact scores,
    // which break the tie by index
    int d = 500;
    Random rng = new Random(11);
    UpdateVector[] rows = new UpdateVector[6];
    for (int p = 0; p < 3; p++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = (p + 1) * rng.nextGaussian();
      }
      rows[2 * p] = UpdateVector.of(x);
      rows[2 * p + 1] = UpdateVector.of(Arrays.stream(x).map(v -> -v).toArray());
    }
    // Krum (one of the pair nearest the origin) and Multi-Krum with f = 1 (five of six: the
    // boundary splits the outermost pair) both hit a tie, through PyTorch and through the kernel
    for (FloatGram.Result g :
        new FloatGram.Result[] {
          FloatGram.torch(rows), BlockGram.compute(rows, dnt.learn.simd.Kernels.get())
        }) {
      assertThat(g).isNotNull();
      assertThat(KrumSelection.certified(g, d, 1, 1)).isNull();
      assertThat(KrumSelection.certified(g, d, 1, 5)).isNull();
    }
    Krum krum = Krum.krum(1);
    Krum multi = Krum.multiKrum(1);
    assertThat(krum.chosen(rows, true)).containsExactly(krum.chosen(rows, false));
    assertThat(multi.chosen(rows, true)).containsExactly(multi.chosen(rows, false));
  }

  @Test
  void aggregatesAboveTheNativeThresholdAreThoseOfTheExactChoice() {
    // 20 x 210,000 values: above KrumSelection.MIN_VALUES, so both aggregate() calls take the
    // float path (Multi-Krum a certified set, Krum its candidates' exact scores)
    int n = 20;
    int d = 210_000;
    assertThat((long) n * d).isGreaterThanOrEqualTo(KrumSelection.MIN_VALUES);
    UpdateVector[] rows = updates(n, d, 8, 5);
    java.util.List<dnt.learn.fl.ClientUpdate> list = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(dnt.learn.fl.ClientUpdate.benign("c" + i, rows[i].weights(), rows[i].base(), 1));
    }
    dnt.learn.fl.AggregationContext context =
        new dnt.learn.fl.AggregationContext(0, new double[d], 1, () -> new double[d]);
    Krum multi = Krum.multiKrum(4);
    double[] w = new double[n];
    for (int i : multi.chosen(rows, false)) {
      w[i] = 1;
    }
    assertThat(multi.aggregate(list, context)).containsExactly(Columns.weightedAverage(rows, w));
    Krum krum = Krum.krum(4);
    assertThat(krum.aggregate(list, context))
        .containsExactly(rows[krum.chosen(rows, false)[0]].toDouble());
  }

  @Test
  void multiKrumWithoutAByzantineBudgetSelectsEveryUpdate() {
    UpdateVector[] rows = updates(5, 40, 3, 0);
    assertThat(Krum.multiKrum(0).chosen(rows, true)).containsExactly(0, 1, 2, 3, 4);
    assertThat(Krum.multiKrum(0).chosen(rows, false)).containsExactly(0, 1, 2, 3, 4);
  }
}
