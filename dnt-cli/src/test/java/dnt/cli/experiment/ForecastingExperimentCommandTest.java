package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dnt experiment forecasting}: a tiny end-to-end run and the usage errors. */
final class ForecastingExperimentCommandTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void aTinyRunWritesMetricsFigureReportAndManifest(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(
        config,
        "model:\n  hidden: 4\n  layers: 1\nsync:\n  rounds: 1\ncentralized:\n  epochs: 1\n"
            + "clustering:\n  clusters: 2\n");
    CliRun r =
        run(
            "experiment",
            "forecasting",
            "--cells",
            "3",
            "--config",
            config.toString(),
            "--results-dir",
            dir.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("Persistence", "V-twin", "H-twin w/o cluster", "results:");
    Path runDir;
    try (var s = Files.list(dir.resolve("forecasting"))) {
      runDir = s.findFirst().orElseThrow();
    }
    java.awt.image.BufferedImage fig =
        javax.imageio.ImageIO.read(runDir.resolve("fig3.png").toFile());
    assertThat(fig).as("fig3.png decodes").isNotNull();
    assertThat(fig.getWidth()).isGreaterThanOrEqualTo(300);
    com.fasterxml.jackson.databind.JsonNode manifest =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(runDir.resolve("manifest.json").toFile());
    assertThat(manifest.path("experiment").asText()).isEqualTo("forecasting");
    assertThat(Path.of(manifest.path("runDir").asText()))
        .isAbsolute()
        .endsWith(runDir.getFileName());
    assertThat(manifest.path("inputs").get(0).path("sha256").asText()).hasSize(64);
    assertThat(Files.readString(runDir.resolve("report.md"))).contains("claims, tested");
    var lines = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertThat(lines.get(0)).startsWith("method,seed,mse_z,mae_z,nrmse_z,mse_raw");
    assertThat(lines).hasSize(1 + 7);
  }

  @Test
  void aRunReproducesFromItsOwnConfigYaml(@TempDir Path dir) throws IOException {
    Path tiny = dir.resolve("tiny.yaml");
    Files.writeString(
        tiny,
        "model:\n  hidden: 4\n  layers: 1\nsync:\n  rounds: 1\ncentralized:\n  epochs: 1\n"
            + "clustering:\n  clusters: 2\n");
    Path first = dir.resolve("first");
    CliRun a =
        run(
            "experiment",
            "forecasting",
            "--cells",
            "3",
            "--seed",
            "7",
            "--methods",
            "persistence,v-twin-no-cluster,h-twin",
            "--config",
            tiny.toString(),
            "--results-dir",
            first.toString());
    assertThat(a.status()).as(a.err()).isZero();
    Path runA = CliRun.onlyRun(first, "forecasting");
    String yaml = Files.readString(runA.resolve("config.yaml"));
    assertThat(yaml).contains("experiment: forecasting", "seed: 7", "cells: 3", "hidden: 4");
    assertThat(yaml).doesNotContain("FlConfig[");

    Path second = dir.resolve("second");
    CliRun b =
        run(
            "experiment",
            "forecasting",
            "--config",
            runA.resolve("config.yaml").toString(),
            "--results-dir",
            second.toString());
    assertThat(b.status()).as(b.err()).isZero();
    Path runB = CliRun.onlyRun(second, "forecasting");
    assertThat(Files.readAllBytes(runB.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(runA.resolve("metrics.csv")));
    assertThat(Files.readString(runB.resolve("config.yaml"))).isEqualTo(yaml);
  }

  @Test
  void asyncFractionSendsOnlyTheSampledStationsUpdatesAndIsRecordedInConfigYaml(@TempDir Path dir)
      throws IOException {
    Path tiny = dir.resolve("tiny.yaml");
    Files.writeString(
        tiny, "model:\n  hidden: 4\n  layers: 1\nsync:\n  rounds: 1\ncentralized:\n  epochs: 1\n");
    String[] common = {
      "experiment",
      "forecasting",
      "--cells",
      "3",
      "--seed",
      "7",
      "--methods",
      "h-twin-no-cluster",
      "--config",
      tiny.toString()
    };
    CliRun all = run(concat(common, "--results-dir", dir.resolve("all").toString()));
    assertThat(all.status()).as(all.err()).isZero();
    CliRun half =
        run(
            concat(
                common,
                "--async-fraction",
                "0.5",
                "--results-dir",
                dir.resolve("half").toString()));
    assertThat(half.status()).as(half.err()).isZero();
    Path runAll = CliRun.onlyRun(dir.resolve("all"), "forecasting");
    Path runHalf = CliRun.onlyRun(dir.resolve("half"), "forecasting");
    assertThat(Files.readString(runAll.resolve("config.yaml"))).contains("clientFraction: 1.0");
    assertThat(Files.readString(runHalf.resolve("config.yaml"))).contains("clientFraction: 0.5");
    // ceil(0.5 x 3) = 2 of the 3 stations download and upload each streamed day, so the H-twin
    // phase moves exactly 2/3 of the bytes of C = 1 (every message is a whole model or update)
    long bytesAll = ongoingBytes(runAll);
    long bytesHalf = ongoingBytes(runHalf);
    assertThat(bytesAll).isPositive();
    assertThat(3 * bytesHalf).isEqualTo(2 * bytesAll);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static long ongoingBytes(Path runDir) throws IOException {
    var lines = Files.readAllLines(runDir.resolve("metrics.csv"));
    java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
    String[] row = lines.get(1).split(",");
    assertThat(row[0]).isEqualTo("h-twin-no-cluster");
    return Long.parseLong(row[header.indexOf("ongoing_bytes")]);
  }

  @Test
  void optionsOverrideTheConfigFileAndUnknownKeysNameTheKeyPathAndFile(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "run:\n  seeds: 0\n");
    CliRun bad = run("experiment", "forecasting", "--config", file.toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains(file.toString(), "run", "seeds");

    Path unknown = dir.resolve("u.yaml");
    Files.writeString(unknown, "run:\n  colour: red\n");
    CliRun u = run("experiment", "forecasting", "--config", unknown.toString());
    assertThat(u.status()).isEqualTo(2);
    assertThat(u.err()).contains(unknown.toString(), "unknown key 'run.colour'");

    Path nested = dir.resolve("n.yaml");
    Files.writeString(nested, "sync:\n  roundz: 3\n");
    CliRun n = run("experiment", "forecasting", "--config", nested.toString());
    assertThat(n.status()).isEqualTo(2);
    assertThat(n.err()).contains(nested.toString(), "sync.roundz");

    Path wrongStudy = dir.resolve("w.yaml");
    Files.writeString(wrongStudy, "experiment: caching\n");
    CliRun w = run("experiment", "forecasting", "--config", wrongStudy.toString());
    assertThat(w.status()).isEqualTo(2);
    assertThat(w.err()).contains(wrongStudy.toString(), "experiment");
  }

  @Test
  void theHelpListsTheMethodsAndShowsNoDefaultForOptionalOverrides() {
    CliRun r = run("experiment", "forecasting", "--help");
    assertThat(r.status()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains("persistence, seasonal-naive, traditional-dt, v-twin,");
    assertThat(help).contains("in (0, 1]").doesNotContain("Default: null");
  }

  @Test
  void badServiceUnknownPresetAndBadConfigAreUsageErrors(@TempDir Path dir) throws IOException {
    assertThat(run("experiment", "forecasting", "--service", "fax").status()).isEqualTo(2);
    assertThat(run("experiment", "forecasting", "--preset", "other").status()).isEqualTo(2);
    assertThat(run("experiment", "forecasting", "--methods", "magic").status()).isEqualTo(2);
    CliRun split = run("experiment", "forecasting", "--set", "run.split=holdout");
    assertThat(split.status()).isEqualTo(2);
    assertThat(split.err())
        .contains("key 'run': split must be test or validation, got 'holdout'")
        .doesNotContain("Exception");
    CliRun strategy = run("experiment", "forecasting", "--set", "personalisation.strategy=distil");
    assertThat(strategy.status()).isEqualTo(2);
    assertThat(strategy.err()).contains("unknown personalisation 'distil'; known: none, fine-tune");
    assertThat(run("experiment", "forecasting", "--service", "sms").err()).contains("sms");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "sync:\n  clientFraction: 2\n");
    CliRun r = run("experiment", "forecasting", "--config", bad.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("clientFraction");
    for (String value : new String[] {"0", "1.5", "-0.2"}) {
      CliRun a = run("experiment", "forecasting", "--async-fraction", value);
      assertThat(a.status()).isEqualTo(2);
      assertThat(a.err())
          .contains(
              "key 'async': clientFraction must be in (0, 1], got " + Double.parseDouble(value))
          .doesNotContain("Exception");
    }
    CliRun set = run("experiment", "forecasting", "--set", "async.clientFraction=2");
    assertThat(set.status()).isEqualTo(2);
    assertThat(set.err()).contains("clientFraction must be in (0, 1], got 2.0");
  }
}
