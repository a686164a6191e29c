package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.util.Progress;
import dnt.data.store.IngestOptions;
import dnt.data.store.TrafficStore;
import dnt.data.synth.SynthConfig;
import dnt.data.synth.SyntheticMilan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forecasting run on a store of synthetic data says so in its report; one on real data not. */
final class SyntheticLabelTest {
  @TempDir Path dir;

  private String report(Path rawFile, String name) throws Exception {
    Path store = dir.resolve(name + ".duckdb");
    try (TrafficStore s = TrafficStore.create(store)) {
      s.ingest(List.of(rawFile), IngestOptions.defaults());
    }
    ForecastingSettings settings =
        ForecastingSettings.resolve(
            Optional.empty(),
            Optional.empty(),
            Map.of(
                "run.data",
                store.toString(),
                "run.seed",
                1,
                "run.methods",
                List.of("persistence"),
                "run.syntheticCells",
                3));
    Path run =
        ForecastingExperiment.run(
                settings, Optional.empty(), dir.resolve("results-" + name), "test", Progress.NONE)
            .dir()
            .orElseThrow();
    return Files.readString(run.resolve("report.md"));
  }

  @Test
  void aReportOnASyntheticStoreSaysSyntheticAndOneOnRealDataDoesNot() throws Exception {
    List<Path> days =
        SyntheticMilan.bundled().write(SynthConfig.of(3, 15, 1), dir.resolve("raw"), Progress.NONE);
    Path all = dir.resolve("synthetic-15-days.txt");
    for (Path d : days) {
      Files.write(
          all,
          Files.readAllBytes(d),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    assertThat(report(all, "synthetic")).contains("SYNTHETIC");
    // The same bytes under a name that does not mark them synthetic, without a sidecar: the
    // store, and so the report, carries no label.
    Path unlabelled = Files.copy(all, dir.resolve("sms-call-internet-mi-15-days.txt"));
    assertThat(report(unlabelled, "unlabelled")).doesNotContain("SYNTHETIC");
  }
}
