package dnt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code dnt} in-process with its standard output and error captured, and finds the run
 * folders it wrote (test helper shared by the command tests).
 *
 * @param status the exit code
 * @param out what the command printed on stdout
 * @param err what it printed on stderr
 */
public record CliRun(int status, String out, String err) {
  /**
   * Runs {@code dnt ARGS} as {@link Main#run} does (only the command group ARGS names is built).
   */
  public static CliRun of(String... args) {
    CommandLine cl = Main.newCommandLine(args.length > 0 ? args[0] : "");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** The only run folder under {@code root/experiment}. */
  public static Path onlyRun(Path root, String experiment) throws IOException {
    try (var s = Files.list(root.resolve(experiment))) {
      List<Path> runs = s.toList();
      if (runs.size() != 1) {
        throw new AssertionError("expected one run under " + root + ", got " + runs);
      }
      return runs.get(0);
    }
  }
}
