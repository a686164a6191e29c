package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set key.path=value} works the same for every study: it sets any key of the study's
 * {@code config.yaml}, as the same key in a {@code --config} file would.
 */
final class SetOptionTest {
  @Test
  void aSetKeyBindsAsTheSameKeyInASettingsFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tiny.yaml");
    Files.writeString(file, "rules: [mean, median]\nvRounds: 1\n");
    CliRun byFile =
        CliRun.of(
            "experiment",
            "poisoning",
            "--quick",
            "--phase",
            "v-twin",
            "--config",
            file.toString(),
            "--results-dir",
            dir.resolve("file").toString());
    assertThat(byFile.status()).as(byFile.err()).isZero();
    CliRun bySet =
        CliRun.of(
            "experiment",
            "poisoning",
            "--quick",
            "--phase",
            "v-twin",
            "--set",
            "rules=[mean, median]",
            "--set",
            "vRounds=1",
            "--results-dir",
            dir.resolve("set").toString());
    assertThat(bySet.status()).as(bySet.err()).isZero();
    Path a = CliRun.onlyRun(dir.resolve("file"), "poisoning");
    Path b = CliRun.onlyRun(dir.resolve("set"), "poisoning");
    assertThat(Files.readAllBytes(b.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(a.resolve("metrics.csv")));
    assertThat(Files.readString(b.resolve("config.yaml")))
        .isEqualTo(Files.readString(a.resolve("config.yaml")))
        .contains("vRounds: 1", "- median");
  }

  @Test
  void aSetKeyOverridesTheFileAndIsValidatedAtItsKeyPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "seeds: 3\n");
    CliRun r =
        CliRun.of(
            "experiment",
            "caching",
            "--config",
            file.toString(),
            "--set",
            "seeds=0",
            "--results-dir",
            dir.resolve("never").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("command line", "seeds");

    CliRun unknown = CliRun.of("experiment", "caching", "--set", "study.nope=1");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown key 'study.nope'");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void forecastingRoutesRunKeysToTheRunAndOtherKeysToTheModel() {
    CliRun run = CliRun.of("experiment", "forecasting", "--set", "run.seeds=0");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("seeds");
    assertThat(run.err()).doesNotContain("Exception");

    CliRun model = CliRun.of("experiment", "forecasting", "--set", "sync.rounds=0");
    assertThat(model.status()).isEqualTo(2);
    assertThat(model.err()).contains("command line", "sync", "rounds must be at least 1");

    CliRun service = CliRun.of("experiment", "forecasting", "--set", "run.service=voice");
    assertThat(service.status()).isEqualTo(2);
    assertThat(service.err()).contains("run.service", "internet, sms or call", "'voice'");

    CliRun unknown = CliRun.of("experiment", "forecasting", "--set", "sync.rouds=3");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("sync.rouds");
  }

  @Test
  void aKeyGivenTwiceOrAMalformedAssignmentIsRefused() {
    CliRun twice =
        CliRun.of("experiment", "forecasting", "--set", "sync.rounds=3", "--rounds", "4");
    assertThat(twice.status()).isEqualTo(2);
    assertThat(twice.err())
        .contains("'sync.rounds' is given twice", "--set sync.rounds=3", "--rounds");

    CliRun runTwice =
        CliRun.of("experiment", "forecasting", "--set", "run.seeds=2", "--seeds", "3");
    assertThat(runTwice.status()).isEqualTo(2);
    assertThat(runTwice.err())
        .contains("'run.seeds' is given twice", "--set run.seeds=2", "--seeds");

    CliRun same = CliRun.of("experiment", "poisoning", "--set", "seeds=2", "--set", "seeds=3");
    assertThat(same.status()).isEqualTo(2);
    assertThat(same.err()).contains("'seeds' is given twice");

    CliRun malformed = CliRun.of("experiment", "caching", "--set", "seeds");
    assertThat(malformed.status()).isEqualTo(2);
    assertThat(malformed.err()).contains("--set 'seeds'", "key.path=value");

    CliRun badYaml = CliRun.of("experiment", "caching", "--set", "rules=[a,");
    assertThat(badYaml.status()).isEqualTo(2);
    assertThat(badYaml.err()).contains("not valid YAML");

    CliRun experiment = CliRun.of("experiment", "caching", "--set", "experiment=poisoning");
    assertThat(experiment.status()).isEqualTo(2);
    assertThat(experiment.err()).contains("experiment cannot be changed");
  }
}
