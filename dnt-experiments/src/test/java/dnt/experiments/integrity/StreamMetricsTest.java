package dnt.experiments.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-stream measures on tiny hand-built streams, each answer worked out by hand. */
final class StreamMetricsTest {
  private static boolean[] flags(String pattern) {
    boolean[] d = new boolean[pattern.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = pattern.charAt(i) == 'x';
    }
    return d;
  }

  @Test
  void flagsCountTheSlotsOnWhichAnAlertIsRaised() {
    // raised on slots 2, 7 and 11; flagged on 2..4, 7, 11..12
    boolean[] d = flags("..xxx..x...xx");
    assertThat(StreamMetrics.flags(d)).isEqualTo(3);
    assertThat(StreamMetrics.flagged(d, 0, d.length)).isEqualTo(6);
    assertThat(StreamMetrics.flagged(d, 4, 8)).isEqualTo(2);
    // a stream flagged from its first slot raised one alert
    assertThat(StreamMetrics.flags(flags("xx..."))).isEqualTo(1);
    assertThat(StreamMetrics.flags(flags("....."))).isZero();
  }

  @Test
  void theDelayIsFromTheOnsetToTheFirstFlaggedSlotOfTheFault() {
    boolean[] d = flags("..x......xxx..");
    // fault on [6, 12): first flagged slot inside it is 9
    assertThat(StreamMetrics.detectionDelay(d, 6, 12)).isEqualTo(3);
    // fault on [2, 5): flagged on its onset
    assertThat(StreamMetrics.detectionDelay(d, 2, 5)).isZero();
    // fault on [3, 9): never flagged inside it, though flagged before and after
    assertThat(StreamMetrics.detectionDelay(d, 3, 9)).isEqualTo(-1);
  }

  @Test
  void theForecastErrorReadsTheSlotADayEarlier() {
    int n = 2 * 144 + 2;
    double[] truth = new double[n];
    double[] series = new double[n];
    for (int t = 0; t < n; t++) {
      truth[t] = 10;
      series[t] = 10;
    }
    series[144] = 25; // predicts slot 288: error 15
    series[145] = 4; // predicts slot 289: error 6
    truth[289] = 8; // and the truth there is 8: error |4 - 8| = 4
    assertThat(StreamMetrics.absoluteError(truth, series, 288, 290)).isEqualTo(15 + 4);
    assertThat(StreamMetrics.absoluteSum(truth, 288, 290)).isEqualTo(18);
    // slots 144..287 read slots 0..143 of the series, all equal to the truth, except 144 and 145
    // which read 0 and 1 (10) against a truth of 10: no error
    assertThat(StreamMetrics.absoluteError(truth, series, 144, 288)).isZero();
  }
}
