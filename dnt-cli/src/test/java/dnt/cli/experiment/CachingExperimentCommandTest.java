package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code dnt experiment caching}: the agent option and its usage errors (the study itself is tested
 * in dnt-experiments).
 */
final class CachingExperimentCommandTest {
  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void theAgentOptionIsListedWithItsDefault() {
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "experiment", "caching", "--help")).isZero();
    assertThat(out.toString()).contains("--agent", "ppo-lagrangian", "default: ddqn");
  }

  @Test
  void anUnknownAgentIsBadInputNamingTheKnownOnes() {
    StringWriter err = new StringWriter();
    assertThat(
            run(
                new StringWriter(),
                err,
                "experiment",
                "caching",
                "--agent",
                "a2c",
                "--results-dir",
                "target/never-written"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--agent", "a2c", "ddqn, ppo-lagrangian");
  }
}
