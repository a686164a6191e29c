package dnt.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a demo section gets.
 *
 * @param out where results go (stdout)
 * @param workDir a temporary folder, deleted after the demo
 */
public record DemoContext(PrintWriter out, Path workDir) {}
