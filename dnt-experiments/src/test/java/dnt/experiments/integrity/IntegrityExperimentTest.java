package dnt.experiments.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.experiments.report.ResultsRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integrity experiment as one run, at a small size: its files and its own config.yaml. */
final class IntegrityExperimentTest {
  @TempDir Path dir;

  private Path run(IntegrityRunSettings settings, String root) {
    try (ResultsRun run = ResultsRun.start(dir.resolve(root), "integrity", settings.seed(), 2)) {
      List<IntegrityStudy.Result> reps =
          new IntegrityExperiment(settings, (d, t, m) -> {}).run(run);
      assertThat(reps).hasSize(settings.seeds());
      run.finish("test");
      return run.dir();
    }
  }

  @Test
  void aRunWritesItsTablesFiguresAndReportAndItsConfigGivesTheSameMetrics() throws Exception {
    IntegrityRunSettings settings =
        IntegrityRunSettings.resolve(Optional.empty(), Map.of("seeds", 2, "cells", 6));
    Path a = run(settings, "a");
    for (String f :
        List.of(
            "metrics.csv",
            "summary.csv",
            "detection.png",
            "forecast_error.png",
            "report.md",
            "config.yaml",
            "manifest.json")) {
      assertThat(a.resolve(f)).isNotEmptyFile();
    }
    // 2 seeds x 6 streams and the header
    assertThat(Files.readAllLines(a.resolve("metrics.csv"))).hasSize(1 + 12);
    String report = Files.readString(a.resolve("report.md"));
    assertThat(report).contains("95% CI", "Masking lowers the forecast error on all faults");

    IntegrityRunSettings back =
        IntegrityRunSettings.resolve(Optional.of(a.resolve("config.yaml")), Map.of());
    assertThat(back).isEqualTo(settings);
    Path b = run(back, "b");
    assertThat(Files.readAllBytes(b.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(a.resolve("metrics.csv")));
    assertThat(Files.readString(a.resolve("manifest.json")))
        .contains(IntegrityExperiment.NOTE.substring(0, 30), "milan_grid_data.csv");
  }
}
