package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quickselect agrees with sorting, including heavy ties and tiny slices. */
final class SelectTest {
  @Test
  void everyRankMatchesTheSortedArray() {
    Random rng = new Random(1);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + rng.nextInt(120);
      double[] a = new double[n + 6];
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.nextInt(4) == 0 ? rng.nextInt(3) : rng.nextGaussian();
      }
      double[] sorted = Arrays.copyOfRange(a, 3, 3 + n);
      Arrays.sort(sorted);
      int k = rng.nextInt(n);
      double[] b = a.clone();
      assertThat(Select.kth(b, 3, 3 + n, k)).isEqualTo(sorted[k]);
      assertThat(b[3 + k]).isEqualTo(sorted[k]);
      for (int i = 3; i < 3 + k; i++) {
        assertThat(b[i]).isLessThanOrEqualTo(sorted[k]);
      }
      for (int i = 3 + k + 1; i < 3 + n; i++) {
        assertThat(b[i]).isGreaterThanOrEqualTo(sorted[k]);
      }
      // the slice's outside is untouched
      assertThat(Arrays.copyOfRange(b, 0, 3)).containsExactly(Arrays.copyOfRange(a, 0, 3));
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assertThat(Select.median(a.clone(), 3, n)).isEqualTo(median);
    }
  }

  @Test
  void quantilesInterpolateLinearlyBetweenOrderStatistics() {
    double[] a = {40, 10, 30, 20};
    // type 7: position p (n - 1); p = 0.25 -> 0.75 between 10 and 20 -> 17.5
    assertThat(Select.quantile(a.clone(), 0, 4, 0.25)).isEqualTo(17.5);
    assertThat(Select.quantile(a.clone(), 0, 4, 1.0)).isEqualTo(40.0);
    assertThat(Select.quantile(a.clone(), 0, 4, 0.0)).isEqualTo(10.0);
  }
}
