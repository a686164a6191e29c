package dnt.experiments.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanSubset;
import dnt.experiments.report.ResultsRun;
import dnt.learn.attack.Attacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's attack columns ({@code attacks}), and its hyperparameter choices made on the
 * validation week ({@code select}, {@code validate}): the validation split never reads the test
 * week, the choice follows the stated criterion, and the report's claims use the choice.
 */
final class PoisoningValidationTest {
  @TempDir Path dir;

  private static PoisoningConfig tiny(
      List<String> rules,
      List<String> attacks,
      boolean validate,
      Map<String, List<String>> select) {
    return new PoisoningConfig(
        42,
        1,
        EnumSet.of(Phase.V_TWIN),
        rules,
        attacks,
        1,
        1,
        0.2,
        1e5,
        2,
        0.1,
        10,
        8,
        2,
        false,
        false,
        validate,
        PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).grids(),
        select);
  }

  @Test
  void theAttacksKeyTakesAnyRegisteredAttackAndRefusesAnUnknownOneNamingTheKey() {
    PoisoningConfig c =
        PoisoningConfig.resolve(
            Optional.empty(), true, Map.of("attacks", List.of("NONE", "fti", "tpi-bounded")));
    assertThat(c.attacks()).containsExactly("none", "fti", "tpi");
    assertThat(c.strength("fti")).isEqualTo(c.ftiEta());
    assertThat(c.strength("lie")).isNaN();
    assertThatThrownBy(
            () ->
                PoisoningConfig.resolve(
                    Optional.empty(), true, Map.of("attacks", List.of("none", "ftj"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "poisoning study setting 'attacks': unknown attack 'ftj'; known: "
                + String.join(", ", Attacks.REGISTRY.names()));
    assertThatThrownBy(
            () ->
                PoisoningConfig.resolve(
                    Optional.empty(), true, Map.of("select.tid", List.of("tid", "glidd"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("poisoning study setting 'select.tid': unknown aggregation rule");
  }

  @Test
  void ftiIsAColumnOfTheTableAndTheReport() throws IOException {
    PoisoningConfig config =
        tiny(List.of("mean", "median"), List.of("none", "fti"), false, Map.of());
    ResultsRun run = ResultsRun.start(dir, "poisoning", 42, 1);
    List<PoisoningExperiment.Cell> cells =
        new PoisoningExperiment(config, Progress.NONE).run(MilanSubset.load(), run);
    assertThat(cells).extracting(PoisoningExperiment.Cell::attack).containsOnly("none", "fti");
    assertThat(cells).hasSize(2 * 2);
    assertThat(Files.readString(run.file("report.md")))
        .contains("v-twin FTI", "mean blows up under FTI (paper: yes)");
  }

  /** The subset with every value from day {@code fromDay} on multiplied by {@code factor}. */
  private static TrafficDataset scaledFrom(TrafficDataset data, int fromDay, float factor) {
    int slotsPerDay = (int) (java.time.Duration.ofDays(1).toMillis() / data.slot().toMillis());
    float[][][] v = new float[data.cellCount()][data.length()][data.services().size()];
    for (int c = 0; c < data.cellCount(); c++) {
      for (int t = 0; t < data.length(); t++) {
        for (int s = 0; s < data.services().size(); s++) {
          float x = (float) data.value(c, t, data.services().get(s));
          v[c][t][s] = t >= fromDay * slotsPerDay ? x * factor : x;
        }
      }
    }
    return TrafficDataset.of(data.cells(), data.startMillis(), data.slot(), data.services(), v);
  }

  @Test
  void theValidationSplitNeverReadsTheTestWeek() {
    PoisoningConfig config = tiny(List.of("mean"), List.of("none"), false, Map.of());
    TrafficDataset data = MilanSubset.load().select(Service.INTERNET);
    TrafficDataset testWeekChanged =
        scaledFrom(data, dnt.experiments.prep.HourlyMlpSetup.TEST_FROM_DAY, 50f);
    PoisoningStudy.Attack none = new PoisoningStudy.Attack("none", 0, Double.NaN);
    for (Phase phase : Phase.values()) {
      Scores validation;
      Scores validationChanged;
      Scores test;
      Scores testChanged;
      try (PoisoningStudy a = new PoisoningStudy(config, data, PoisoningStudy.Split.VALIDATION);
          PoisoningStudy b =
              new PoisoningStudy(config, testWeekChanged, PoisoningStudy.Split.VALIDATION)) {
        validation = a.run("mean", none, phase, 42);
        validationChanged = b.run("mean", none, phase, 42);
      }
      try (PoisoningStudy a = new PoisoningStudy(config, data);
          PoisoningStudy b = new PoisoningStudy(config, testWeekChanged)) {
        test = a.run("mean", none, phase, 42);
        testChanged = b.run("mean", none, phase, 42);
      }
      assertThat(validationChanged).as("validation, %s", phase).isEqualTo(validation);
      assertThat(testChanged).as("test, %s", phase).isNotEqualTo(test);
    }
  }

  private static PoisoningExperiment.Cell cell(String rule, String attack, double... mae) {
    double[] mse = new double[mae.length];
    for (int i = 0; i < mae.length; i++) {
      mse[i] = mae[i] * mae[i];
    }
    return new PoisoningExperiment.Cell(Phase.V_TWIN, rule, attack, mse, mae);
  }

  @Test
  void theChoiceIsTheCandidateWithTheLeastWorstCaseMeanValidationMae() {
    // tid: means 0.30 (none), 0.35 (mpaf): worst 0.35; glid: 0.25, 4.0: worst 4.0 although its
    // clean error is lower; tid-iqr: 0.31, 0.36: worst 0.36
    List<PoisoningExperiment.Cell> cells =
        List.of(
            cell("tid", "none", 0.29, 0.31),
            cell("tid", "mpaf", 0.34, 0.36),
            cell("glid", "none", 0.25, 0.25),
            cell("glid", "mpaf", 0.5, 7.5),
            cell("tid-iqr", "none", 0.31, 0.31),
            cell("tid-iqr", "mpaf", 0.36, 0.36));
    Selection s = Selection.choose(Map.of("tid", List.of("glid", "tid-iqr", "tid")), cells);
    assertThat(s.chosen()).containsExactly(Map.entry("tid", "tid"));
    assertThat(s.worst().get("tid").get("glid"))
        .isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-12)); // (0.5 + 7.5) / 2 in doubles
    assertThat(Selection.firstCandidates(Map.of("tid", List.of("glid", "tid"))).chosen())
        .containsExactly(Map.entry("tid", "glid"));
  }

  @Test
  void theClaimsAboutTidUseTheValidatedChoice() {
    List<PoisoningExperiment.Cell> cells =
        List.of(
            cell("glid-iqr", "none", 0.3),
            cell("glid-iqr", "mpaf", 0.31),
            cell("tid", "none", 0.3),
            cell("tid", "mpaf", 100));
    List<String> texts =
        PoisoningReport.claims(cells, List.of(Phase.V_TWIN), Map.of("tid", "glid-iqr")).stream()
            .map(c -> c.text() + " -> " + c.verdict().outcome())
            .toList();
    assertThat(texts)
        .containsExactly(
            "v-twin: TID (validated choice: glid-iqr) stays accurate under MPAF, MAE within 10% of"
                + " clean (paper: yes) -> HOLDS_IN_DIRECTION");
  }

  @Test
  void aRunWithValidationWritesTheChoiceAndAddsTheChosenRuleToTheTable() throws IOException {
    PoisoningConfig config =
        tiny(List.of("mean"), List.of("none", "mpaf"), true, Map.of("tid", List.of("tid", "glid")));
    ResultsRun run = ResultsRun.start(dir, "poisoning", 42, 1);
    List<PoisoningExperiment.Cell> cells =
        new PoisoningExperiment(config, Progress.NONE).run(MilanSubset.load(), run);
    List<String> selection = Files.readAllLines(run.file("selection.csv"));
    assertThat(selection.get(0)).isEqualTo("family,rule,worst_validation_mae,chosen");
    assertThat(selection).hasSize(3);
    // the chosen row recomputed from validation.csv: the least worst-case mean MAE
    List<String> validation = Files.readAllLines(run.file("validation.csv"));
    assertThat(validation).hasSize(1 + 2 * 2);
    double tidWorst = Double.NEGATIVE_INFINITY;
    double glidWorst = Double.NEGATIVE_INFINITY;
    for (String line : validation.subList(1, validation.size())) {
      String[] f = line.split(",");
      double mae = Double.parseDouble(f[5]);
      if (f[1].equals("tid")) {
        tidWorst = Math.max(tidWorst, mae);
      } else {
        glidWorst = Math.max(glidWorst, mae);
      }
    }
    String expected = glidWorst < tidWorst ? "glid" : "tid";
    assertThat(selection)
        .anyMatch(l -> l.startsWith("tid," + expected + ",") && l.endsWith(",true"));
    assertThat(cells).extracting(PoisoningExperiment.Cell::rule).contains("mean", expected);
    assertThat(Files.readString(run.file("report.md")))
        .contains("Choices made on the validation week");
  }

  @Test
  void theSweepsFollowTheAttackColumnsAndSweepFtisShareAndEta() throws IOException {
    PoisoningConfig base = tiny(List.of("mean"), List.of("none", "fti"), false, Map.of());
    PoisoningConfig.Grids g = base.grids();
    PoisoningConfig config =
        new PoisoningConfig(
            base.seed(),
            base.seeds(),
            base.phases(),
            base.rules(),
            base.attacks(),
            base.vRounds(),
            base.hDays(),
            base.fakeShare(),
            base.mpafLambda(),
            base.tpiEta(),
            base.tpiSigma(),
            base.ftiEta(),
            base.hidden(),
            base.threads(),
            true,
            false,
            false,
            new PoisoningConfig.Grids(
                List.of(0.0, 0.2), g.mpafLambdas(), g.tpiEtas(), List.of(1.0, 10.0), g.dpNoises()),
            Map.of());
    ResultsRun run = ResultsRun.start(dir, "poisoning", 42, 1);
    new PoisoningExperiment(config, Progress.NONE).run(MilanSubset.load(), run);
    List<String> rows = Files.readAllLines(run.file("sweeps.csv"));
    // four rules x (two shares + two etas), FTI only: no MPAF or TPI sweep without their columns
    assertThat(rows).hasSize(1 + PoisoningExperiment.SWEEP_RULES.size() * 4);
    assertThat(rows.subList(1, rows.size()))
        .allMatch(r -> r.startsWith("share,fti,") || r.startsWith("eta,fti,"));
    assertThat(run.file("sweeps.png")).doesNotExist();
    assertThat(Files.readString(run.file("report.md"))).contains("FTI eta (fake share 20%");
  }
}
