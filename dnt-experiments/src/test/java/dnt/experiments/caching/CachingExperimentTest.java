package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.experiments.report.ResultsRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caching experiment as one run: what a command line calls with resolved settings. */
final class CachingExperimentTest {
  @TempDir Path dir;

  @Test
  void aRunWritesTheStudysTablesAndReloadableSettings() throws Exception {
    CachingRunSettings settings =
        CachingRunSettings.resolve(
            Optional.empty(), true, Map.of("seeds", 1, "seed", 9, "agentKind", "DDQN"));
    assertThat(settings.agent()).isEqualTo("ddqn");
    List<CachingStudy.Result> reps;
    Path runDir;
    try (ResultsRun run = ResultsRun.start(dir.resolve("a"), "caching", 9, 1)) {
      reps = new CachingExperiment(settings, (d, t, m) -> {}).run(run);
      run.finish("test");
      runDir = run.dir();
    }
    assertThat(reps).hasSize(1);

    // the same study run and reported by hand gives the same metrics
    Path byHand;
    try (ResultsRun run = ResultsRun.start(dir.resolve("b"), "caching", 9, 1)) {
      CachingReport.write(
          run,
          new CachingStudy(settings.study(), "ddqn").run(9, 1, (d, t, m) -> {}),
          settings.study());
      run.finish("test");
      byHand = run.dir();
    }
    assertThat(Files.readString(runDir.resolve("metrics.csv")))
        .isEqualTo(Files.readString(byHand.resolve("metrics.csv")));

    // the written config.yaml reproduces the settings
    assertThat(
            CachingRunSettings.resolve(Optional.of(runDir.resolve("config.yaml")), false, Map.of()))
        .isEqualTo(settings);
    assertThat(Files.readString(runDir.resolve("manifest.json")))
        .contains(CachingExperiment.NOTE.substring(0, 30));
  }

  @Test
  void anUnknownAgentIsRefusedWithTheKnownNames() {
    assertThatThrownBy(
            () -> CachingRunSettings.resolve(Optional.empty(), true, Map.of("agentKind", "sarsa")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown agent 'sarsa'; known: ddqn, ppo-lagrangian");
  }
}
