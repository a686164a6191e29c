package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The out-of-place selection agrees with a full sort on random and on duplicate-heavy columns, at
 * an offset inside a larger buffer, and never modifies its input.
 */
final class ColumnSelectorTest {
  private static final int OFFSET = 5;

  @Provide
  Arbitrary<double[]> columns() {
    // + 0.0 turns -0.0 into 0.0: the two zeros are equal values but not equal Doubles
    Arbitrary<Double> spread = Arbitraries.doubles().between(-1e3, 1e3).map(x -> x + 0.0);
    Arbitrary<Double> fewDistinct = Arbitraries.integers().between(-2, 2).map(i -> (double) i);
    Arbitrary<double[]> random = spread.array(double[].class).ofMinSize(1).ofMaxSize(250);
    Arbitrary<double[]> duplicates = fewDistinct.array(double[].class).ofMinSize(1).ofMaxSize(250);
    Arbitrary<double[]> mixed =
        Arbitraries.oneOf(spread, fewDistinct).array(double[].class).ofMinSize(1).ofMaxSize(250);
    return Arbitraries.oneOf(random, duplicates, mixed);
  }

  @Property(tries = 300)
  void everyRankMatchesTheSortedColumn(
      @ForAll("columns") double[] column, @ForAll @IntRange(min = 0, max = 10_000) int rank) {
    double[] buffer = padded(column);
    double[] before = buffer.clone();
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    int n = column.length;
    int k = rank % n;
    ColumnSelector selector = new ColumnSelector(n);
    assertThat(selector.kth(buffer, OFFSET, n, k)).isEqualTo(sorted[k]);
    assertThat(Arrays.equals(buffer, before)).as("input unchanged").isTrue();
  }

  @Property(tries = 300)
  void medianAndQuantilesMatchTheSortedColumn(
      @ForAll("columns") double[] column, @ForAll @IntRange(min = 0, max = 100) int percent) {
    double[] buffer = padded(column);
    double[] before = buffer.clone();
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    int n = column.length;
    ColumnSelector selector = new ColumnSelector(n);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    assertThat(selector.median(buffer, OFFSET, n)).isEqualTo(median);
    double p = percent / 100.0;
    double pos = p * (n - 1);
    int k = (int) Math.floor(pos);
    double expected =
        k + 1 >= n || pos == k ? sorted[k] : sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k]);
    assertThat(selector.quantile(buffer, OFFSET, n, p)).isEqualTo(expected);
    assertThat(Arrays.equals(buffer, before)).as("input unchanged").isTrue();
  }

  @Property(tries = 300)
  void symmetricRanksAndTrimmedSumsMatchTheSortedColumn(
      @ForAll("columns") double[] column, @ForAll @IntRange(min = 0, max = 10_000) int trim) {
    double[] buffer = padded(column);
    double[] before = buffer.clone();
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    int n = column.length;
    int k = trim % ((n + 1) / 2);
    ColumnSelector selector = new ColumnSelector(n);
    selector.symmetricRanks(buffer, OFFSET, n, k);
    assertThat(selector.lower()).isEqualTo(sorted[k]);
    assertThat(selector.upper()).isEqualTo(sorted[n - 1 - k]);
    double middle = 0;
    for (int i = k; i < n - k; i++) {
      middle += sorted[i];
    }
    // the clamped sum holds n terms of magnitude <= max |x| and k (L + H) is removed from it; with
    // the reference's own summation the two differ by at most 2 (2n + 1) 2^-53 (2n max|x|)
    double max = Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1]));
    assertThat(TrimmedMean.trimmedSum(buffer, OFFSET, n, k, selector))
        .isCloseTo(middle, within(2 * (2 * n + 1) * 0x1p-53 * (2 * n * max)));
    assertThat(Arrays.equals(buffer, before)).as("input unchanged").isTrue();
  }

  @Property(tries = 200)
  void medianAbsoluteDeviationMatchesTheSortedDeviations(@ForAll("columns") double[] column) {
    double[] buffer = padded(column);
    double[] before = buffer.clone();
    int n = column.length;
    ColumnSelector selector = new ColumnSelector(n);
    double centre = selector.median(buffer, OFFSET, n);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(column[i] - centre);
    }
    Arrays.sort(dev);
    double expected = n % 2 == 1 ? dev[n / 2] : (dev[n / 2 - 1] + dev[n / 2]) / 2;
    assertThat(selector.medianAbsoluteDeviation(buffer, OFFSET, n, centre)).isEqualTo(expected);
    assertThat(Arrays.equals(buffer, before)).as("input unchanged").isTrue();
  }

  @Property(tries = 100)
  void aSelectorIsReusableAcrossColumnsOfDifferentLengths(
      @ForAll("columns") double[] first, @ForAll("columns") double[] second) {
    ColumnSelector selector = new ColumnSelector(Math.max(first.length, second.length));
    for (double[] column : new double[][] {first, second, first}) {
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      assertThat(selector.kth(column, 0, column.length, column.length / 3))
          .isEqualTo(sorted[column.length / 3]);
    }
  }

  private static double[] padded(double[] column) {
    double[] buffer = new double[column.length + 2 * OFFSET];
    Arrays.fill(buffer, Double.NaN);
    System.arraycopy(column, 0, buffer, OFFSET, column.length);
    return buffer;
  }
}
