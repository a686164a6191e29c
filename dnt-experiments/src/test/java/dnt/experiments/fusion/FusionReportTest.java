package dnt.experiments.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fusion study's summary, against numbers worked by hand. */
final class FusionReportTest {
  @Test
  void quantilesAreNearestRank() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(FusionReport.quantile(v, 0.1)).isEqualTo(1);
    assertThat(FusionReport.quantile(v, 0.5)).isEqualTo(5);
    assertThat(FusionReport.quantile(v, 0.9)).isEqualTo(9);
    // rank ceil(0.5 * 3) = 2 of three values
    assertThat(FusionReport.quantile(new double[] {1, 2, 3}, 0.5)).isEqualTo(2);
    assertThat(FusionReport.quantile(new double[0], 0.5)).isNaN();
  }

  /** Ten users per model, SINR 1..10 dB under umi, shifted by a model's offset. */
  private static List<FusionStudy.Row> seed(long seed, double raymap, double fused) {
    List<FusionStudy.Row> rows = new ArrayList<>();
    for (String model : FusionStudy.MODELS) {
      double offset = model.equals("umi") ? 0 : model.equals("raymap") ? raymap : fused;
      for (int u = 0; u < 10; u++) {
        rows.add(new FusionStudy.Row(seed, model, u, u, 0, 1, -80, u + 1 + offset));
      }
    }
    return rows;
  }

  @Test
  void theSummaryAveragesEachSeedsPercentilesAndPairsTheMedians() {
    // seed 1: raymap +2 dB, fused +1 dB; seed 2: raymap +4 dB, fused +1 dB over umi
    double[][][] q = FusionReport.percentiles(List.of(seed(1, 2, 1), seed(2, 4, 1)));
    List<FusionReport.Summary> s = FusionReport.summary(q);
    assertThat(s).extracting(FusionReport.Summary::model).isEqualTo(FusionStudy.MODELS);
    // umi: p10 = 1, median = 5, p90 = 9 in both seeds, so no spread
    assertThat(s.get(0).p10().mean()).isEqualTo(1);
    assertThat(s.get(0).median().mean()).isEqualTo(5);
    assertThat(s.get(0).median().halfWidth()).isZero();
    assertThat(s.get(0).p90().mean()).isEqualTo(9);
    assertThat(s.get(0).medianMinusUmi().mean()).isZero();
    // raymap: medians 7 and 9, mean 8; half-width t(0.975, 1) * sd / sqrt(2) with sd = sqrt(2),
    // t(0.975, 1) = 12.7062047 (tables); 1e-6 covers the tabulated digits
    assertThat(s.get(1).median().mean()).isEqualTo(8);
    assertThat(s.get(1).median().halfWidth()).isCloseTo(12.7062047, within(1e-6));
    // the paired difference from umi: 2 and 4, the same interval
    assertThat(s.get(1).medianMinusUmi().mean()).isEqualTo(3);
    assertThat(s.get(1).medianMinusUmi().halfWidth()).isCloseTo(12.7062047, within(1e-6));
    // fused: +1 in both seeds, no spread
    assertThat(s.get(2).medianMinusUmi().mean()).isEqualTo(1);
    assertThat(s.get(2).medianMinusUmi().halfWidth()).isZero();
    assertThat(s.get(2).seeds()).isEqualTo(2);
  }
}
