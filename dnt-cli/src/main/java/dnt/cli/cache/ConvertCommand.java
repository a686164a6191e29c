package dnt.cli.cache;

import dnt.caching.io.KeyStream;
import dnt.caching.io.TraceFormats;
import dnt.core.InvalidInputException;
import dnt.core.Registry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt cache convert}: rewrites a trace's keys in another format, streaming (a csv input is
 * read into memory first).
 *
 * {@snippet lang="shell" :
 * dnt cache convert --in trace.lirs --from lirs --to binary --out trace.dntk
 * }
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Convert a trace's keys between formats: from csv, lirs, arc or binary to lirs, binary or"
          + " csv. A csv input gives its items (clients and times are dropped: the output is a"
          + " single-cache trace); a csv output has request i at time i from client 0, keys as"
          + " items (renumbered from 0 in order of first request when some key is negative or"
          + " above 2147483647). Prints requests=<n> and keys=<min>..<max>."
    })
public final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The input trace.")
  Path in;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "NAME",
      description = "Its format: csv, lirs (alias keys), arc or binary, case-insensitive.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "NAME",
      description = "The output format: lirs, binary or csv, case-insensitive.")
  String to;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Registry.Entry<TraceFormats.Format> source = format("--from", from);
    Registry.Entry<TraceFormats.Format> target = format("--to", to);
    TraceFormats.KeyWriter writer = target.factory().writer();
    if (writer == null) {
      throw new InvalidInputException(
          "--to " + target.name() + ": the " + target.name() + " format can be read, not written");
    }
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new InvalidInputException("--out must differ from --in");
    }
    Outputs.check("--out", out);
    long[] summary = new long[3];
    try (KeyStream keys = source.factory().opener().open(in)) {
      summary[0] = keys.count();
      summary[1] = keys.minKey();
      summary[2] = keys.maxKey();
      new Outputs()
          .add(
              "--out",
              out,
              f -> {
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                  writer.write(keys, o);
                }
              })
          .commit();
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "requests=%d%n", summary[0]);
    stdout.printf(Locale.ROOT, "keys=%d..%d%n", summary[1], summary[2]);
    stdout.flush();
    return 0;
  }

  private static Registry.Entry<TraceFormats.Format> format(String option, String name) {
    try {
      return TraceFormats.named(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(option + ": " + e.getMessage());
    }
  }
}
