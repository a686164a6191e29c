package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt experiment forecasting-cost} on the committed forecasting run: its files, its
 * cross-check with the run's ledger, the reproduction from its own config.yaml, and bad input as
 * one sentence with exit code 2.
 */
final class ForecastingCostExperimentCommandTest {
  private static final String RUN =
      Path.of("..", "docs", "results", "forecasting", "fedda-5seeds-20261203")
          .toAbsolutePath()
          .normalize()
          .toString();

  @Test
  void itPricesTheCommittedRunAndReproducesFromItsConfig(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    CliRun a =
        CliRun.of(
            "experiment",
            "forecasting-cost",
            "--run",
            RUN,
            "--set",
            "raw.preset=cdr",
            "--results-dir",
            first.toString());
    assertThat(a.status()).as(a.err()).isZero();
    Path run = CliRun.onlyRun(first, "forecasting-cost");
    for (String f :
        List.of(
            "cost.csv",
            "sweep.csv",
            "breakeven.csv",
            "check.csv",
            "cost_ratio.png",
            "report.md",
            "config.yaml",
            "manifest.json")) {
      assertThat(run.resolve(f)).as(f).isNotEmptyFile();
    }
    // 6 methods x 5 seeds
    assertThat(Files.readAllLines(run.resolve("cost.csv"))).hasSize(1 + 30);
    // the flat network's counts against metrics.csv, printed with 6 significant digits
    List<String> check = Files.readAllLines(run.resolve("check.csv"));
    assertThat(check).hasSize(1 + 5 * 5 * 4);
    for (String line : check.subList(1, check.size())) {
      double rel = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
      assertThat(rel).as(line).isLessThanOrEqualTo(5e-6);
    }
    assertThat(Files.readString(run.resolve("config.yaml"))).contains("preset: cdr");
    assertThat(Files.readString(run.resolve("report.md"))).contains("Where a 43.8% cut");

    Path second = dir.resolve("second");
    CliRun b =
        CliRun.of(
            "experiment",
            "forecasting-cost",
            "--config",
            run.resolve("config.yaml").toString(),
            "--results-dir",
            second.toString());
    assertThat(b.status()).as(b.err()).isZero();
    Path again = CliRun.onlyRun(second, "forecasting-cost");
    for (String f : List.of("cost.csv", "sweep.csv", "breakeven.csv", "config.yaml")) {
      assertThat(Files.readAllBytes(again.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(run.resolve(f)));
    }
  }

  private static void refused(CliRun r, String... parts) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: ").contains(parts).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void badInputIsRefused(@TempDir Path dir) {
    String out = dir.toString();
    refused(
        CliRun.of("experiment", "forecasting-cost", "--run", out, "--results-dir", out),
        "run:",
        "config.yaml");
    refused(
        CliRun.of(
            "experiment",
            "forecasting-cost",
            "--run",
            RUN,
            "--set",
            "network.mix.fibre=0.9",
            "--results-dir",
            out),
        "network.mix");
    refused(
        CliRun.of(
            "experiment",
            "forecasting-cost",
            "--run",
            RUN,
            "--set",
            "raw.preset=logs",
            "--results-dir",
            out),
        "raw.preset");
    assertThat(dir.resolve("forecasting-cost")).doesNotExist();
  }
}
