package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trimmed mean: the contract and hand-computed examples. */
final class TrimmedMeanTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new TrimmedMean(0.2);
  }

  @Override
  boolean robust() {
    return true;
  }

  @Test
  void dropsFloorOfBetaTimesNValuesAtEachEnd() {
    // n = 5, beta 0.2 -> k = 1: column 0 {1,2,3,4,100} -> (2+3+4)/3 ; column 1 {-50,0,1,2,3} -> 1
    List<ClientUpdate> u =
        updates(
            new double[] {4, -50},
            new double[] {100, 0},
            new double[] {1, 3},
            new double[] {3, 1},
            new double[] {2, 2});
    double[] r = new TrimmedMean(0.2).aggregate(u, context(u, new double[2]));
    // (2 + 3 + 4) / 3 and (0 + 1 + 2) / 3 in exact sums and one division: within 1 ulp
    assertThat(r[0]).isCloseTo(3.0, within(1e-12));
    assertThat(r[1]).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theDefaultBetaOfATenthTrimsNothingBelowTenClients() {
    assertThat(new TrimmedMean(TrimmedMean.DEFAULT_BETA).trimmed(9)).isZero();
    assertThat(new TrimmedMean(TrimmedMean.DEFAULT_BETA).trimmed(10)).isEqualTo(1);
    assertThat(new TrimmedMean(TrimmedMean.DEFAULT_BETA).trimmed(29)).isEqualTo(2);
  }

  @Test
  void aBetaOfOneHalfIsRejected() {
    assertThatThrownBy(() -> new TrimmedMean(0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesASortBasedReferenceOnRandomInputs() {
    java.util.Random rng = new java.util.Random(9);
    for (int trial = 0; trial < 50; trial++) {
      int n = 3 + rng.nextInt(40);
      double[][] rows = new double[n][7];
      for (double[] row : rows) {
        for (int j = 0; j < row.length; j++) {
          row[j] = rng.nextInt(5) == 0 ? rng.nextInt(3) : rng.nextGaussian() * 10;
        }
      }
      double beta = rng.nextDouble() * 0.45;
      int k = (int) Math.floor(beta * n);
      if (n - 2 * k < 1) {
        continue;
      }
      List<ClientUpdate> u = updates(rows);
      double[] got = new TrimmedMean(beta).aggregate(u, context(u, new double[7]));
      for (int j = 0; j < 7; j++) {
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
          col[i] = rows[i][j];
        }
        java.util.Arrays.sort(col);
        double s = 0;
        for (int i = k; i < n - k; i++) {
          s += col[i];
        }
        // the rule sums the n values clamped to [L, H] and removes k (L + H): at most 2n terms of
        // magnitude <= max |x|, so with the reference's own sum the two differ by at most
        // 2 (2n + 1) 2^-53 (2n max|x|) before dividing by n - 2k
        double max = Math.max(Math.abs(col[0]), Math.abs(col[n - 1]));
        double bound = 2 * (2 * n + 1) * 0x1p-53 * (2 * n * max) / (n - 2 * k);
        assertThat(got[j]).isCloseTo(s / (n - 2 * k), within(bound));
      }
    }
  }
}
