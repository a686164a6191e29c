package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt experiment deployment}: bad input is one sentence with exit code 2 and no output
 * folder (the study and its config.yaml round trip are tested in dnt-experiments).
 */
final class DeploymentExperimentCommandTest {
  private static void refused(CliRun r, String... parts) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: ").contains(parts).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void noStationsNoSeedsOrABadLevelIsRefused(@TempDir Path dir) {
    refused(
        CliRun.of("experiment", "deployment", "--results-dir", dir.toString(), "--stations", "0"),
        "--stations");
    refused(
        CliRun.of("experiment", "deployment", "--results-dir", dir.toString(), "--seeds", "0"),
        "--seeds");
    refused(
        CliRun.of(
            "experiment",
            "deployment",
            "--quick",
            "--results-dir",
            dir.toString(),
            "--set",
            "powerLevels=[0.0, 2.0]"),
        "powerLevels");
    assertThat(dir.resolve("deployment")).doesNotExist();
  }
}
