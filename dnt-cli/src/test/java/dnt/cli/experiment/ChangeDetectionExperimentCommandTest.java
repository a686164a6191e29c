package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt experiment change-detection}: bad input is one sentence with exit code 2 and no output
 * folder (the study and its config.yaml round trip are tested in dnt-experiments).
 */
final class ChangeDetectionExperimentCommandTest {
  private static void refused(CliRun r, String... parts) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: ").contains(parts).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void noSeedsABadRuleOrATooLongBaselineIsRefused(@TempDir Path dir) {
    refused(
        CliRun.of(
            "experiment", "change-detection", "--results-dir", dir.toString(), "--seeds", "0"),
        "--seeds");
    refused(
        CliRun.of(
            "experiment",
            "change-detection",
            "--quick",
            "--results-dir",
            dir.toString(),
            "--set",
            "persist=0"),
        "persist");
    refused(
        CliRun.of(
            "experiment",
            "change-detection",
            "--results-dir",
            dir.toString(),
            "--set",
            "baselineDays=40"),
        "hours");
    assertThat(dir.resolve("change-detection")).doesNotExist();
  }
}
