package dnt.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dnt demo}: the main job, run on the bundled Milan data. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the main demo on the bundled Milan data.")
public final class DemoCommand implements Callable<Integer> {
  /** The sections, in the order they run; case studies append theirs here. */
  static final List<DemoSection> SECTIONS =
      List.of(new MilanNetworkSection(), new TwinSection(), new ForecastingSection());

  /** The demo's last words: where the twin goes live. */
  static final String LIVE_TWIN =
      "Next: run the live twin with ./dnt serve, open http://127.0.0.1:8080/ in a browser and sign"
          + " in with the admin token it prints the path of (docs/live.md, docs/api.md).";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("dnt-demo");
    try {
      DemoContext ctx = new DemoContext(out, spec.commandLine().getErr(), work);
      for (DemoSection section : SECTIONS) {
        out.println();
        out.println("== " + section.title() + " ==");
        section.run(ctx);
        out.flush();
      }
      out.println();
      out.println(LIVE_TWIN);
      out.flush();
    } finally {
      deleteRecursively(work);
    }
    return 0;
  }

  /** Best-effort clean-up: a failure here must not hide the error of a section. */
  private static void deleteRecursively(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("dnt: could not delete the demo folder " + dir + ": " + e.getMessage());
    }
  }
}
