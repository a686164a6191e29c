package dnt.experiments.changedetection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import dnt.experiments.report.ResultsRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change-detection study at a tiny size, and the injected changes by hand. */
final class ChangeDetectionExperimentTest {
  @TempDir Path dir;

  private static final Map<String, Object> TINY =
      Map.of(
          "seeds", 2,
          "baselineDays", 2,
          "scenariosPerKind", 1,
          "hidden", 4,
          "epochs", 10);

  private void run(ChangeDetectionConfig config, String root) {
    try (ResultsRun run =
        ResultsRun.start(
            dir.resolve(root), ChangeDetectionConfig.EXPERIMENT, config.seed(), config.seeds())) {
      new ChangeDetectionExperiment(config, (d, t, m) -> {}).run(run);
      run.finish("test");
    }
  }

  private Path only(String root) throws Exception {
    try (var s = Files.list(dir.resolve(root).resolve(ChangeDetectionConfig.EXPERIMENT))) {
      return s.findFirst().orElseThrow();
    }
  }

  @Test
  void aTinyRunWritesItsFilesAndReloadsToTheSameMetrics() throws Exception {
    ChangeDetectionConfig config = ChangeDetectionConfig.resolve(Optional.empty(), false, TINY);
    run(config, "a");
    Path a = only("a");
    for (String f : List.of("metrics.csv", "report.md", "config.yaml", "manifest.json")) {
      assertThat(a.resolve(f)).isNotEmptyFile();
    }
    // 2 seeds x (3 kinds x 1 change + 1 clean sequence) x 2 detectors, and the header
    List<String> metrics = Files.readAllLines(a.resolve("metrics.csv"));
    assertThat(metrics).hasSize(1 + 2 * 4 * 2);
    assertThat(metrics.get(0))
        .isEqualTo(
            "seed,detector,change,scenario,station,change_hour,detected,delay_h,false_alarms,"
                + "unchanged_h");
    for (String line : metrics.subList(1, metrics.size())) {
      String[] f = line.split(",", -1);
      // a change comes at least minGapHours (24) after the baseline's end (hour 23 + 48)
      if (!f[2].equals("none")) {
        assertThat(Integer.parseInt(f[5])).isGreaterThanOrEqualTo(23 + 48 + 24);
        assertThat(f[7].isEmpty()).isEqualTo(f[6].equals("0"));
      } else {
        assertThat(f[6]).isEqualTo("0");
      }
    }
    assertThat(Files.readString(a.resolve("report.md")))
        .contains("Detection", "False alarms", "Verdicts");
    ChangeDetectionConfig reloaded =
        ChangeDetectionConfig.resolve(Optional.of(a.resolve("config.yaml")), false, Map.of());
    assertThat(reloaded).isEqualTo(config);
    run(reloaded, "b");
    assertThat(Files.readString(only("b").resolve("metrics.csv")))
        .isEqualTo(Files.readString(a.resolve("metrics.csv")));
  }

  @Test
  void badSettingsAreRefusedWithTheKey() {
    assertThatThrownBy(
            () -> ChangeDetectionConfig.resolve(Optional.empty(), false, Map.of("persist", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("persist");
    assertThatThrownBy(
            () ->
                new ChangeDetectionExperiment(
                    ChangeDetectionConfig.resolve(
                        Optional.empty(), false, Map.of("baselineDays", 40)),
                    (d, t, m) -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hours");
  }

  /** Three stations on a line at 0, 100 and 300 m, four hours of traffic each. */
  static StationTraffic line() {
    return new StationTraffic(
        List.of(new BaseStationId(1), new BaseStationId(2), new BaseStationId(3)),
        List.of(new Position(0, 0), new Position(100, 0), new Position(300, 0)),
        new double[][] {{1, 2, 3, 4}, {10, 20, 30, 40}, {5, 6, 7, 8}});
  }

  @Test
  void aSwitchOffHandsTheStationsTrafficToItsNearestStation() {
    Change.Injected in = new Change(Change.Kind.SWITCH_OFF, 2, 2).apply(line(), 1);
    // station 2's nearest is station 1 (200 m against 300 m)
    assertThat(in.traffic()[2]).containsExactly(5, 6, 0, 0);
    assertThat(in.traffic()[1]).containsExactly(10, 20, 37, 48);
    assertThat(in.traffic()[0]).containsExactly(1, 2, 3, 4);
    assertThat(in.active()[2]).containsExactly(true, true, false, false);
  }

  @Test
  void aNewStationTakesItsTrafficBackAtTheChange() {
    Change.Injected in = new Change(Change.Kind.NEW_STATION, 0, 1).apply(line(), 1);
    assertThat(in.traffic()[0]).containsExactly(0, 2, 3, 4);
    assertThat(in.traffic()[1]).containsExactly(11, 20, 30, 40);
    assertThat(in.active()[0]).containsExactly(false, true, true, true);
  }

  @Test
  void aSimilarityShiftDelaysTheStationsTraffic() {
    Change.Injected in = new Change(Change.Kind.SIMILARITY_SHIFT, 1, 2).apply(line(), 2);
    assertThat(in.traffic()[1]).containsExactly(10, 20, 10, 20);
    assertThat(in.active()[1]).containsExactly(true, true, true, true);
  }
}
