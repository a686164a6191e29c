package dnt.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.data.prep.ZScore;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of the dataset operations on random data. */
final class TrafficDatasetPropertiesTest {
  private static TrafficDataset random(long seed, int cells, int length) {
    Random rng = new Random(seed);
    float[][][] v = new float[cells][length][2];
    List<CellId> ids = new java.util.ArrayList<>();
    for (int c = 0; c < cells; c++) {
      ids.add(CellId.of(c + 1));
      for (int t = 0; t < length; t++) {
        v[c][t][0] = rng.nextInt(1000) / 8f;
        v[c][t][1] = rng.nextInt(1000) / 4f;
      }
    }
    return TrafficDataset.of(
        ids, 0, Duration.ofMinutes(10), List.of(Service.SMS_IN, Service.INTERNET), v);
  }

  @Property(tries = 50)
  void resamplingKeepsTheTotalOfTheWholeGroups(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int cells,
      @ForAll @IntRange(min = 1, max = 40) int length,
      @ForAll @IntRange(min = 1, max = 8) int factor) {
    TrafficDataset d = random(seed, cells, length);
    TrafficDataset r = d.resample(factor);
    assertThat(r.length()).isEqualTo(length / factor);
    for (int c = 0; c < cells; c++) {
      double before = 0;
      for (int t = 0; t < r.length() * factor; t++) {
        before += d.value(c, t, Service.INTERNET);
      }
      double after = 0;
      for (double x : r.series(c, Service.INTERNET)) {
        after += x;
      }
      // values are multiples of 1/4 below 250, so every sum of at most 40 of them is a multiple of
      // 1/4 below 10,000: exact in double and in the float32 of the resampled series
      assertThat(after).isEqualTo(before);
    }
  }

  @Property(tries = 50)
  void slicesConcatenateBackToTheWhole(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 30) int length,
      @ForAll @IntRange(min = 0, max = 30) int cut) {
    TrafficDataset d = random(seed, 2, length);
    int k = Math.min(cut, length);
    TrafficDataset a = d.slice(0, k);
    TrafficDataset b = d.slice(k, length);
    assertThat(b.startMillis()).isEqualTo(d.timeOf(k));
    for (int t = 0; t < length; t++) {
      double expected = d.value(1, t, Service.SMS_IN);
      double actual = t < k ? a.value(1, t, Service.SMS_IN) : b.value(1, t - k, Service.SMS_IN);
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Property(tries = 50)
  void zScoredTrainingDataHasMeanZeroAndSampleStdOneAndInvertsBack(
      @ForAll long seed, @ForAll @IntRange(min = 3, max = 50) int length) {
    TrafficDataset d = random(seed, 3, length);
    ZScore z;
    try {
      z = ZScore.fit(d);
    } catch (dnt.core.InvalidInputException constant) {
      return; // a constant random series: rejected by design
    }
    TrafficDataset n = z.apply(d);
    for (int c = 0; c < 3; c++) {
      double[] x = n.series(c, Service.INTERNET);
      double mean = java.util.Arrays.stream(x).average().orElseThrow();
      double ss = java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum();
      // each z is exact in double but for its float32 rounding, 2^-24 |z|: that moves the mean by
      // at most 2^-24 mean|z| <= 2^-24 = 6e-8 (mean|z| <= 1 by Cauchy-Schwarz) and the sample
      // std by at most 2^-24 relative
      assertThat(mean).isCloseTo(0, within(1.2e-7));
      assertThat(Math.sqrt(ss / (length - 1))).isCloseTo(1, within(1.2e-7));
      double[] back = z.invert(n).series(c, Service.INTERNET);
      double[] orig = d.series(c, Service.INTERNET);
      // z's rounding times std is 2^-24 |x - mean| <= 2^-24 x 250, plus the float32 rounding of
      // the result, 2^-24 x 250: under 2 ulp(250f) = 3e-5
      for (int t = 0; t < length; t++) {
        assertThat(back[t]).isCloseTo(orig[t], within(2.0 * Math.ulp(250f)));
      }
    }
  }
}
