package dnt.learn.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.util.Seeds;
import org.junit.jupiter.api.Test;

/** Data poisoning of traffic series, against hand-computed series. */
final class SeriesPoisoningTest {
  private static final double[] Y = {1, 2, 3, 4};

  @Test
  void scaleShiftAndFlipTransformTheSeriesAsSpecified() {
    assertThat(SeriesPoisoning.scale(2).apply(Y, Seeds.generator(1))).containsExactly(2, 4, 6, 8);
    // population std of {1,2,3,4} = sqrt(1.25)
    double[] s = SeriesPoisoning.shift(2).apply(Y, Seeds.generator(1));
    // mean and std of four small integers, then one shift: a few ulps of 3.2 (~1e-15)
    assertThat(s[0]).isCloseTo(1 + 2 * Math.sqrt(1.25), within(1e-12));
    assertThat(SeriesPoisoning.flip().apply(Y, Seeds.generator(1))).containsExactly(4, 3, 2, 1);
    assertThat(Y).containsExactly(1, 2, 3, 4);
  }

  @Test
  void replayCopiesTheOtherCellsSeries() {
    assertThat(SeriesPoisoning.replay(new double[] {9, 8, 7, 6, 5}).apply(Y, Seeds.generator(1)))
        .containsExactly(9, 8, 7, 6);
  }

  @Test
  void spikesHitAboutTheRequestedFractionByTheFactor() {
    double[] y = new double[10_000];
    java.util.Arrays.fill(y, 1);
    double[] out = SeriesPoisoning.spikes(0.05, 5).apply(y, Seeds.generator(3));
    int hit = 0;
    for (double v : out) {
      assertThat(v).isIn(1.0, 5.0);
      hit += v == 5 ? 1 : 0;
    }
    // Binomial(10,000, 0.05): mean 500, standard deviation 21.8; the window is 4.6 sigma
    assertThat(hit).isBetween(400, 600);
  }
}
