package dnt.cli.data;

import dnt.core.InvalidInputException;
import dnt.data.synth.Calibration;
import dnt.data.synth.SynthConfig;
import dnt.data.synth.SyntheticMilan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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

  @Option(names = "--force", description = "Replace files of the same names in --out.")
  boolean force;

  @Override
  public Integer call() {
    SynthConfig config = SynthConfig.of(cells, days, seed);
    PrintWriter err = spec.commandLine().getErr();
    if (!force) {
      for (int d = 0; d < days; d++) {
        Path f = out.resolve(SyntheticMilan.fileName(config.firstDay().plusDays(d)));
        if (Files.exists(f)) {
          throw new InvalidInputException(
              "the file "
                  + f
                  + " exists; choose another --out folder or pass --force to replace it");
        }
      }
    }
    Path created = OutputFiles.firstMissing(out);
    OutputFiles.createFolder(out, "--out");
    long start = System.nanoTime();
    Path tmp = out.resolve(".synth-" + ProcessHandle.current().pid() + ".tmp");
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    boolean ok = false;
    try {
      // Written in a temporary folder and moved in when every day is written: no partial output.
      List<Path> written =
          SyntheticMilan.bundled()
              .write(
                  config,
                  tmp,
                  (done, total, name) -> {
                    err.printf("[%d/%d] %s%n", done, total, name);
                    err.flush();
                  });
      for (Path f : written) {
        bytes += Files.size(f);
      }
      for (Path f : written) {
        Path target = out.resolve(f.getFileName());
        Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        files.add(target);
      }
      ok = true;
    } catch (IOException e) {
      throw new InvalidInputException("cannot write the synthetic files in " + out + ": " + e, e);
    } finally {
      deleteTree(tmp);
      if (!ok) {
        OutputFiles.removeEmptyFolders(out, created);
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

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the temporary folder of this command
    }
  }
}
