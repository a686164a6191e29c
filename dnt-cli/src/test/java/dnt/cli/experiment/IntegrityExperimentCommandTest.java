package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt experiment integrity}: a run reproduces from its own config.yaml, and bad input is one
 * sentence with exit code 2 and no output folder (the study itself is tested in dnt-experiments).
 */
final class IntegrityExperimentCommandTest {
  @Test
  void aRunReproducesFromItsConfigYaml(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    CliRun a =
        CliRun.of(
            "experiment",
            "integrity",
            "--seeds",
            "2",
            "--seed",
            "3",
            "--cells",
            "4",
            "--set",
            "faults.share=0.5",
            "--results-dir",
            first.toString());
    assertThat(a.status()).as(a.err()).isZero();
    Path runA = CliRun.onlyRun(first, "integrity");
    assertThat(a.out().strip()).isEqualTo(runA.toString());
    String yaml = Files.readString(runA.resolve("config.yaml"));
    assertThat(yaml).contains("experiment: integrity", "seed: 3", "seeds: 2", "share: 0.5");
    // 2 seeds x 4 streams and the header; half of the 4 streams per seed are faulty
    assertThat(Files.readAllLines(runA.resolve("metrics.csv"))).hasSize(1 + 8);
    assertThat(Files.readString(runA.resolve("metrics.csv")).lines().skip(1))
        .filteredOn(l -> !l.split(",")[2].equals("none"))
        .hasSize(4);

    Path second = dir.resolve("second");
    CliRun b =
        CliRun.of(
            "experiment",
            "integrity",
            "--config",
            runA.resolve("config.yaml").toString(),
            "--results-dir",
            second.toString());
    assertThat(b.status()).as(b.err()).isZero();
    Path runB = CliRun.onlyRun(second, "integrity");
    assertThat(Files.readAllBytes(runB.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(runA.resolve("metrics.csv")));
    assertThat(Files.readString(runB.resolve("config.yaml"))).isEqualTo(yaml);
  }

  @Test
  void badInputIsOneSentenceExitTwoAndNoOutput(@TempDir Path dir) throws IOException {
    Path results = dir.resolve("never");
    CliRun kind =
        CliRun.of(
            "experiment",
            "integrity",
            "--set",
            "faults.kinds=[spike]",
            "--results-dir",
            results.toString());
    assertThat(kind.status()).isEqualTo(2);
    assertThat(kind.err())
        .contains("faults", "unknown fault kind 'spike'; known: scaling, offset, frozen")
        .doesNotContain("Exception", "\tat ");

    CliRun seeds =
        CliRun.of("experiment", "integrity", "--seeds", "0", "--results-dir", results.toString());
    assertThat(seeds.status()).isEqualTo(2);
    assertThat(seeds.err()).contains("--seeds").doesNotContain("\tat ");

    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "faults:\n  onsetDay: {from: 7, to: 29}\n");
    CliRun late =
        CliRun.of(
            "experiment",
            "integrity",
            "--config",
            file.toString(),
            "--results-dir",
            results.toString());
    assertThat(late.status()).isEqualTo(2);
    assertThat(late.err()).contains("faults.onsetDay").doesNotContain("\tat ");

    Files.writeString(file, "detector:\n  treshold: 4\n");
    CliRun typo =
        CliRun.of(
            "experiment",
            "integrity",
            "--config",
            file.toString(),
            "--results-dir",
            results.toString());
    assertThat(typo.status()).isEqualTo(2);
    assertThat(typo.err()).contains(file.toString(), "unknown key 'detector.treshold'");
    // a failed run leaves no folder behind
    assertThat(results).doesNotExist();
  }
}
