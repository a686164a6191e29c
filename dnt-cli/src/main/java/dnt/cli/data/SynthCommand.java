package dnt.cli.data;

import dnt.data.synth.Calibration;
import dnt.data.synth.SynthConfig;
import dnt.data.synth.SyntheticMilan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt data synth}: write synthetic daily files in the raw Milan format. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Write SYNTHETIC daily files in the exact raw Milan format"
          + " (synthetic-sms-call-internet-mi-YYYY-MM-DD.txt), calibrated on the bundled real data"
          + " (daily and weekly profile, base-station density as demand proxy, spatial correlation,"
          + " noise, country-code split, SMS/call ratios). See docs/data.md."
    })
public final class SynthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--cells",
      required = true,
      paramLabel = "N",
      description = "Cells, 1..10000 (the N nearest the grid centre).")
  int cells;

  @Option(
      names = "--days",
      required = true,
      paramLabel = "D",
      description = "Days, from 2013-11-01.")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    SynthConfig config = SynthConfig.of(cells, days, seed);
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    List<Path> files =
        SyntheticMilan.bundled()
            .write(
                config,
                out,
                (done, total, name) -> {
                  err.printf("[%d/%d] %s%n", done, total, name);
                  err.flush();
                });
    long bytes = 0;
    for (Path f : files) {
      try {
        bytes += Files.size(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        "wrote %d SYNTHETIC daily files (%d cells, seed %d) to %s: %.1f MB in %.1f s%n",
        files.size(), cells, seed, out, bytes / 1e6, seconds);
    o.printf(
        "calibrated on the bundled 25-cell subset and raw sample; slots per day %d%n",
        Calibration.SLOTS_PER_DAY);
    return 0;
  }
}
