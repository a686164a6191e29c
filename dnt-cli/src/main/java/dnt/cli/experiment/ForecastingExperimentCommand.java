package dnt.cli.experiment;

import dnt.cli.VersionProvider;
import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.experiments.forecasting.ForecastingExperiment;
import dnt.experiments.forecasting.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt experiment forecasting}: the paper's case study IV-A (Fig. 3), federated traffic
 * forecasting with Traditional DT, V-twin and H-twin (with and without clusters) plus the
 * persistence and seasonal-naive baselines.
 */
@Command(
    name = "forecasting",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Federated traffic forecasting on Milan (paper IV-A, Fig. 3): Traditional DT, V-twin,"
          + " V-twin w/o cluster, H-twin, H-twin w/o cluster, persistence and seasonal naive.",
      "Writes results/forecasting/<run>/ (metrics.csv, curve.csv, fig3.png, report.md, manifest)."
    })
public final class ForecastingExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      defaultValue = "subset",
      description = "subset (bundled 25 cells), synthetic, or a store (.duckdb) / export CSV path.")
  String data;

  @Option(
      names = "--service",
      defaultValue = "internet",
      description = "internet, sms (in + out) or call (in + out).")
  String service;

  @Option(names = "--resolution", defaultValue = "hour", description = "hour or 10min.")
  String resolution;

  @Option(names = "--seed", defaultValue = "42", description = "Base seed.")
  long seed;

  @Option(names = "--seeds", defaultValue = "1", description = "Replications (seed, seed+1, ...).")
  int seeds;

  @Option(
      names = "--preset",
      description = "fedda: the published FedDA protocol exactly (see docs/forecasting.md).")
  String preset;

  @Option(
      names = "--timing",
      description = "Time FedAvg over all sampled clients only; print seconds per client-round.")
  boolean timing;

  @Option(names = "--config", description = "YAML file overriding reference.yaml.")
  Path config;

  @Option(names = "--rounds", description = "Override sync.rounds.")
  Integer rounds;

  @Option(names = "--fraction", description = "Override sync.clientFraction, in (0, 1].")
  Double fraction;

  @Option(names = "--threads", description = "Override threads (parallel clients).")
  Integer threads;

  @Option(
      names = "--methods",
      split = ",",
      description = "Methods to run (default all): ${COMPLETION-CANDIDATES}.")
  List<String> methods;

  @Option(
      names = "--cells",
      defaultValue = "0",
      description = "Use only the first N cells (0: all).")
  int cells;

  @Option(
      names = "--synthetic-cells",
      defaultValue = "100",
      description = "Cells generated for --data synthetic.")
  int syntheticCells;

  @Option(names = "--results-dir", defaultValue = "results", description = "Results root.")
  Path resultsDir;

  @Override
  public Integer call() {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (rounds != null) {
      overrides.put("sync.rounds", rounds);
    }
    if (fraction != null) {
      overrides.put("sync.clientFraction", fraction);
    }
    if (threads != null) {
      overrides.put("threads", threads);
    }
    List<Method> chosen = new ArrayList<>();
    if (methods == null || methods.isEmpty()) {
      chosen.addAll(List.of(Method.values()));
    } else {
      for (String m : methods) {
        try {
          chosen.add(Method.parse(m));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(
              "--methods: unknown method '" + m + "' (use " + ids() + ")", e);
        }
      }
    }
    ForecastingExperiment.Options o =
        new ForecastingExperiment.Options(
            data,
            service,
            resolution,
            seed,
            seeds,
            Optional.ofNullable(preset),
            timing,
            Optional.ofNullable(config),
            overrides,
            chosen,
            resultsDir,
            syntheticCells,
            cells);
    ForecastingExperiment.Outcome out =
        ForecastingExperiment.run(
            o, VersionProvider.version(), progress(spec.commandLine().getErr()));
    out.lines().forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String ids() {
    List<String> ids = new ArrayList<>();
    for (Method m : Method.values()) {
      ids.add(m.id());
    }
    return String.join(", ", ids);
  }

  /** Progress on stderr, at most one line per message change. */
  private static Progress progress(java.io.PrintWriter err) {
    String[] last = {""};
    return (done, total, message) -> {
      String head = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
      boolean milestone = total > 0 && (done == total || done % Math.max(1, total / 5) == 0);
      if (!head.equals(last[0]) || milestone) {
        err.println("forecasting: " + message + (total > 0 ? " (" + done + "/" + total + ")" : ""));
        err.flush();
        last[0] = head;
      }
    };
  }
}
