package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run reproduces from its own output: the {@code config.yaml} a caching or poisoning run
 * writes, passed back with {@code --config}, gives the same {@code metrics.csv} byte for byte (the
 * forecasting round trip is in {@link ForecastingExperimentCommandTest}).
 */
final class ConfigRoundTripTest {
  /** Runs once with the options, then again from the first run's config.yaml only. */
  private static Path[] roundTrip(Path dir, String experiment, String... options)
      throws IOException {
    Path first = dir.resolve("first");
    List<String> args = new ArrayList<>(List.of("experiment", experiment));
    args.addAll(List.of(options));
    args.addAll(List.of("--results-dir", first.toString()));
    CliRun a = CliRun.of(args.toArray(String[]::new));
    assertThat(a.status()).as(a.err()).isZero();
    Path runA = CliRun.onlyRun(first, experiment);

    Path second = dir.resolve("second");
    CliRun b =
        CliRun.of(
            "experiment",
            experiment,
            "--config",
            runA.resolve("config.yaml").toString(),
            "--results-dir",
            second.toString());
    assertThat(b.status()).as(b.err()).isZero();
    Path runB = CliRun.onlyRun(second, experiment);
    assertThat(Files.readAllBytes(runB.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(runA.resolve("metrics.csv")));
    assertThat(Files.readString(runB.resolve("config.yaml")))
        .isEqualTo(Files.readString(runA.resolve("config.yaml")));
    return new Path[] {runA, runB};
  }

  @Test
  void aCachingRunReproducesFromItsConfigYaml(@TempDir Path dir) throws IOException {
    Path[] runs =
        roundTrip(dir, "caching", "--quick", "--seeds", "1", "--seed", "5", "--agent", "ddqn");
    String yaml = Files.readString(runs[0].resolve("config.yaml"));
    // the preset is expanded: the quick network's 3 stations, not a "quick: true" flag
    assertThat(yaml).contains("experiment: caching", "seed: 5", "stations: 3", "agentKind: ddqn");
    assertThat(Files.readAllLines(runs[0].resolve("metrics.csv"))).hasSizeGreaterThan(1);
  }

  @Test
  void aPoisoningRunReproducesFromItsConfigYaml(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(config, "rules: [mean, median]\nvRounds: 1\n");
    Path[] runs =
        roundTrip(dir, "poisoning", "--quick", "--phase", "v-twin", "--config", config.toString());
    String yaml = Files.readString(runs[0].resolve("config.yaml"));
    assertThat(yaml).contains("experiment: poisoning", "vRounds: 1", "- v-twin", "- median");
    // 2 rules x 3 attacks x 1 seed, one phase, and the header
    assertThat(Files.readAllLines(runs[0].resolve("metrics.csv"))).hasSize(1 + 6);
    assertThat(Files.readAllBytes(runs[1].resolve("table2.csv")))
        .isEqualTo(Files.readAllBytes(runs[0].resolve("table2.csv")));
  }

  @Test
  void optionsOverrideTheFileAndUnknownKeysNameTheKeyPathAndTheFile(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "study:\n  agent:\n    hiddn: 3\n");
    CliRun r = CliRun.of("experiment", "caching", "--config", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(file.toString(), "unknown key 'study.agent.hiddn'");

    Path p = dir.resolve("p.yaml");
    Files.writeString(p, "fakeShare: 0.7\n");
    CliRun q = CliRun.of("experiment", "poisoning", "--config", p.toString());
    assertThat(q.status()).isEqualTo(2);
    assertThat(q.err()).contains(p.toString(), "fake share");

    Path wrong = dir.resolve("w.yaml");
    Files.writeString(wrong, "experiment: forecasting\n");
    CliRun w = CliRun.of("experiment", "poisoning", "--config", wrong.toString());
    assertThat(w.status()).isEqualTo(2);
    assertThat(w.err()).contains(wrong.toString(), "experiment");
  }

  @Test
  void aCommandLineOptionOverridesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "seeds: 0\n");
    // the file's impossible seeds are replaced by the option before anything is checked
    CliRun r =
        CliRun.of(
            "experiment",
            "poisoning",
            "--config",
            file.toString(),
            "--seeds",
            "0",
            "--results-dir",
            dir.resolve("never").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--seeds");
  }
}
