package dnt.cli.aggregate;

import dnt.core.InvalidInputException;
import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.robust.AggregationRules;
import dnt.learn.robust.MinimumClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt aggregate}: applies one aggregation rule to client updates read from a CSV file and
 * writes the aggregated vector.
 *
 * <pre>{@code
 * dnt aggregate --rule trimmed-mean --beta 0.2 --input updates.csv --out agg.csv
 * dnt aggregate --rule fltrust --input updates.csv --reference server.csv --out agg.csv
 * }</pre>
 *
 * <p>UPDATES.csv: one client update per row, comma-separated decimals, no header, rows of equal
 * length. OUT.csv: one row, every value in round-trip double precision. Bad input (ragged rows,
 * non-numbers, too few rows for the rule's f, a missing FLTrust reference) exits with status 2.
 */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Aggregate federated client updates (one per CSV row) with a (robust) aggregation rule.")
public final class AggregateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--rule",
      required = true,
      paramLabel = "NAME",
      completionCandidates = RuleNames.class,
      description = "Aggregation rule, one of (in any letter case): ${COMPLETION-CANDIDATES}.")
  String rule;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "UPDATES.csv",
      description = "Client updates: one per row, comma-separated decimals, no header.")
  Path input;

  @Option(
      names = "--f",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Byzantine clients tolerated (krum, multi-krum, bulyan, dnc; default: ${DEFAULT-VALUE}).")
  int f;

  @Option(
      names = "--beta",
      paramLabel = "B",
      defaultValue = "0.1",
      description =
          "Trimmed-mean fraction dropped at each end, in [0, 0.5) (default: ${DEFAULT-VALUE}).")
  double beta;

  @Option(
      names = "--reference",
      paramLabel = "REF.csv",
      description = "FLTrust only: one row, the server's update on its clean root data.")
  @Nullable Path reference;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed for randomised rules (dnc, flame, dp-fedavg; default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "OUT.csv",
      description = "Where to write the aggregated vector (one row).")
  Path out;

  /** The registered rule names, for the help text. */
  static final class RuleNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return AggregationRules.REGISTRY.names().iterator();
    }
  }

  @Override
  public void run() {
    String name;
    try {
      name = AggregationRules.REGISTRY.canonicalName(rule);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--rule: " + e.getMessage(), e);
    }
    if (f < 0) {
      throw new InvalidInputException("--f must be >= 0, got " + f);
    }
    if (!(beta >= 0 && beta < 0.5)) {
      throw new InvalidInputException("--beta must be in [0, 0.5), got " + beta);
    }
    AggregationRule r =
        AggregationRules.REGISTRY.factory(name).apply(new AggregationRules.Options(f, beta));
    try {
      double[][] rows = DecimalCsv.read(input);
      int n = rows.length;
      int d = rows[0].length;
      if (r instanceof MinimumClients mc && n < mc.minClients()) {
        throw new InvalidInputException(
            name
                + " with --f "
                + f
                + " needs at least "
                + mc.minClients()
                + " updates, but "
                + input
                + " has "
                + n
                + " rows");
      }
      double[] ref = readReference(d);
      List<ClientUpdate> updates = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        updates.add(ClientUpdate.benign("row-" + (i + 1), rows[i], 1));
      }
      AggregationContext ctx =
          new AggregationContext(
              0,
              new double[d],
              seed,
              () -> {
                if (ref == null) {
                  throw new InvalidInputException(
                      name + " needs the server's reference update: pass --reference REF.csv");
                }
                return ref;
              });
      double[] result = r.aggregate(updates, ctx);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, DecimalCsv.format(result) + "\n", StandardCharsets.UTF_8);
      spec.commandLine()
          .getErr()
          .printf("dnt: %s of %d updates of dimension %d written to %s%n", name, n, d, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double @Nullable [] readReference(int d) throws IOException {
    if (reference == null) {
      return null;
    }
    double[][] ref = DecimalCsv.read(reference);
    if (ref.length != 1) {
      throw new InvalidInputException(
          reference + " must hold exactly one row (the reference update), found " + ref.length);
    }
    if (ref[0].length != d) {
      throw new InvalidInputException(
          reference + " has " + ref[0].length + " values but the updates have " + d);
    }
    return ref[0];
  }
}
