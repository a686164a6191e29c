package dnt.experiments.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.experiments.harness.Replication;
import dnt.experiments.report.ResultsRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fusion study at a tiny size: its replications, its files and its config.yaml. */
final class FusionExperimentTest {
  @TempDir Path dir;

  private static final Map<String, Object> TINY =
      Map.of("seeds", 2, "citySizeM", 200.0, "stations", 2, "users", 30, "stepM", 20.0);

  private Path run(FusionSettings settings, String name) {
    Path out = dir.resolve(name);
    try (ResultsRun run =
        ResultsRun.startIn(out, FusionSettings.EXPERIMENT, settings.seed(), settings.seeds())) {
      new FusionExperiment(settings, (d, t, m) -> {}).run(run);
      run.finish("test");
    }
    return out;
  }

  @Test
  void aReplicationGivesEveryUserUnderEachModelAndDependsOnItsSeedOnly() {
    FusionSettings s = FusionSettings.resolve(Optional.empty(), TINY);
    FusionStudy study = new FusionStudy(s);
    List<FusionStudy.Row> second = study.replicate(new Replication(1, 43, 2));
    assertThat(second).hasSize(3 * 30);
    for (String model : FusionStudy.MODELS) {
      assertThat(second.stream().filter(r -> r.model().equals(model))).hasSize(30);
    }
    assertThat(second).allMatch(r -> r.seed() == 43);
    // the same seed alone (replication 0 of a run from 43) gives the same rows: seed + i
    assertThat(new FusionStudy(s).replicate(new Replication(0, 43, 1))).isEqualTo(second);
    // the users stand in the same places under every model; only the path loss differs
    List<FusionStudy.Row> umi = second.stream().filter(r -> r.model().equals("umi")).toList();
    List<FusionStudy.Row> map = second.stream().filter(r -> r.model().equals("raymap")).toList();
    for (int u = 0; u < umi.size(); u++) {
      assertThat(map.get(u).x()).isEqualTo(umi.get(u).x());
      assertThat(map.get(u).y()).isEqualTo(umi.get(u).y());
    }
    assertThat(map.stream().map(FusionStudy.Row::sinrDb).toList())
        .isNotEqualTo(umi.stream().map(FusionStudy.Row::sinrDb).toList());
  }

  @Test
  void aRunWritesItsFilesAndItsConfigReloadsToTheSameTables() throws Exception {
    FusionSettings s = FusionSettings.resolve(Optional.empty(), TINY);
    Path a = run(s, "a");
    for (String f :
        List.of("metrics.csv", "summary.csv", "report.md", "config.yaml", "manifest.json")) {
      assertThat(a.resolve(f)).isNotEmptyFile();
    }
    List<String> metrics = Files.readAllLines(a.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("seed,model,user,x,y,serving,rsrp_dbm,sinr_db");
    assertThat(metrics).hasSize(1 + 2 * 3 * 30);
    List<String> summary = Files.readAllLines(a.resolve("summary.csv"));
    assertThat(summary.get(0))
        .isEqualTo(
            "model,seeds,p10_sinr_db,p10_ci95_db,median_sinr_db,median_ci95_db,p90_sinr_db,"
                + "p90_ci95_db,median_minus_umi_db,median_minus_umi_ci95_db");
    assertThat(summary).hasSize(4);
    assertThat(summary.get(1)).startsWith("umi,2,").endsWith(",0.000,0.000");
    assertThat(Files.readString(a.resolve("report.md")))
        .contains("fused's median is higher than umi's: **");
    FusionSettings again = FusionSettings.resolve(Optional.of(a.resolve("config.yaml")), Map.of());
    assertThat(again).isEqualTo(s);
    Path b = run(again, "b");
    for (String f : List.of("metrics.csv", "summary.csv", "report.md")) {
      assertThat(Files.readString(b.resolve(f))).as(f).isEqualTo(Files.readString(a.resolve(f)));
    }
  }

  @Test
  void theCommittedRunsSettingsStillLoad() {
    Path committed = Path.of("../docs/results/raytrace/fusion-20seeds-20261204/config.yaml");
    FusionSettings s = FusionSettings.resolve(Optional.of(committed), Map.of());
    assertThat(s).isEqualTo(new FusionSettings(42, 20, 400, 4, 400, 10, 3.5, 10, 30));
    assertThat(FusionSettings.defaults())
        .isEqualTo(new FusionSettings(42, 5, 400, 4, 400, 10, 3.5, 10, 30));
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> FusionSettings.resolve(Optional.empty(), Map.of("stations", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stations must be 1 to 20");
    assertThatThrownBy(() -> FusionSettings.resolve(Optional.empty(), Map.of("towers", 3)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key 'towers'");
  }
}
