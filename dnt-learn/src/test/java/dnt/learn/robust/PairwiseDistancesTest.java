package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.UpdateVector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairwiseDistancesTest {
  /** The rows as updates: float weights over a zero base, so each update's values are the row's. */
  static UpdateVector[] vectors(float[][] rows) {
    float[] zero = new float[rows[0].length];
    UpdateVector[] out = new UpdateVector[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = UpdateVector.difference(rows[i], zero);
    }
    return out;
  }

  private static float[][] gaussian(int n, int d, long seed, double scale) {
    Random rng = new Random(seed);
    float[][] rows = new float[n][d];
    for (float[] r : rows) {
      for (int j = 0; j < d; j++) {
        r[j] = (float) (scale * rng.nextGaussian());
      }
    }
    return rows;
  }

  @Test
  void handWorkedDistancesAreExact() {
    // (1,2), (3,4), (0,0): squared distances 8, 5 and 25; every product and sum is a small
    // integer, exact in double, so the Gram formulation gives them exactly
    float[][] rows = {{1, 2}, {3, 4}, {0, 0}};
    double[][] g = PairwiseDistances.gram(vectors(rows));
    assertThat(g[0]).containsExactly(5, 11, 0);
    assertThat(g[1]).containsExactly(11, 25, 0);
    double[][] d = PairwiseDistances.squaredDistances(vectors(rows));
    assertThat(d[0]).containsExactly(0, 8, 5);
    assertThat(d[1]).containsExactly(8, 0, 25);
    assertThat(d[2]).containsExactly(5, 25, 0);
  }

  @Test
  void gramMatchesADoubleSumWithinTheStatedBound() {
    // d not a multiple of the block width (512 for n = 7) nor of 4: the tails are covered
    for (int d : new int[] {3, 513, 20_003}) {
      float[][] rows = gaussian(7, d, d, 1);
      double[][] g = PairwiseDistances.gram(vectors(rows));
      double gamma = PairwiseDistances.errorFactor(d) / 2;
      for (int i = 0; i < 7; i++) {
        for (int k = 0; k < 7; k++) {
          double s = 0;
          double abs = 0;
          for (int j = 0; j < d; j++) {
            double p = (double) rows[i][j] * rows[k][j];
            s += p;
            abs += Math.abs(p);
          }
          // both sums are within gamma_m sum |a_j b_j| of the exact one (the reference's m is d)
          double bound = (gamma + d * 0x1p-53 * 1.01) * abs;
          assertThat(g[i][k]).as("G[%d][%d], d = %d", i, k, d).isCloseTo(s, within(bound));
          assertThat(g[i][k]).isEqualTo(g[k][i]);
        }
      }
    }
  }

  @Test
  void distancesMatchTheDirectComputationWithinTheStatedBound() {
    int d = 20_003;
    float[][] rows = gaussian(9, d, 5, 0.05);
    double[][] gram = PairwiseDistances.squaredDistances(vectors(rows));
    double[][] direct = Columns.directSquaredDistances(vectors(rows));
    double[][] g = PairwiseDistances.gram(vectors(rows));
    for (int i = 0; i < 9; i++) {
      assertThat(gram[i][i]).isZero();
      for (int k = i + 1; k < 9; k++) {
        // the Gram error bound, relative to the squared norms, plus the direct sum's own
        // gamma_d relative to the distance
        double bound =
            PairwiseDistances.errorFactor(d) * (g[i][i] + g[k][k]) + 2 * d * 0x1p-53 * direct[i][k];
        assertThat(gram[i][k]).isCloseTo(direct[i][k], within(bound));
        // and the guard's promise: within 2^-20 relative of the direct value
        assertThat(gram[i][k]).isCloseTo(direct[i][k], within(0x1p-19 * direct[i][k]));
      }
    }
  }

  @Test
  void nearlyEqualUpdatesAreRecomputedDirectly() {
    int d = 4_000;
    float[][] rows = gaussian(5, d, 8, 1);
    Random rng = new Random(3);
    // row 1 is row 0 moved by about 1e-6 of its size: the Gram formulation would lose ~all
    // digits of this distance to cancellation (its error bound is ~1e-12 ||a||^2 = 4e-9, the
    // distance ~4e-9), so the guard must recompute it
    for (int j = 0; j < d; j++) {
      rows[1][j] = (float) (rows[0][j] * (1 + 1e-6 * rng.nextGaussian()));
    }
    rows[2] = rows[0].clone(); // an identical copy, as fake clients send
    double[][] dist = PairwiseDistances.squaredDistances(vectors(rows));
    assertThat(dist[0][1])
        .isEqualTo(Columns.squaredDistance(vectors(rows)[0], vectors(rows)[1], 0, d));
    assertThat(dist[0][1]).isPositive();
    assertThat(dist[0][2]).isZero();
    assertThat(dist[1][2]).isEqualTo(dist[0][1]);
  }

  @Test
  void noDistanceIsNegative() {
    float[][] rows = new float[4][1000];
    for (int i = 0; i < 4; i++) {
      java.util.Arrays.fill(rows[i], 0.1f * (i == 3 ? 1.0000001f : 1));
    }
    double[][] dist = PairwiseDistances.squaredDistances(vectors(rows));
    for (double[] r : dist) {
      for (double x : r) {
        assertThat(x).isGreaterThanOrEqualTo(0);
      }
    }
  }
}
