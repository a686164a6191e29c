package dnt.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class WeightedIndexTest {
  @Test
  void eachDrawIsTheIndexALinearScanOfTheRunningSumsFinds() {
    double[] w = {0, 2.5, 0, 1, 0.25, 0, 4};
    WeightedIndex index = new WeightedIndex(w);
    assertThat(index.total()).isEqualTo(7.75);
    SplittableRandom a = new SplittableRandom(3);
    SplittableRandom b = new SplittableRandom(3);
    for (int k = 0; k < 10_000; k++) {
      double target = b.nextDouble() * 7.75;
      int expected = 0;
      double sum = w[0];
      while (sum <= target) {
        expected++;
        sum += w[expected];
      }
      int got = index.draw(a);
      assertThat(got).isEqualTo(expected);
      assertThat(w[got]).isPositive();
    }
  }

  @Test
  void allWeightsZeroGiveTheLastIndex() {
    assertThat(new WeightedIndex(new double[] {0, 0, 0}).draw(new SplittableRandom(1)))
        .isEqualTo(2);
  }
}
