package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code dnt experiment poisoning}: registration, help and usage errors (the study itself is tested
 * in dnt-experiments).
 */
final class PoisoningExperimentCommandTest {
  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void theExperimentIsRegisteredWithItsOptions() {
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "experiment", "poisoning", "--help")).isZero();
    assertThat(out.toString()).contains("--phase", "--seeds", "--results-dir", "table2.csv");
  }

  @Test
  void anUnknownPhaseIsBadInput() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "experiment", "poisoning", "--phase", "x-twin"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("v-twin, h-twin or both");
  }

  @Test
  void zeroSeedsIsBadInput() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "experiment", "poisoning", "--seeds", "0"))
        .isEqualTo(2);
  }
}
