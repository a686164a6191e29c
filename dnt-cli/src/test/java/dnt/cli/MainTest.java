package dnt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command: help, version and usage errors. */
final class MainTest {
  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommandGroup() {
    Result r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("demo", "data", "twin", "aggregate", "cache", "experiment");
  }

  @Test
  void versionNamesTheBuild() {
    Result r = run("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("dnt ").doesNotContain("${");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine root = Main.newCommandLine();
    assertHelpEverywhere(root);
  }

  private static void assertHelpEverywhere(CommandLine cl) {
    assertThat(cl.getCommandSpec().mixinStandardHelpOptions())
        .as("--help on " + cl.getCommandSpec().qualifiedName())
        .isTrue();
    cl.getSubcommands().values().forEach(MainTest::assertHelpEverywhere);
  }

  @Test
  void unknownOptionIsAUsageError() {
    Result r = run("--no-such-option");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option");
  }
}
