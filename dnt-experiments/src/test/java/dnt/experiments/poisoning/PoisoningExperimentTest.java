package dnt.experiments.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.data.milan.MilanSubset;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Verdict;
import dnt.learn.attack.Attacks;
import dnt.learn.robust.AggregationRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poisoning study end to end on a tiny configuration (one round, one streamed day, three
 * rules), and its claim verdicts on hand-made tables.
 */
final class PoisoningExperimentTest {
  @TempDir Path dir;

  @Test
  void aTinyStudyWritesTheTableHeatMapsAndReportAndMpafBreaksOnlyTheMean() throws IOException {
    PoisoningConfig config =
        new PoisoningConfig(
            42,
            1,
            EnumSet.allOf(Phase.class),
            List.of("MEAN", "Median", "tid"), // names in any letter case
            List.of("none", "MPAF", "tpi"),
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
            false,
            PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).grids(),
            Map.of());
    ResultsRun run = ResultsRun.start(dir, "poisoning", 42, 1);
    List<PoisoningExperiment.Cell> cells =
        new PoisoningExperiment(config, Progress.NONE).run(MilanSubset.load(), run);
    assertThat(cells).hasSize(2 * 3 * 3);
    assertThat(cells.stream().map(PoisoningExperiment.Cell::rule).distinct())
        .containsExactly("mean", "median", "tid");
    for (String f : List.of("table2.csv", "table2-mae.png", "table2-mse.png", "report.md")) {
      assertThat(run.file(f)).isNotEmptyFile();
    }
    dnt.experiments.report.OutputChecks.assertPlot(run.file("table2-mae.png"));
    dnt.experiments.report.OutputChecks.assertPlot(run.file("table2-mse.png"));
    List<String> csv = Files.readAllLines(run.file("table2.csv"));
    assertThat(csv).hasSize(1 + 18);
    assertThat(csv.get(0)).isEqualTo("phase,rule,attack,mse,mse_ci95,mae,mae_ci95,seeds");
    for (PoisoningExperiment.Cell c : cells) {
      assertThat(c.mae()[0]).isBetween(0.0, Scores.CAP);
      if (c.attack().equals("mpaf")) {
        if (c.rule().equals("mean")) {
          assertThat(c.mae()[0]).as("mean under MPAF, %s", c.phase()).isEqualTo(Scores.CAP);
        } else {
          assertThat(c.mae()[0]).as("%s under MPAF, %s", c.rule(), c.phase()).isLessThan(1.0);
        }
      }
    }
    assertThat(Files.readString(run.file("report.md")))
        .contains("Table II", "mean blows up under MPAF (paper: yes): **holds");
  }

  @Test
  void theClaimVerdictsFollowTheNumbers() {
    List<PoisoningExperiment.Cell> cells =
        List.of(
            cell("mean", "none", 0.3),
            cell("mean", "mpaf", 100),
            cell("mean", "tpi", 0.31),
            cell("median", "none", 0.3),
            cell("median", "mpaf", 0.3),
            cell("median", "tpi", 100),
            cell("fltrust", "none", 0.3),
            cell("fltrust", "mpaf", 3.5),
            cell("fltrust", "tpi", 0.3),
            cell("tid", "none", 0.3),
            cell("tid", "mpaf", 0.31),
            cell("tid", "tpi", 0.6));
    Map<String, Verdict.Outcome> v = outcomes(cells);
    Verdict.Outcome yes = Verdict.Outcome.HOLDS_IN_DIRECTION;
    Verdict.Outcome no = Verdict.Outcome.DOES_NOT_HOLD_IN_DIRECTION;
    assertThat(v)
        .containsEntry("v-twin: mean blows up under MPAF (paper: yes)", yes)
        .containsEntry("v-twin: mean blows up under TPI (paper: yes)", no)
        .containsEntry("v-twin: fltrust blows up under MPAF (paper: yes)", yes)
        .containsEntry("v-twin: median survives MPAF (paper: yes)", yes)
        .containsEntry("v-twin: median collapses under TPI (paper: yes)", yes)
        .containsEntry(
            "v-twin: TID stays accurate under MPAF, MAE within 10% of clean (paper: yes)", yes);
    // TID doubles under TPI while Mean and FLTrust barely move: it does not degrade least
    assertThat(v)
        .containsEntry(
            "v-twin: TID degrades least under TPI among Mean, Median, FLTrust, TID, within 2"
                + " points of relative MAE (paper: yes)",
            no);
  }

  private static Map<String, Verdict.Outcome> outcomes(List<PoisoningExperiment.Cell> cells) {
    Map<String, Verdict.Outcome> out = new LinkedHashMap<>();
    for (PoisoningReport.Claim c : PoisoningReport.claims(cells, List.of(Phase.V_TWIN))) {
      out.put(c.text(), c.verdict().outcome());
    }
    return out;
  }

  @Test
  void withSeveralSeedsAVerdictNeedsThePairedIntervalToExcludeZero() {
    // TID's clean MAE varies from seed to seed; under MPAF it stays about 0.02 under 1.1 x clean
    // on every seed: paired differences 0.020, 0.021, 0.019 (mean 0.02, t-interval +-0.0025)
    double[] clean = {0.2, 0.5, 0.8};
    double[] attacked = {0.2, 0.529, 0.861};
    // median under MPAF: worse than 10x clean on one seed only: inconclusive
    double[] medianClean = {0.3, 0.3, 0.3};
    double[] medianMpaf = {0.3, 0.3, 90};
    List<PoisoningExperiment.Cell> cells =
        List.of(
            cells("tid", "none", clean),
            cells("tid", "mpaf", attacked),
            cells("tid", "tpi", clean),
            cells("median", "none", medianClean),
            cells("median", "mpaf", medianMpaf),
            cells("median", "tpi", medianClean));
    Map<String, Verdict.Outcome> v = outcomes(cells);
    assertThat(v)
        .containsEntry(
            "v-twin: TID stays accurate under MPAF, MAE within 10% of clean (paper: yes)",
            Verdict.Outcome.HOLDS)
        .containsEntry("v-twin: median survives MPAF (paper: yes)", Verdict.Outcome.INCONCLUSIVE);
  }

  private static PoisoningExperiment.Cell cells(String rule, String attack, double[] mae) {
    double[] mse = new double[mae.length];
    for (int i = 0; i < mae.length; i++) {
      mse[i] = mae[i] * mae[i];
    }
    return new PoisoningExperiment.Cell(Phase.V_TWIN, rule, attack, mse, mae);
  }

  @Test
  void anUnknownRuleOrAttackIsRefusedListingTheKnownNames() {
    assertThat(PoisoningExperiment.canonicalRules(List.of("FLTrust", "TID-IQR")))
        .containsExactly("fltrust", "tid-iqr");
    assertThatThrownBy(() -> PoisoningExperiment.canonicalRules(List.of("mean", "average")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "poisoning study setting 'rules': unknown aggregation rule 'average'; known: "
                + String.join(", ", AggregationRules.REGISTRY.names()));
    assertThat(new PoisoningStudy.Attack("MPAF", 0.2, 10).name()).isEqualTo("mpaf");
    assertThat(new PoisoningStudy.Attack("tpi-bounded", 0.2, 2).name()).isEqualTo("tpi");
    assertThatThrownBy(() -> new PoisoningStudy.Attack("ftii", 0.2, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown attack 'ftii'; known: " + String.join(", ", Attacks.REGISTRY.names()));
  }

  @Test
  void scoresAreCappedAtOneHundredAndADivergedModelScoresTheCap() {
    assertThat(Scores.capped(Double.NaN, 1e9)).isEqualTo(new Scores(100, 100));
    assertThat(Scores.capped(0.25, 0.4)).isEqualTo(new Scores(0.25, 0.4));
  }

  private static PoisoningExperiment.Cell cell(String rule, String attack, double mae) {
    return new PoisoningExperiment.Cell(
        Phase.V_TWIN, rule, attack, new double[] {Math.min(100, mae * mae)}, new double[] {mae});
  }
}
