package dnt.experiments.privacy;

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

/** The privacy experiment as one run, at a small size: its files, its control, its config.yaml. */
final class PrivacyExperimentTest {
  @TempDir Path dir;

  private static final Map<String, Object> SMALL =
      Map.of(
          "seeds",
          2,
          "batchSizes",
          List.of(1),
          "iterations",
          5,
          "rounds",
          1,
          "dpEpsilons",
          List.of(8.0),
          "qsgdBits",
          List.of(4),
          "topkDensities",
          List.of(0.1));

  private List<PrivacyStudy.Result> run(PrivacyConfig config, String root) {
    try (ResultsRun run = ResultsRun.start(dir.resolve(root), "privacy", config.seed(), 2)) {
      List<PrivacyStudy.Result> reps = new PrivacyExperiment(config, (d, t, m) -> {}).run(run);
      run.finish("test");
      return reps;
    }
  }

  private Path only(String root) throws Exception {
    try (var s = Files.list(dir.resolve(root).resolve("privacy"))) {
      return s.findFirst().orElseThrow();
    }
  }

  @Test
  void aSmallRunWritesItsFilesPassesItsControlAndReloadsToTheSameMetrics() throws Exception {
    PrivacyConfig config = PrivacyConfig.resolve(Optional.empty(), true, SMALL);
    List<PrivacyStudy.Result> reps = run(config, "a");
    Path a = only("a");
    for (String f :
        List.of(
            "metrics.csv",
            "utility.csv",
            "control.csv",
            "leakage_vs_forecast_error.png",
            "leakage_vs_bytes.png",
            "report.md",
            "config.yaml",
            "manifest.json")) {
      assertThat(a.resolve(f)).isNotEmptyFile();
    }
    // protections none, qsgd-4, top-k-0.1, sign, clip, dp-8, qsgd-4+dp-8
    int protections = 7;
    // 2 seeds x (7 protections x 3 attacks + the chance row) x 1 batch size, and the header
    assertThat(Files.readAllLines(a.resolve("metrics.csv"))).hasSize(1 + 2 * (protections * 3 + 1));
    assertThat(Files.readAllLines(a.resolve("utility.csv"))).hasSize(1 + 2 * protections);
    for (PrivacyStudy.Result r : reps) {
      for (PrivacyStudy.AttackRow row : r.attacks()) {
        if (!row.attack().equals("analytic")) {
          continue;
        }
        if (row.protection().equals("none") || row.protection().equals("clip")) {
          // the closed form is exact up to float32 rounding of the update (see
          // InversionAttacksTest) and clipping only rescales the update, which the ratio ignores
          assertThat(row.error().correlation()).as(row.protection()).isGreaterThan(0.999);
        }
      }
      for (PrivacyStudy.ControlRow row : r.controls()) {
        if (List.of("none", "sign", "clip").contains(row.protection())) {
          // the negative control: none and clip (a positive rescaling) keep the update's signs
          // exactly, and sign keeps every coordinate's sign
          assertThat(row.recovered()).as(row.protection()).isTrue();
        }
      }
    }
    assertThat(Files.readString(a.resolve("report.md")))
        .contains("95% CI", "Negative control", "The control passed");

    PrivacyConfig back =
        PrivacyConfig.resolve(Optional.of(a.resolve("config.yaml")), false, Map.of());
    assertThat(back).isEqualTo(config);
    run(back, "b");
    assertThat(Files.readAllBytes(only("b").resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(a.resolve("metrics.csv")));
    assertThat(Files.readAllBytes(only("b").resolve("utility.csv")))
        .isEqualTo(Files.readAllBytes(a.resolve("utility.csv")));
  }

  @Test
  void theDefaultsAreTheDocumentedStudy() {
    PrivacyConfig d = PrivacyConfig.defaults();
    assertThat(d.seeds()).isEqualTo(5);
    assertThat(d.attacks()).containsExactly("dlg", "cosine", "analytic");
    assertThat(d.batchSizes()).containsExactly(1, 4, 16, 32);
    assertThat(d.qsgdBits()).containsExactly(2, 4, 8);
    assertThat(PrivacyStudy.protections(d).stream().map(Protection::name))
        .containsExactly(
            "none",
            "qsgd-2",
            "qsgd-4",
            "qsgd-8",
            "top-k-0.1",
            "top-k-0.01",
            "sign",
            "clip",
            "dp-1",
            "dp-8",
            "dp-64",
            "qsgd-4+dp-8");
  }

  @Test
  void anUnknownAttackOrABatchBeyond32IsRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> PrivacyConfig.resolve(Optional.empty(), true, Map.of("attacks", List.of("x"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown inversion attack 'x'");
    assertThatThrownBy(
            () -> PrivacyConfig.resolve(Optional.empty(), true, Map.of("batchSizes", List.of(64))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("batchSizes");
  }
}
