package dnt.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a demo section gets.
 *
 * @param out where results go (stdout)
 * @param err where progress and timings go (stderr)
 * @param workDir a temporary folder, deleted after the demo
 */
public record DemoContext(PrintWriter out, PrintWriter err, Path workDir) {
  /**
   * A context whose progress goes to the process's stderr.
   *
   * @param out where results go
   * @param workDir a temporary folder
   */
  public DemoContext(PrintWriter out, Path workDir) {
    this(
        out,
        new PrintWriter(
            new java.io.OutputStreamWriter(System.err, java.nio.charset.Charset.defaultCharset()),
            true),
        workDir);
  }
}
