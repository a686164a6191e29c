package dnt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command: help, version and usage errors. */
final class MainTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsEveryCommandGroup() {
    CliRun r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("demo", "data", "twin", "aggregate", "cache", "experiment");
  }

  @Test
  void aCommandLineBuildsOnlyTheGroupItNames() {
    assertThat(Main.newCommandLine("cache").getSubcommands()).containsOnlyKeys("cache");
    assertThat(Main.newCommandLine("--help").getSubcommands().keySet())
        .containsExactlyElementsOf(DntCommand.GROUPS.keySet());
    assertThat(Main.newCommandLine().getSubcommands().keySet())
        .containsExactly(
            "demo", "data", "twin", "raytrace", "aggregate", "cache", "experiment", "serve");
  }

  @Test
  void aGroupRunAloneKeepsItsHelpAndItsErrors() {
    CliRun help = run("cache", "--help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("simulate", "convert");
    CliRun bad =
        run("cache", "simulate", "--trace", "t.csv", "--capacity", "1", "--no-such-option");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--no-such-option");
    CliRun unknown = run("nosuchgroup");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("nosuchgroup");
  }

  @Test
  void versionNamesTheBuild() {
    CliRun r = run("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("dnt ").doesNotContain("${");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine root = Main.newCommandLine();
    assertHelpEverywhere(root);
  }

  @Test
  void noRequiredOptionShowsADefaultInItsHelp() {
    assertNoDefaultOnRequired(Main.newCommandLine());
  }

  private static void assertNoDefaultOnRequired(CommandLine cl) {
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
      if (o.required()) {
        // the option's help block runs from its line in the option list to the next option's
        java.util.regex.Matcher own =
            java.util.regex.Pattern.compile(
                    "\\n {2,8}(-\\w, )?"
                        + java.util.regex.Pattern.quote(o.longestName())
                        + "[=\\s]")
                .matcher(help);
        assertThat(own.find()).as("%s in the help", o.longestName()).isTrue();
        java.util.regex.Matcher next =
            java.util.regex.Pattern.compile("\\n {2,8}-")
                .matcher(help)
                .region(own.end(), help.length());
        String block = help.substring(own.start(), next.find() ? next.start() : help.length());
        assertThat(block)
            .as("%s %s", cl.getCommandSpec().qualifiedName(), o.longestName())
            .doesNotContain("Default:");
      }
    }
    cl.getSubcommands().values().forEach(MainTest::assertNoDefaultOnRequired);
  }

  private static void assertHelpEverywhere(CommandLine cl) {
    assertThat(cl.getCommandSpec().mixinStandardHelpOptions())
        .as("--help on " + cl.getCommandSpec().qualifiedName())
        .isTrue();
    cl.getSubcommands().values().forEach(MainTest::assertHelpEverywhere);
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = run("--no-such-option");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option");
  }
}
