package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The t quantile, the 95% interval and the paired interval against independent values. */
final class StatsTest {
  @Test
  void tQuantilesMatchClosedFormsAndPrintedTables() {
    // df 1 is the Cauchy distribution: t = tan(pi (p - 1/2)); df 2: t = (2p - 1) / sqrt(2p(1-p)).
    // Both closed forms are exact; the bound 1e-8 covers Commons Math's root-finder accuracy.
    assertThat(Stats.tQuantile(0.975, 1)).isCloseTo(Math.tan(Math.PI * 0.475), within(1e-8));
    assertThat(Stats.tQuantile(0.975, 2))
        .isCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), within(1e-8));
    // Printed tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2) give 4 decimals: the bound 5e-5 is
    // half a unit of their last digit.
    assertThat(Stats.tQuantile(0.975, 3)).isCloseTo(3.1824, within(5e-5));
    assertThat(Stats.tQuantile(0.975, 4)).isCloseTo(2.7764, within(5e-5));
    assertThat(Stats.tQuantile(0.975, 10)).isCloseTo(2.2281, within(5e-5));
    assertThat(Stats.tQuantile(0.975, 30)).isCloseTo(2.0423, within(5e-5));
    assertThat(Stats.tQuantile(0.975, 100)).isCloseTo(1.9840, within(5e-5));
  }

  @Test
  void intervalMatchesHandComputedStudentT() {
    // values 1..5: mean 3, sample sd sqrt(2.5), t(0.975, 4) = 2.7764 from the table;
    // its rounding (5e-5) times sd / sqrt(n) = 0.707 bounds the error by 3.6e-5
    Stats.MeanCi ci = Stats.meanCi95(1, 2, 3, 4, 5);
    assertThat(ci.mean()).isEqualTo(3.0);
    assertThat(ci.halfWidth()).isCloseTo(2.7764 * Math.sqrt(2.5) / Math.sqrt(5), within(4e-5));
    assertThat(ci.hasInterval()).isTrue();
    assertThat(ci.format("%.2f")).isEqualTo("3.00 ± 1.96");
  }

  @Test
  void oneValueHasNoIntervalAndPrintsTheMeanAlone() {
    Stats.MeanCi one = Stats.meanCi95(7);
    assertThat(one.mean()).isEqualTo(7);
    assertThat(one.hasInterval()).isFalse();
    assertThat(one.halfWidth()).isNaN();
    assertThat(one.format("%.3f")).isEqualTo("7.000");
    assertThat(one.halfWidthCsv("%.3f")).isEmpty();
    assertThat(one.below(100)).isFalse();
    assertThat(one.above(-100)).isFalse();
  }

  @Test
  void thePairedIntervalIsSignificantWhereTheMeansIntervalsOverlap() {
    // the seeds move both methods together; a is higher than b on every seed
    double[] a = {1.0, 2.0, 3.0, 4.0};
    double[] b = {0.5, 1.7, 2.4, 3.9};
    Stats.MeanCi ma = Stats.meanCi95(a);
    Stats.MeanCi mb = Stats.meanCi95(b);
    assertThat(ma.low()).isLessThan(mb.high()); // the means' intervals overlap
    Stats.MeanCi d = Stats.pairedDifference95(a, b);
    // differences 0.5, 0.3, 0.6, 0.1: mean 0.375, sample variance 0.1475 / 3;
    // t(0.975, 3) = 3.1824 (table, +-5e-5, times sd / 2 = 0.111 gives 5.6e-6)
    assertThat(d.mean()).isCloseTo(0.375, within(1e-12));
    assertThat(d.halfWidth())
        .isCloseTo(3.1824 * Math.sqrt(0.1475 / 3) / Math.sqrt(4), within(1e-5));
    assertThat(d.above(0)).isTrue();
    assertThat(Stats.lowerVerdict(Stats.pairedDifference95(b, a), "%.3f")).startsWith("holds (");
    assertThat(Stats.lowerVerdict(d, "%.3f")).startsWith("does not hold (");
  }

  @Test
  void verdictsSayInconclusiveOrSingleSeed() {
    Stats.MeanCi mixed = Stats.pairedDifference95(new double[] {1, 2}, new double[] {2, 1});
    assertThat(Stats.lowerVerdict(mixed, "%.3f")).startsWith("inconclusive");
    Stats.MeanCi one = Stats.pairedDifference95(new double[] {1}, new double[] {2});
    assertThat(Stats.lowerVerdict(one, "%.3f"))
        .startsWith("holds in direction (one seed, no interval")
        .doesNotContain("±")
        .doesNotContain("NaN");
  }
}
