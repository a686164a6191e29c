package dnt.experiments.poisoning;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.data.TrafficDataset;
import dnt.experiments.harness.Replications;
import dnt.experiments.harness.Study;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.learn.privacy.DpFedAvg;
import dnt.learn.robust.AggregationRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The poisoning study of the paper's Sec. IV-C: first the hyperparameter choices on the validation
 * week ({@code Selection}), then Table II (every rule x the attack columns, e.g. {no attack, MPAF,
 * FTI, TPI}, x {V-twin, H-twin}, MSE and MAE capped at 100), fake-share sweeps and strength sweeps
 * (MPAF's lambda, TPI's and FTI's eta) for the attacks in the table, and a DP-FedAvg
 * accuracy-versus-epsilon curve, written to {@code results/poisoning/<run>/} with CSV tables, PNG
 * heat maps and curves, a report and the manifest.
 */
public final class PoisoningExperiment {
  /** The rules of the sweeps: the paper's four. */
  static final List<String> SWEEP_RULES = List.of("mean", "median", "fltrust", "tid");

  static final double DP_CLIP = 1.0;
  static final double DP_FRACTION = 0.6;
  static final double DP_DELTA = 1e-3;

  private final PoisoningConfig config;
  private final double[] shares;
  private final double[] lambdas;
  private final double[] etas;
  private final double[] ftiEtas;
  private final double[] noises;
  private final List<String> rules;
  private final Progress progress;

  /**
   * Creates the experiment.
   *
   * @param config the settings
   * @param progress progress callback
   */
  public PoisoningExperiment(PoisoningConfig config, Progress progress) {
    this.config = config;
    this.shares = PoisoningConfig.Grids.array(config.grids().fakeShares());
    this.lambdas = PoisoningConfig.Grids.array(config.grids().mpafLambdas());
    this.etas = PoisoningConfig.Grids.array(config.grids().tpiEtas());
    this.ftiEtas = PoisoningConfig.Grids.array(config.grids().ftiEtas());
    this.noises = PoisoningConfig.Grids.array(config.grids().dpNoises());
    this.rules = canonicalRules(config.rules());
    this.progress = progress;
  }

  /**
   * The registry spelling of every rule name, matched without regard to letter case.
   *
   * @param names the names as configured
   * @return the registry names, in the same order
   * @throws InvalidInputException naming the unknown rule and listing the known ones
   */
  static List<String> canonicalRules(List<String> names) {
    List<String> out = new ArrayList<>(names.size());
    for (String name : names) {
      try {
        out.add(AggregationRules.REGISTRY.canonicalName(name));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("poisoning study setting 'rules': " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  /** One cell of the table, over seeds. */
  record Cell(Phase phase, String rule, String attack, double[] mse, double[] mae) {}

  /**
   * Runs the study and writes its results.
   *
   * @param data the Milan subset
   * @param run the results folder
   * @return the table's cells
   */
  public List<Cell> run(TrafficDataset data, ResultsRun run) {
    List<Phase> phases = new ArrayList<>();
    for (Phase p : Phase.values()) {
      if (config.phases().contains(p)) {
        phases.add(p);
      }
    }
    List<String> attacks = config.attacks();
    List<String> candidates = validationCandidates();
    long perSeed = (long) phases.size() * attacks.size();
    long total =
        perSeed * rules.size() * config.seeds()
            + perSeed * candidates.size() * config.seeds()
            + (config.sweeps() ? (long) SWEEP_RULES.size() * sweepPoints() * config.seeds() : 0)
            + (config.privacy() ? (long) noises.length * config.seeds() : 0);
    long[] done = {0};
    Selection selection = Selection.firstCandidates(config.select());
    if (!candidates.isEmpty()) {
      try (PoisoningStudy validation =
          new PoisoningStudy(config, data, PoisoningStudy.Split.VALIDATION)) {
        List<Cell> cells = table(validation, phases, candidates, done, total, "validation ");
        selection = Selection.choose(config.select(), cells);
        selection.write(run, cells, config);
      }
    }
    // the members chosen on validation are rows of the table even when the rules leave them out
    List<String> rows = new ArrayList<>(rules);
    for (String chosen : candidates.isEmpty() ? List.<String>of() : selection.chosen().values()) {
      if (!rows.contains(chosen)) {
        rows.add(chosen);
        total += perSeed * config.seeds();
      }
    }
    List<Cell> cells;
    try (PoisoningStudy study = new PoisoningStudy(config, data)) {
      run.config("stations", study.stations());
      run.config("model.parameters", study.parameters());
      run.config("fakes.table", study.fakeCount(config.fakeShare()));
      if (!candidates.isEmpty()) {
        selection.chosen().forEach((family, rule) -> run.config("select." + family, rule));
      }
      cells = table(study, phases, rows, done, total, "");
      PoisoningReport report = new PoisoningReport(config, rows);
      report.writeMetrics(run, cells);
      report.writeTable(run, cells, phases);
      List<String> sections = new ArrayList<>();
      if (!candidates.isEmpty()) {
        sections.add(selection.section(config));
      }
      if (config.sweeps()) {
        sections.add(sweeps(study, run, done, total));
      }
      if (config.privacy()) {
        sections.add(privacy(study, run, done, total));
      }
      report.writeReport(run, cells, phases, selection.chosen(), sections);
    }
    return cells;
  }

  /** Every rule x attack x phase over the seeds, on the study's split. */
  private List<Cell> table(
      PoisoningStudy study,
      List<Phase> phases,
      List<String> rowRules,
      long[] done,
      long total,
      String label) {
    List<Cell> cells = new ArrayList<>();
    for (Phase phase : phases) {
      for (String rule : rowRules) {
        for (String attack : config.attacks()) {
          PoisoningStudy.Attack a =
              new PoisoningStudy.Attack(attack, config.fakeShare(), config.strength(attack));
          List<Scores> scores =
              replicate(
                  rep -> study.run(rule, a, phase, rep.seed()),
                  done,
                  total,
                  label + phase.label() + " " + rule + " " + attack);
          cells.add(new Cell(phase, rule, attack, mse(scores), mae(scores)));
        }
      }
    }
    return cells;
  }

  /** The distinct candidate rules of the validation step, none when it is off. */
  private List<String> validationCandidates() {
    if (!config.validate()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    config.select().values().forEach(out::addAll);
    return List.copyOf(out);
  }

  /** The fake-client attacks of the table that the share sweep runs. */
  private List<String> sweptAttacks() {
    return config.attacks().stream().filter(SWEPT_ATTACKS::contains).toList();
  }

  /** The attacks with a share sweep, and a strength sweep over their own grid. */
  static final List<String> SWEPT_ATTACKS = List.of("mpaf", "tpi", "fti");

  private long sweepPoints() {
    List<String> swept = sweptAttacks();
    return (long) swept.size() * shares.length
        + (swept.contains("mpaf") ? lambdas.length : 0)
        + (swept.contains("tpi") ? etas.length : 0)
        + (swept.contains("fti") ? ftiEtas.length : 0);
  }

  private String sweeps(PoisoningStudy study, ResultsRun run, long[] done, long total) {
    StringBuilder csv = new StringBuilder("sweep,attack,rule,x,mse,mse_ci95,mae,mae_ci95\n");
    Map<String, List<PoisoningPlots.Curve>> shareCurves = new LinkedHashMap<>();
    List<PoisoningPlots.Curve> lambdaCurves = new ArrayList<>();
    List<PoisoningPlots.Curve> etaCurves = new ArrayList<>();
    StringBuilder md = new StringBuilder("## Sweeps (V-twin, MAE)\n\n");
    List<String> swept = sweptAttacks();
    for (String attack : swept.stream().filter(a -> !"fti".equals(a)).toList()) {
      md.append("Fake share, ").append(attack.toUpperCase(Locale.ROOT)).append(":\n\n");
      md.append(PoisoningReport.header("rule", shares, "%.0f%%", 100));
      for (String rule : SWEEP_RULES) {
        double strength = "mpaf".equals(attack) ? config.mpafLambda() : config.tpiEta();
        double[] y =
            sweep(
                study,
                rule,
                attack,
                shares,
                x -> new PoisoningStudy.Attack(attack, x, strength),
                "share",
                csv,
                done,
                total);
        shareCurves
            .computeIfAbsent(attack, a -> new ArrayList<>())
            .add(new PoisoningPlots.Curve(rule, scale(shares, 100), y));
        md.append(PoisoningReport.row(rule, y));
      }
      md.append('\n');
    }
    if (swept.contains("mpaf")) {
      md.append("MPAF lambda (fake share ")
          .append(PoisoningReport.pct(config.fakeShare()))
          .append("):\n\n");
      md.append(PoisoningReport.header("rule", lambdas, "%.0e", 1));
    }
    for (String rule : swept.contains("mpaf") ? SWEEP_RULES : List.<String>of()) {
      double[] y =
          sweep(
              study,
              rule,
              "mpaf",
              lambdas,
              x -> new PoisoningStudy.Attack("mpaf", config.fakeShare(), x),
              "lambda",
              csv,
              done,
              total);
      lambdaCurves.add(new PoisoningPlots.Curve(rule, lambdas, y));
      md.append(PoisoningReport.row(rule, y));
    }
    if (swept.contains("tpi")) {
      md.append("\nTPI eta (fake share ")
          .append(PoisoningReport.pct(config.fakeShare()))
          .append("):\n\n");
      md.append(PoisoningReport.header("rule", etas, "%.0f", 1));
    }
    for (String rule : swept.contains("tpi") ? SWEEP_RULES : List.<String>of()) {
      double[] y =
          sweep(
              study,
              rule,
              "tpi",
              etas,
              x -> new PoisoningStudy.Attack("tpi", config.fakeShare(), x),
              "eta",
              csv,
              done,
              total);
      etaCurves.add(new PoisoningPlots.Curve(rule, etas, y));
      md.append(PoisoningReport.row(rule, y));
    }
    if (swept.contains("fti")) {
      md.append("\nFake share, FTI (eta ")
          .append(String.format(Locale.ROOT, "%.0f", config.ftiEta()))
          .append("; not in `sweeps.png`):\n\n");
      md.append(PoisoningReport.header("rule", shares, "%.0f%%", 100));
      for (String rule : SWEEP_RULES) {
        double[] y =
            sweep(
                study,
                rule,
                "fti",
                shares,
                x -> new PoisoningStudy.Attack("fti", x, config.ftiEta()),
                "share",
                csv,
                done,
                total);
        md.append(PoisoningReport.row(rule, y));
      }
      md.append("\nFTI eta (fake share ")
          .append(PoisoningReport.pct(config.fakeShare()))
          .append("; not in `sweeps.png`):\n\n");
      md.append(PoisoningReport.header("rule", ftiEtas, "%.0f", 1));
      for (String rule : SWEEP_RULES) {
        double[] y =
            sweep(
                study,
                rule,
                "fti",
                ftiEtas,
                x -> new PoisoningStudy.Attack("fti", config.fakeShare(), x),
                "eta",
                csv,
                done,
                total);
        md.append(PoisoningReport.row(rule, y));
      }
    }
    write(run.file("sweeps.csv"), csv.toString());
    if (swept.contains("mpaf") && swept.contains("tpi")) {
      PoisoningPlots.sweeps(
          run.file("sweeps.png"),
          SWEEP_RULES,
          shareCurves.getOrDefault("mpaf", List.of()),
          shareCurves.getOrDefault("tpi", List.of()),
          lambdaCurves,
          etaCurves,
          config.fakeShare());
      md.append("\nFiles: `sweeps.csv`, `sweeps.png`.\n");
    } else {
      md.append(
          "\nFiles: `sweeps.csv` (`sweeps.png` is drawn when MPAF and TPI are both swept).\n");
    }
    return md.toString();
  }

  private double[] sweep(
      PoisoningStudy study,
      String rule,
      String attack,
      double[] xs,
      java.util.function.DoubleFunction<PoisoningStudy.Attack> make,
      String sweep,
      StringBuilder csv,
      long[] done,
      long total) {
    double[] y = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      PoisoningStudy.Attack a =
          xs[k] == 0 && "share".equals(sweep)
              ? new PoisoningStudy.Attack("none", 0, 1)
              : make.apply(xs[k]);
      List<Scores> scores =
          replicate(
              rep -> study.run(rule, a, Phase.V_TWIN, rep.seed()),
              done,
              total,
              "sweep " + sweep + " " + rule + " " + attack);
      Stats.MeanCi m = Stats.meanCi95(mse(scores));
      Stats.MeanCi a2 = Stats.meanCi95(mae(scores));
      y[k] = a2.mean();
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%s,%.6f,%s,%.6f,%s%n",
              sweep,
              attack,
              rule,
              Double.toString(xs[k]),
              m.mean(),
              m.halfWidthCsv("%.6f"),
              a2.mean(),
              a2.halfWidthCsv("%.6f")));
    }
    return y;
  }

  private String privacy(PoisoningStudy study, ResultsRun run, long[] done, long total) {
    StringBuilder csv =
        new StringBuilder("noise_multiplier,epsilon,delta,mse,mse_ci95,mae,mae_ci95\n");
    StringBuilder md =
        new StringBuilder("## DP-FedAvg: accuracy versus epsilon (V-twin, no attack)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Client-level DP-FedAvg with a fixed clipping norm C = %.1f (of the order of the"
                + " clean update norms; adaptive clipping from Flower's C0 = 0.1 needs more than"
                + " a few rounds to adapt), client fraction q = %.1f, %d rounds, delta = %.0e."
                + " Epsilon from the RDP accountant (Poisson sampling assumed; the engine samples"
                + " a fixed number of stations per round, so the figures are indicative). With 25"
                + " stations, client-level privacy is expensive: small epsilons cost accuracy.%n%n",
            DP_CLIP,
            DP_FRACTION,
            config.vRounds(),
            DP_DELTA));
    md.append("| noise z | epsilon | MSE | MAE |\n|---|---|---|---|\n");
    double[] eps = new double[noises.length];
    double[] maes = new double[noises.length];
    int n = study.stations();
    double expected = DP_FRACTION * n;
    for (int k = 0; k < noises.length; k++) {
      double z = noises[k];
      List<Private> runs =
          replicate(
              rep -> {
                DpFedAvg[] holder = new DpFedAvg[1];
                Scores sc =
                    study.run(
                        () -> {
                          holder[0] = DpFedAvg.fixed(z, DP_CLIP, expected, DP_FRACTION);
                          return holder[0];
                        },
                        new PoisoningStudy.Attack("none", 0, 1),
                        Phase.V_TWIN,
                        rep.seed(),
                        "dp-fedavg-z" + z,
                        DP_FRACTION);
                return new Private(
                    sc,
                    z > 0 ? holder[0].privacySpent(DP_DELTA).epsilon() : Double.POSITIVE_INFINITY);
              },
              done,
              total,
              "dp-fedavg z=" + z);
      List<Scores> scores = runs.stream().map(Private::scores).toList();
      // the accountant's epsilon depends on the rounds and the noise only, not on the seed: the
      // last replication's, as before
      double epsilon = runs.get(runs.size() - 1).epsilon();
      Stats.MeanCi m = Stats.meanCi95(mse(scores));
      Stats.MeanCi a = Stats.meanCi95(mae(scores));
      eps[k] = epsilon;
      maes[k] = a.mean();
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%.6f,%s,%.6f,%s%n",
              z,
              epsilon,
              DP_DELTA,
              m.mean(),
              m.halfWidthCsv("%.6f"),
              a.mean(),
              a.halfWidthCsv("%.6f")));
      md.append(
          String.format(
              Locale.ROOT,
              "| %.1f | %s | %.4f | %.4f |%n",
              z,
              Double.isInfinite(epsilon)
                  ? "inf (no noise)"
                  : String.format(Locale.ROOT, "%.2f", epsilon),
              m.mean(),
              a.mean()));
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double noiseless = Double.NaN;
    for (int k = 0; k < noises.length; k++) {
      if (Double.isFinite(eps[k])) {
        xs.add(eps[k]);
        ys.add(maes[k]);
      } else {
        noiseless = maes[k];
      }
    }
    write(run.file("privacy.csv"), csv.toString());
    PoisoningPlots.privacy(
        run.file("privacy.png"),
        String.format(
            Locale.ROOT,
            "V-twin, no attack; C = %.1f, q = %.1f, delta = %.0e",
            DP_CLIP,
            DP_FRACTION,
            DP_DELTA),
        xs.stream().mapToDouble(Double::doubleValue).toArray(),
        ys.stream().mapToDouble(Double::doubleValue).toArray(),
        noiseless);
    md.append("\nFiles: `privacy.csv`, `privacy.png`.\n");
    return md.toString();
  }

  /** One replication of a DP-FedAvg run: its scores and the privacy it spent. */
  private record Private(Scores scores, double epsilon) {}

  /**
   * Runs one table cell or sweep point over the run's replications (replication i uses seed + i),
   * one after the other (the study caches clean runs), counting progress over the whole run.
   */
  private <R> List<R> replicate(Study<R> cell, long[] done, long total, String label) {
    return Replications.run(
        cell, config.seed(), config.seeds(), (d, t, m) -> progress.update(++done[0], total, label));
  }

  private static double[] mse(List<Scores> scores) {
    return scores.stream().mapToDouble(Scores::mse).toArray();
  }

  private static double[] mae(List<Scores> scores) {
    return scores.stream().mapToDouble(Scores::mae).toArray();
  }

  private static double[] scale(double[] x, double f) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * f;
    }
    return out;
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
