package dnt.experiments.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanSubset;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import org.junit.jupiter.api.Test;

/**
 * The shared preparation of the poisoning and privacy studies, checked against a z-score computed
 * here by hand from the raw 10-minute series.
 */
final class HourlyMlpSetupTest {
  private static final TrafficDataset DATA = MilanSubset.load();

  /** Cell c's hourly internet series z-scored on the first trainDays days, computed directly. */
  private static double[] byHand(int c, int trainDays) {
    double[] raw = DATA.series(c, Service.INTERNET);
    double[] hourly = new double[raw.length / 6];
    for (int t = 0; t < hourly.length; t++) {
      for (int k = 0; k < 6; k++) {
        hourly[t] += raw[6 * t + k];
      }
    }
    int n = trainDays * 24;
    double mean = 0;
    for (int t = 0; t < n; t++) {
      mean += hourly[t] / n;
    }
    double ss = 0;
    for (int t = 0; t < n; t++) {
      ss += (hourly[t] - mean) * (hourly[t] - mean);
    }
    double std = Math.sqrt(ss / (n - 1));
    double[] z = new double[hourly.length];
    for (int t = 0; t < z.length; t++) {
      z[t] = (hourly[t] - mean) / std;
    }
    return z;
  }

  @Test
  void theSeriesIsTheHourlySumZScoredOnTheTrainingDaysOnly() {
    for (int trainDays : new int[] {9, 16}) {
      HourlyMlpSetup setup = new HourlyMlpSetup(DATA, trainDays, 8);
      assertThat(setup.cellCount()).isEqualTo(DATA.cellCount());
      assertThat(setup.cell(3)).isEqualTo(DATA.cells().get(3));
      for (int c : new int[] {0, 7}) {
        double[] expected = byHand(c, trainDays);
        double[] got = setup.normalisedSeries(c);
        assertThat(got).hasSize(expected.length);
        for (int t = 0; t < got.length; t += 37) {
          // the dataset stores the hourly sums and the z values as float32 (relative rounding
          // 2^-24, about 6e-8; 1.3e-8 seen here), so 1e-5 bounds it; a population instead of a
          // sample std would be off by |z| / (2 n) = |z| * 1.3e-3 (n = 384 hours)
          assertThat(got[t]).as("cell %d hour %d", c, t).isCloseTo(expected[t], within(1e-5));
        }
      }
    }
  }

  @Test
  void theWindowsTargetTheHoursAskedForWithTheFeddaHistory() {
    HourlyMlpSetup setup = new HourlyMlpSetup(DATA, 16, 8);
    double[] z = setup.normalisedSeries(2);
    int history = WindowSpec.fedda(24).history();
    assertThat(history).isEqualTo(72); // the same hour on the 3 previous days

    Windows train = setup.trainWindows(2, "cell");
    assertThat(train.count()).isEqualTo(16 * 24 - history);
    assertThat(train.target()[0]).isEqualTo((float) z[history]);
    assertThat(train.target()[train.count() - 1]).isEqualTo((float) z[16 * 24 - 1]);

    Windows test = setup.windows(2, HourlyMlpSetup.TEST_FROM_DAY * 24, 30 * 24, "cell");
    assertThat(test.count()).isEqualTo(7 * 24);
    assertThat(test.target()[0]).isEqualTo((float) z[23 * 24]);
    assertThat(test.target()[test.count() - 1]).isEqualTo((float) z[30 * 24 - 1]);
  }

  @Test
  void theModelIsTheOneHiddenLayerMlpWithTheSharedRecipe() {
    HourlyMlpSetup setup = new HourlyMlpSetup(DATA, 16, 8);
    assertThat(setup.architecture().windows()).isEqualTo(WindowSpec.fedda(24));
    assertThat(setup.architecture().name()).isEqualTo("mlp");
    assertThat(setup.recipe())
        .isEqualTo(new TrainingRecipe(1, 32, TrainingRecipe.Optimizer.SGD, 0.05, 0.9, false));
  }

  @Test
  void fewerThanThirtyDaysAreRefused() {
    TrafficDataset short29 = DATA.slice(0, 29 * 24 * 6);
    assertThatThrownBy(() -> new HourlyMlpSetup(short29, 16, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the study needs 30 days of data, got 696 hours");
  }
}
