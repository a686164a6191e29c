package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.util.Progress;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.LocalTraining;
import dnt.learn.forecast.Windows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clustering diagnostics against hand-worked profiles and the engine's own partition. */
final class ClusterDiagnosticsTest {
  private static FlClient station(String id, double... profile) {
    return new FlClient(id, 0, 0, tinyWindows(), List.of(), profile, 1, 1e6);
  }

  private static Windows tinyWindows() {
    ForecastingStudy s =
        new ForecastingStudy(
            ForecastingStudyTest.config(), ForecastingStudyTest.data(), Progress.NONE);
    return s.clients(1).get(0).train();
  }

  @Test
  void twoStationsOfOneShapeAndOneReversedGiveTheHandWorkedFigures() {
    // a and b have the same shape (b = 2a + 5), c is a reversed: standardised, a = b = (-s, 0, s)
    // with s = sqrt(3/2), c = (s, 0, -s); correlations r_ab = 1, r_ac = r_bc = -1
    List<FlClient> st =
        List.of(station("a", 0, 1, 2), station("b", 5, 7, 9), station("c", 2, 1, 0));
    ClusterDiagnostics two = ClusterDiagnostics.of(st, new int[] {0, 0, 1}, 7);
    // the exact values are 1, -1/3, -1; the tolerance is float rounding of sums of 3 terms
    assertThat(two.betweenShare()).isCloseTo(1.0, within(1e-12));
    assertThat(two.meanCorrelation()).isCloseTo(-1.0 / 3, within(1e-12));
    assertThat(two.minCorrelation()).isCloseTo(-1.0, within(1e-12));
    assertThat(two.sizes()).containsExactly(2, 1);
    assertThat(two.k()).isEqualTo(2);
    assertThat(ClusterDiagnostics.of(st, new int[] {0, 0, 0}, 7).betweenShare()).isZero();
    // {a, c} against {b}: centres (0, 0, 0) and (-s, 0, s), grand mean (-s/3, 0, s/3);
    // between = 2 |(s/3, 0, -s/3)|^2 + |(-2s/3, 0, 2s/3)|^2 = 4 s^2 / 9 + 8 s^2 / 9 = 12 s^2 / 9;
    // total = |a - mean|^2 + |b - mean|^2 + |c - mean|^2 = 8 s^2 / 9 + 8 s^2 / 9 + 32 s^2 / 9
    ClusterDiagnostics mixed = ClusterDiagnostics.of(st, new int[] {0, 1, 0}, 7);
    assertThat(mixed.betweenShare()).isCloseTo(12.0 / 48, within(1e-12));
  }

  @Test
  void thePartitionIsTheOneTheClusteredVTwinEndsWith() {
    FlConfig cfg = ForecastingStudyTest.config(); // 2 clusters, 2 rounds
    ForecastingStudy study = new ForecastingStudy(cfg, ForecastingStudyTest.data(), Progress.NONE);
    List<FlClient> clients = study.clients(5);
    int[] engine;
    try (LocalTraining pool = new LocalTraining(study.architecture(), 1)) {
      engine =
          study.createTwin(pool, clients, study.defaultHooks(), true, 5).federated().clusters();
    }
    assertThat(
            ClusterDiagnostics.vTwinPartition(
                clients, cfg.syncSettings(true), cfg.clustering().clusters(), 5))
        .containsExactly(engine);
  }
}
