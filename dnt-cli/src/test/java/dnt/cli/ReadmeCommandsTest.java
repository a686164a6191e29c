package dnt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code ./dnt} command in the README's {@code bash} blocks runs as written, in order,
 * through {@link Main} in-process: inputs are the repository's files, outputs go to a temporary
 * folder. Commands marked {@code # long} (full studies, minutes) are skipped with that reason;
 * their quick forms are in the README and run here.
 */
final class ReadmeCommandsTest {
  /** Per command: generous for two shared cores (the slowest, the demo, takes about 30 s). */
  private static final Duration BUDGET = Duration.ofMinutes(3);

  private static final Pattern PATH_LIKE =
      Pattern.compile(
          "[A-Za-z_][\\w.-]*(/[\\w.-]*)*(/|\\.(csv|duckdb|twin|yaml|txt|gz|json|geojson|png|dntk|lirs))");

  /** One command of the README: its words and whether it is marked {@code # long}. */
  record Command(String line, List<String> words, boolean longRunning) {}

  static Path repo() {
    return Path.of(System.getProperty("dnt.repo.dir", "..")).toAbsolutePath().normalize();
  }

  static String readme() throws IOException {
    return Files.readString(repo().resolve("README.md"));
  }

  /** The {@code ./dnt} commands of the {@code bash} blocks, continuation lines joined. */
  static List<Command> commands(String markdown) {
    List<Command> out = new ArrayList<>();
    boolean inBash = false;
    StringBuilder pending = new StringBuilder();
    for (String raw : markdown.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        inBash = !inBash && line.equals("```bash");
        continue;
      }
      if (!inBash) {
        continue;
      }
      if (pending.length() > 0 || line.startsWith("./dnt")) {
        String code = line;
        if (code.endsWith("\\")) {
          pending.append(code, 0, code.length() - 1).append(' ');
          continue;
        }
        pending.append(code);
        String full = pending.toString();
        pending.setLength(0);
        int hash = full.indexOf(" #");
        String comment = hash < 0 ? "" : full.substring(hash);
        String cmd = (hash < 0 ? full : full.substring(0, hash)).strip();
        List<String> words = List.of(cmd.split("\\s+"));
        out.add(
            new Command(
                cmd,
                words.subList(1, words.size()),
                Pattern.compile("#\\s*long\\b").matcher(comment).find()));
      }
    }
    return out;
  }

  @Test
  void everyCodeFenceIsClosedAndTheTourHasCommands() throws IOException {
    long fences = readme().lines().filter(l -> l.strip().startsWith("```")).count();
    assertThat(fences % 2).as("an unclosed ``` fence").isZero();
    List<Command> cmds = commands(readme());
    assertThat(cmds).hasSizeGreaterThan(20);
    assertThat(cmds.stream().map(Command::line))
        .anyMatch(l -> l.startsWith("./dnt experiment caching --seeds 5"))
        .anyMatch(l -> l.startsWith("./dnt aggregate --rule median"));
  }

  @Test
  void theExtractorJoinsContinuationsAndSeesTheLongMarker() {
    String md =
        "text\n```bash\n./dnt a --x 1 \\\n    --y 2   # note\n./dnt b  # long: minutes\n```\n"
            + "```text\n./dnt never\n```\n";
    List<Command> c = commands(md);
    assertThat(c).hasSize(2);
    assertThat(c.get(0).words()).containsExactly("a", "--x", "1", "--y", "2");
    assertThat(c.get(0).longRunning()).isFalse();
    assertThat(c.get(1).longRunning()).isTrue();
  }

  @TestFactory
  Stream<DynamicTest> everyReadmeCommandRunsAsWritten(@TempDir Path work) throws IOException {
    List<Command> cmds = commands(readme());
    java.util.Set<String> seen = new java.util.HashSet<>();
    return cmds.stream()
        .map(
            c -> {
              boolean again = !seen.add(c.line());
              return DynamicTest.dynamicTest(c.line(), () -> runOne(c, work, again));
            });
  }

  private static void runOne(Command c, Path work, boolean again) {
    if (again) {
      Assumptions.abort("the same command appears earlier in the README and ran there");
    }
    if (c.longRunning()) {
      Assumptions.abort("marked '# long' in the README (a full study, minutes)");
    }
    List<String> args = new ArrayList<>();
    for (String w : c.words()) {
      args.add(rewrite(w, work));
    }
    if (args.size() >= 2 && args.get(0).equals("experiment") && !args.contains("--results-dir")) {
      args.add("--results-dir");
      args.add(work.resolve("results").toString());
    }
    for (String a : c.words()) {
      Matcher m = PATH_LIKE.matcher(a);
      if (m.matches() && a.startsWith("docs/examples/") && !Files.exists(repo().resolve(a))) {
        Assumptions.abort(a + " is not in this checkout yet");
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        assertTimeoutPreemptively(
            BUDGET,
            () -> {
              CommandLine cl = Main.newCommandLine();
              cl.setOut(new PrintWriter(out, true));
              cl.setErr(new PrintWriter(err, true));
              return cl.execute(args.toArray(String[]::new));
            });
    assertThat(status).as("%s%nstderr: %s", c.line(), err).isZero();
    int outAt = args.indexOf("--out");
    if (outAt >= 0 && outAt + 1 < args.size() && out.toString().isBlank()) {
      // a command that writes its result to --out may print nothing: the file must hold it
      Path written = Path.of(args.get(outAt + 1));
      assertThat(Files.isDirectory(written) || fileHasContent(written)).as(c.line()).isTrue();
    } else {
      assertThat(out.toString() + err).as(c.line()).isNotBlank();
    }
  }

  private static boolean fileHasContent(Path p) {
    try {
      return Files.size(p) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Repository files stay (made absolute); any other path goes to the work folder. */
  static String rewrite(String word, Path work) {
    if (word.startsWith("-") || !PATH_LIKE.matcher(word).matches()) {
      return word;
    }
    Path inRepo = repo().resolve(word);
    return Files.exists(inRepo) ? inRepo.toString() : work.resolve(word).toString();
  }
}
