package dnt.data.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-cell z-scores use the training mean and sample std, and invert exactly. */
final class ZScoreTest {
  private static TrafficDataset data(float[]... perCell) {
    float[][][] v = new float[perCell.length][perCell[0].length][1];
    for (int c = 0; c < perCell.length; c++) {
      for (int t = 0; t < perCell[c].length; t++) {
        v[c][t][0] = perCell[c][t];
      }
    }
    List<CellId> cells =
        perCell.length == 1 ? List.of(CellId.of(5)) : List.of(CellId.of(5), CellId.of(6));
    return TrafficDataset.of(cells, 0, Duration.ofMinutes(10), List.of(Service.INTERNET), v);
  }

  @Test
  void statisticsAreTheMeanAndSampleStdOfEachCell() {
    // Cell 5: 2, 4, 4, 4, 5, 5, 7, 9 -> mean 5, sum of squares 32, sample std sqrt(32 / 7).
    ZScore z =
        ZScore.fit(
            data(new float[] {2, 4, 4, 4, 5, 5, 7, 9}, new float[] {1, 1, 1, 1, 1, 1, 1, 3}));
    assertThat(z.mean(CellId.of(5), Service.INTERNET)).isEqualTo(5.0);
    // integer sums are exact; the division and the square root round once each (~1e-16)
    assertThat(z.std(CellId.of(5), Service.INTERNET)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    assertThat(z.mean(CellId.of(6), Service.INTERNET)).isEqualTo(10.0 / 8);
  }

  @Test
  void applyUsesTrainingStatisticsAndInvertRestoresRawValues() {
    ZScore z = ZScore.fit(data(new float[] {1, 3}));
    // mean 2, sample std sqrt(2)
    TrafficDataset test = data(new float[] {2, 2 + (float) Math.sqrt(2)});
    TrafficDataset n = z.apply(test);
    // z is exact in double but for three float32 roundings (of sqrt 2, of 2 + sqrt 2 and of z),
    // each
    // at most 2^-24 relative to values below 4: |z - 1| <= 2.5e-7
    assertThat(n.value(0, 0, Service.INTERNET)).isCloseTo(0, within(1e-6));
    assertThat(n.value(0, 1, Service.INTERNET)).isCloseTo(1, within(1e-6));
    TrafficDataset back = z.invert(n);
    // z's error times std sqrt 2 (3.5e-7) plus one float32 rounding of 3.41 (1.2e-7): 5e-7
    assertThat(back.value(0, 1, Service.INTERNET))
        .isCloseTo(test.value(0, 1, Service.INTERNET), within(1e-6));
    assertThat(
            z.denormalise(
                z.normalise(7.5, CellId.of(5), Service.INTERNET), CellId.of(5), Service.INTERNET))
        .isCloseTo(7.5, within(1e-12)); // in double: a few ulps of 7.5 (~4e-15)
  }

  @Test
  void aConstantSeriesIsRejectedNamingTheCell() {
    assertThatThrownBy(() -> ZScore.fit(data(new float[] {1, 2, 3}, new float[] {4, 4, 4})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cell 6")
        .hasMessageContaining("constant");
  }

  @Test
  void applyingToAnUnfittedCellIsRejected() {
    ZScore z = ZScore.fit(data(new float[] {1, 2, 3}));
    TrafficDataset other =
        TrafficDataset.of(
            List.of(CellId.of(9)),
            0,
            Duration.ofMinutes(10),
            List.of(Service.INTERNET),
            new float[1][3][1]);
    assertThatThrownBy(() -> z.apply(other)).hasMessageContaining("cell 9");
  }
}
