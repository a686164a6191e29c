package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one report writer: sections, tables and claims worded by the one verdict rule. */
final class ReportTest {
  @TempDir Path dir;

  // differences 1.1, 1.0, 0.9: mean 1, sample sd 0.1; t(0.975, 2) = 4.3027 (table), so the
  // half-width is 4.3027 * 0.1 / sqrt(3) = 0.2484 to four decimals
  private static final Stats.MeanCi CLEAR =
      Stats.pairedDifference95(new double[] {2.1, 2.0, 1.9}, new double[] {1, 1, 1});

  @Test
  void aClaimHoldsOnlyWhenTheWholeIntervalIsOnTheClaimedSide() {
    assertThat(Verdict.of(CLEAR, Verdict.Direction.HIGHER, "%.4f").text())
        .isEqualTo("holds (paired difference +1.0000 ± 0.2484, 95% CI above 0)");
    assertThat(Verdict.of(CLEAR, Verdict.Direction.LOWER, "%.4f").text())
        .isEqualTo("does not hold (paired difference +1.0000 ± 0.2484, 95% CI above 0)");
    // differences 1, 2, 3 and their negatives: the interval 2 ± 4.3027 / sqrt(3) contains zero
    Stats.MeanCi wide = Stats.pairedDifference95(new double[] {1, 2, 3}, new double[] {0, 0, 0});
    assertThat(Verdict.of(wide, Verdict.Direction.HIGHER, "%.2f").outcome())
        .isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    Stats.MeanCi negative =
        Stats.pairedDifference95(new double[] {1, 1, 1}, new double[] {2.1, 2.0, 1.9});
    assertThat(Verdict.of(negative, Verdict.Direction.LOWER, "%.4f").outcome())
        .isEqualTo(Verdict.Outcome.HOLDS);
    assertThat(Verdict.of(negative, Verdict.Direction.HIGHER, "%.4f").outcome())
        .isEqualTo(Verdict.Outcome.DOES_NOT_HOLD);
  }

  @Test
  void withOneSeedNoIntervalIsPrintedOnlyTheDirection() {
    Stats.MeanCi one = Stats.pairedDifference95(new double[] {0.5}, new double[] {0.25});
    Report md = Report.titled("t");
    Verdict v = md.claim("a beats b", one, Verdict.Direction.HIGHER);
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.HOLDS_IN_DIRECTION);
    assertThat(md.markdown())
        .isEqualTo(
            "# t\n\n- a beats b: **holds in direction (one seed, no interval: paired difference"
                + " +0.2500)**\n")
        .doesNotContain("±");
    assertThat(Verdict.of(one, Verdict.Direction.LOWER, "%.4f").outcome())
        .isEqualTo(Verdict.Outcome.DOES_NOT_HOLD_IN_DIRECTION);
  }

  @Test
  void aCombinedClaimTakesItsWeakestPart() {
    Verdict holds = Verdict.of(CLEAR, Verdict.Direction.HIGHER, "%.4f");
    Verdict fails = Verdict.of(CLEAR, Verdict.Direction.LOWER, "%.4f");
    Stats.MeanCi wide = Stats.pairedDifference95(new double[] {1, 2, 3}, new double[] {0, 0, 0});
    Verdict open = Verdict.of(wide, Verdict.Direction.HIGHER, "%.4f");
    assertThat(Verdict.all(List.of(holds, open, fails))).isEqualTo(fails);
    assertThat(Verdict.all(List.of(holds, open))).isEqualTo(open);
    assertThat(Verdict.all(List.of(holds))).isEqualTo(holds);
    assertThatThrownBy(() -> Verdict.all(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  /** A row of a table. */
  private record Item(String name, double value) {}

  @Test
  void tablesComeFromRowsOrFromTheColumnsOfACsvTable() throws Exception {
    ResultTable<Item> csv =
        ResultTable.<Item>of().column("name", Item::name).column("value", "%.2f", Item::value);
    Report md =
        Report.titled("Title")
            .paragraph("Some text.")
            .section("Numbers")
            .table(csv, List.of(new Item("a", 1), new Item("b", 0.125)))
            .table(List.of("x", "y"), List.of(List.of("1", "2")));
    md.write(dir.resolve("report.md"));
    assertThat(Files.readString(dir.resolve("report.md")))
        .isEqualTo(
            "# Title\n\nSome text.\n\n## Numbers\n\n| name | value |\n|---|---|\n| a | 1.00 |\n"
                + "| b | 0.13 |\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n");
    assertThatThrownBy(() -> md.table(List.of("x", "y"), List.of(List.of("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells under 2 columns");
  }
}
