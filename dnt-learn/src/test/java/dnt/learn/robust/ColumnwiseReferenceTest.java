package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocked, transposed column-wise rules agree with a naive sort-per-coordinate reference on
 * inputs whose shape exercises the edges of the fast paths: a row count that is not a multiple of
 * the eight-row transposition, a dimension that ends in a partial block and spans several TID
 * aggregation chunks, heavy ties and outliers.
 */
final class ColumnwiseReferenceTest {
  private static final int N = 13;
  private static final int D = 3 * 1024 + 77;

  private static double[][] rows() {
    Random rng = new Random(11);
    double[][] rows = new double[N][D];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        double x = j % 3 == 0 ? rng.nextInt(3) : rng.nextGaussian();
        rows[i][j] = i % 5 == 0 ? 100 * x : x;
      }
    }
    return rows;
  }

  private static List<ClientUpdate> updates(double[][] rows) {
    List<ClientUpdate> u = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      u.add(ClientUpdate.benign("c" + i, rows[i], 1));
    }
    return u;
  }

  private static double[] sortedColumn(double[][] rows, int j) {
    double[] c = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i][j];
    }
    Arrays.sort(c);
    return c;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static AggregationContext context() {
    return new AggregationContext(0, new double[D], 1, () -> new double[D]);
  }

  @Test
  void medianEqualsTheSortedMiddleOfEveryColumn() {
    double[][] rows = rows();
    double[] got = new CoordinateMedian().aggregate(updates(rows), context());
    for (int j = 0; j < D; j++) {
      assertThat(got[j]).as("coordinate %d", j).isEqualTo(median(sortedColumn(rows, j)));
    }
  }

  @Test
  void trimmedMeanEqualsTheMeanOfTheSortedMiddleOfEveryColumn() {
    double[][] rows = rows();
    TrimmedMean rule = new TrimmedMean(0.2);
    int k = rule.trimmed(N);
    double[] got = rule.aggregate(updates(rows), context());
    for (int j = 0; j < D; j++) {
      double[] c = sortedColumn(rows, j);
      double s = 0;
      for (int i = k; i < N - k; i++) {
        s += c[i];
      }
      // worst case of the clamped sum (TrimmedMeanTest): 2 (2N + 1) 2^-53 (2N max|x|) / (N - 2k)
      // = 4e-12 for N = 13 and |x| <= ~450 (rows 0, 5, 10 are scaled by 100); 1e-12 is tighter
      // than that worst case but holds, as rounding errors of 13 terms partly cancel
      assertThat(got[j]).as("coordinate %d", j).isCloseTo(s / (N - 2 * k), within(1e-12));
    }
  }

  @Test
  void tidEqualsTheMaskedReweightedMeanComputedColumnByColumn() {
    double[][] rows = rows();
    double[] lo = new double[D];
    double[] hi = new double[D];
    long[] kept = new long[N];
    for (int j = 0; j < D; j++) {
      double[] c = sortedColumn(rows, j);
      double med = median(c);
      double[] dev = new double[N];
      for (int i = 0; i < N; i++) {
        dev[i] = Math.abs(c[i] - med);
      }
      Arrays.sort(dev);
      double mad = 1.4826 * median(dev);
      lo[j] = med - 3 * mad;
      hi[j] = med + 3 * mad;
      for (int i = 0; i < N; i++) {
        if (rows[i][j] >= lo[j] && rows[i][j] <= hi[j]) {
          kept[i]++;
        }
      }
    }
    double[] a = new double[N];
    for (int i = 0; i < N; i++) {
      double frac = (double) kept[i] / D;
      a[i] = frac < 0.5 ? 0 : frac * frac;
    }
    TwinInconsistencyDefense tid = new TwinInconsistencyDefense();
    assertThat(tid.clientWeights(updates(rows))).containsExactly(a);
    double[] got = tid.aggregate(updates(rows), context());
    for (int j = 0; j < D; j++) {
      double num = 0;
      double den = 0;
      for (int i = 0; i < N; i++) {
        if (rows[i][j] >= lo[j] && rows[i][j] <= hi[j]) {
          num += a[i] * rows[i][j];
          den += a[i];
        }
      }
      assertThat(got[j]).as("coordinate %d", j).isEqualTo(den > 0 ? num / den : 0);
    }
  }
}
