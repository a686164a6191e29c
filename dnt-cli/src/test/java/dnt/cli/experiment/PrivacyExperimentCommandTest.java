package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt experiment privacy}: bad input is one sentence with exit code 2 and no output folder
 * (the study and its config.yaml round trip are tested in dnt-experiments; the {@code --quick} run
 * in ReadmeCommandsTest).
 */
final class PrivacyExperimentCommandTest {
  private static void refused(CliRun r, String... parts) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: ").contains(parts).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void anUnknownAttackIsRefusedWithTheKnownNames(@TempDir Path dir) {
    refused(
        CliRun.of(
            "experiment",
            "privacy",
            "--quick",
            "--results-dir",
            dir.toString(),
            "--set",
            "attacks=[dlg, idlg2]"),
        "unknown inversion attack 'idlg2'",
        "dlg, cosine, analytic");
    assertThat(dir.resolve("privacy")).doesNotExist();
  }

  @Test
  void aBatchBeyond32OrNoSeedsIsRefused(@TempDir Path dir) {
    refused(
        CliRun.of(
            "experiment",
            "privacy",
            "--results-dir",
            dir.toString(),
            "--set",
            "batchSizes=[1, 64]"),
        "batchSizes");
    refused(
        CliRun.of("experiment", "privacy", "--results-dir", dir.toString(), "--seeds", "0"),
        "--seeds");
    assertThat(dir.resolve("privacy")).doesNotExist();
  }
}
