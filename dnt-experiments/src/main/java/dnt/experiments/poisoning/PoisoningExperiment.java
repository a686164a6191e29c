package dnt.experiments.poisoning;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.data.TrafficDataset;
import dnt.experiments.harness.Replications;
import dnt.experiments.harness.Study;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Verdict;
import dnt.learn.privacy.DpFedAvg;
import dnt.learn.robust.AggregationRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The poisoning study of the paper's Sec. IV-C: Table II (every rule x {no attack, MPAF, TPI} x
 * {V-twin, H-twin}, MSE and MAE capped at 100), a fake-share sweep, an MPAF-lambda sweep, a TPI-eta
 * sweep and a DP-FedAvg accuracy-versus-epsilon curve, written to {@code results/poisoning/<run>/}
 * with CSV tables, PNG heat maps and curves, a report and the manifest.
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
    List<String> attacks = List.of("none", "mpaf", "tpi");
    long total =
        (long) phases.size() * rules.size() * attacks.size() * config.seeds()
            + (config.sweeps()
                ? (long) SWEEP_RULES.size()
                    * (2L * shares.length + lambdas.length + etas.length)
                    * config.seeds()
                : 0)
            + (config.privacy() ? (long) noises.length * config.seeds() : 0);
    long[] done = {0};
    List<Cell> cells = new ArrayList<>();
    try (PoisoningStudy study = new PoisoningStudy(config, data)) {
      run.config("stations", study.stations());
      run.config("model.parameters", study.parameters());
      run.config("fakes.table", study.fakeCount(config.fakeShare()));
      for (Phase phase : phases) {
        for (String rule : rules) {
          for (String attack : attacks) {
            double strength = "mpaf".equals(attack) ? config.mpafLambda() : config.tpiEta();
            PoisoningStudy.Attack a =
                new PoisoningStudy.Attack(attack, config.fakeShare(), strength);
            List<Scores> scores =
                replicate(
                    rep -> study.run(rule, a, phase, rep.seed()),
                    done,
                    total,
                    phase.label() + " " + rule + " " + attack);
            cells.add(new Cell(phase, rule, attack, mse(scores), mae(scores)));
          }
        }
      }
      writeMetrics(run, cells);
      writeTable(run, cells, phases);
      List<String> sections = new ArrayList<>();
      if (config.sweeps()) {
        sections.add(sweeps(study, run, done, total));
      }
      if (config.privacy()) {
        sections.add(privacy(study, run, done, total));
      }
      writeReport(run, cells, phases, sections);
    }
    return cells;
  }

  private String sweeps(PoisoningStudy study, ResultsRun run, long[] done, long total) {
    StringBuilder csv = new StringBuilder("sweep,attack,rule,x,mse,mse_ci95,mae,mae_ci95\n");
    Map<String, List<PoisoningPlots.Curve>> shareCurves = new LinkedHashMap<>();
    List<PoisoningPlots.Curve> lambdaCurves = new ArrayList<>();
    List<PoisoningPlots.Curve> etaCurves = new ArrayList<>();
    StringBuilder md = new StringBuilder("## Sweeps (V-twin, MAE)\n\n");
    for (String attack : List.of("mpaf", "tpi")) {
      md.append("Fake share, ").append(attack.toUpperCase(Locale.ROOT)).append(":\n\n");
      md.append(header("rule", shares, "%.0f%%", 100));
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
        md.append(row(rule, y));
      }
      md.append('\n');
    }
    md.append("MPAF lambda (fake share ").append(pct(config.fakeShare())).append("):\n\n");
    md.append(header("rule", lambdas, "%.0e", 1));
    for (String rule : SWEEP_RULES) {
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
      md.append(row(rule, y));
    }
    md.append("\nTPI eta (fake share ").append(pct(config.fakeShare())).append("):\n\n");
    md.append(header("rule", etas, "%.0f", 1));
    for (String rule : SWEEP_RULES) {
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
      md.append(row(rule, y));
    }
    write(run.file("sweeps.csv"), csv.toString());
    PoisoningPlots.sweeps(
        run.file("sweeps.png"),
        SWEEP_RULES,
        shareCurves.getOrDefault("mpaf", List.of()),
        shareCurves.getOrDefault("tpi", List.of()),
        lambdaCurves,
        etaCurves,
        config.fakeShare());
    md.append("\nFiles: `sweeps.csv`, `sweeps.png`.\n");
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

  /** One seed's result in one cell of the table. */
  private record SeedRow(Cell cell, long seed, int replication) {}

  /** The columns of {@code metrics.csv}: one row per table cell and seed. */
  private static final ResultTable<SeedRow> METRICS =
      ResultTable.<SeedRow>of()
          .column("phase", r -> r.cell().phase().label())
          .column("rule", r -> r.cell().rule())
          .column("attack", r -> r.cell().attack())
          .column("seed", SeedRow::seed)
          .column("mse", "%.6f", r -> r.cell().mse()[r.replication()])
          .column("mae", "%.6f", r -> r.cell().mae()[r.replication()]);

  /** One cell of the table with the means and intervals over seeds. */
  private record TableRow(Cell cell, Stats.MeanCi mse, Stats.MeanCi mae) {
    TableRow(Cell cell) {
      this(cell, Stats.meanCi95(cell.mse()), Stats.meanCi95(cell.mae()));
    }
  }

  /** The columns of {@code table2.csv}: each cell's means and 95% half-widths over seeds. */
  private static final ResultTable<TableRow> TABLE =
      ResultTable.<TableRow>of()
          .column("phase", r -> r.cell().phase().label())
          .column("rule", r -> r.cell().rule())
          .column("attack", r -> r.cell().attack())
          .column("mse", "%.6f", r -> r.mse().mean())
          .column("mse_ci95", r -> r.mse().halfWidthCsv("%.6f"))
          .column("mae", "%.6f", r -> r.mae().mean())
          .column("mae_ci95", r -> r.mae().halfWidthCsv("%.6f"))
          .column("seeds", r -> r.cell().mse().length);

  /** {@code metrics.csv}: one row per table cell and seed (what the seed and settings fix). */
  private void writeMetrics(ResultsRun run, List<Cell> cells) {
    List<SeedRow> rows = new ArrayList<>();
    for (Cell c : cells) {
      for (int s = 0; s < c.mse().length; s++) {
        rows.add(new SeedRow(c, Replications.seed(config.seed(), s), s));
      }
    }
    METRICS.write(run.file("metrics.csv"), rows);
  }

  private void writeTable(ResultsRun run, List<Cell> cells, List<Phase> phases) {
    TABLE.write(run.file("table2.csv"), cells.stream().map(TableRow::new).toList());
    List<String> columns = new ArrayList<>();
    for (Phase p : phases) {
      for (String a : List.of("no attack", "MPAF", "TPI")) {
        columns.add(p.label() + " " + a);
      }
    }
    for (String metric : List.of("mae", "mse")) {
      double[][] values = new double[rules.size()][columns.size()];
      for (int r = 0; r < rules.size(); r++) {
        int col = 0;
        for (Phase p : phases) {
          for (String a : List.of("none", "mpaf", "tpi")) {
            values[r][col++] = mean(find(cells, p, rules.get(r), a), metric);
          }
        }
      }
      PoisoningPlots.heatmap(run.file("table2-" + metric + ".png"), metric, rules, columns, values);
    }
  }

  private void writeReport(
      ResultsRun run, List<Cell> cells, List<Phase> phases, List<String> sections) {
    Report md = Report.titled("Twin poisoning (paper Sec. IV-C, Table II)");
    md.paragraph(
        String.format(
            Locale.ROOT,
            "Bundled Milan internet subset (25 stations, hourly, per-cell z-score), MLP forecaster"
                + " (%d hidden units), V-twin %d synchronous rounds, H-twin %d streamed days."
                + " Attacks: %s fake stations (MPAF lambda %.0e, TPI eta %.1f sigma %.1f)."
                + " Seeds: %d (from %d). Errors on the test week in normalised units, capped at"
                + " 100 as in the paper. TID and TPI are reconstructions (no equations in the"
                + " paper); see docs/security.md.",
            config.hidden(),
            config.vRounds(),
            config.hDays(),
            pct(config.fakeShare()),
            config.mpafLambda(),
            config.tpiEta(),
            config.tpiSigma(),
            config.seeds(),
            config.seed()));
    List<String> header = new ArrayList<>(List.of("rule"));
    for (Phase p : phases) {
      header.addAll(List.of(p.label() + " no", p.label() + " MPAF", p.label() + " TPI"));
    }
    List<List<String>> table = new ArrayList<>();
    for (String rule : rules) {
      List<String> row = new ArrayList<>(List.of(rule));
      for (Phase p : phases) {
        for (String a : List.of("none", "mpaf", "tpi")) {
          Cell c = find(cells, p, rule, a);
          row.add(fmt(mean(c, "mae")) + " / " + fmt(mean(c, "mse")));
        }
      }
      table.add(row);
    }
    md.section("Table II (MAE / MSE)").table(header, table);
    md.paragraph(
        "Files: `table2.csv` (with 95% intervals over seeds), `table2-mae.png`,"
            + " `table2-mse.png`.");
    md.section("The paper's claims against these numbers");
    md.paragraph(
        "Each verdict rests on the 95% t-interval of a paired difference over the seeds (the same"
            + " seed with and without the attack, or under two rules); \"blows up\" means an MAE"
            + " of at least 10x the rule's clean MAE (or the cap); with one seed only the"
            + " direction is given.");
    for (Claim c : claims(cells, phases)) {
      md.claim(c.text(), c.verdict(), "");
    }
    md.line("");
    for (String section : sections) {
      md.raw(section).line("");
    }
    md.write(run.file("report.md"));
  }

  /**
   * One of the paper's claims and its verdict.
   *
   * @param text the claim
   * @param verdict its verdict
   */
  record Claim(String text, Verdict verdict) {}

  /**
   * Verdicts on the paper's claims, each from the 95% t-interval of a paired difference over the
   * seeds (the same seed with and without the attack, or under two rules); "blows up" means MAE at
   * least 10x the rule's clean MAE (or the cap). With one seed only the direction is given.
   */
  List<Claim> claims(List<Cell> cells, List<Phase> phases) {
    List<Claim> out = new ArrayList<>();
    Verdict.Direction up = Verdict.Direction.HIGHER;
    for (Phase p : phases) {
      String ph = p.label();
      for (String rule : List.of("mean", "fltrust")) {
        for (String a : List.of("mpaf", "tpi")) {
          if (has(cells, p, rule, a)) {
            out.add(
                claim(
                    ph
                        + ": "
                        + rule
                        + " blows up under "
                        + a.toUpperCase(Locale.ROOT)
                        + " (paper: yes)",
                    blowUp(cells, p, rule, a),
                    up));
          }
        }
      }
      if (has(cells, p, "median", "mpaf")) {
        out.add(
            claim(
                ph + ": median survives MPAF (paper: yes)",
                blowUp(cells, p, "median", "mpaf"),
                Verdict.Direction.LOWER));
        out.add(
            claim(
                ph + ": median collapses under TPI (paper: yes)",
                blowUp(cells, p, "median", "tpi"),
                up));
      }
      if (has(cells, p, "tid", "mpaf")) {
        double[] none = find(cells, p, "tid", "none").mae();
        double[] mpaf = find(cells, p, "tid", "mpaf").mae();
        double[] allowed = new double[none.length];
        for (int s = 0; s < none.length; s++) {
          allowed[s] = 1.1 * none[s];
        }
        out.add(
            claim(
                ph + ": TID stays accurate under MPAF, MAE within 10% of clean (paper: yes)",
                Stats.pairedDifference95(allowed, mpaf),
                up));
        // degradation = MAE under TPI over clean MAE; "least" within 2 percentage points
        double[] tid = degradation(cells, p, "tid");
        List<Verdict> each = new ArrayList<>();
        for (String r : List.of("mean", "median", "fltrust")) {
          if (has(cells, p, r, "tpi")) {
            double[] other = degradation(cells, p, r);
            double[] margin = new double[other.length];
            for (int s = 0; s < other.length; s++) {
              margin[s] = other[s] + 0.02;
            }
            each.add(Verdict.of(Stats.pairedDifference95(margin, tid), up, VERDICT_FORMAT));
          }
        }
        if (!each.isEmpty()) {
          out.add(
              new Claim(
                  ph
                      + ": TID degrades least under TPI among Mean, Median, FLTrust, TID, within 2"
                      + " points of relative MAE (paper: yes)",
                  Verdict.all(each)));
        }
      }
    }
    return out;
  }

  /** The number format of the paired differences in the verdicts (MAE in normalised units). */
  private static final String VERDICT_FORMAT = "%.3f";

  private static Claim claim(String text, Stats.MeanCi difference, Verdict.Direction direction) {
    return new Claim(text, Verdict.of(difference, direction, VERDICT_FORMAT));
  }

  private static double[] degradation(List<Cell> cells, Phase p, String rule) {
    double[] tpi = find(cells, p, rule, "tpi").mae();
    double[] none = find(cells, p, rule, "none").mae();
    double[] out = new double[tpi.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = tpi[s] / none[s];
    }
    return out;
  }

  /**
   * The paired difference, seed by seed, of the attacked MAE over the blow-up threshold (10x the
   * clean MAE, at most just under the cap): positive means it blows up.
   */
  private static Stats.MeanCi blowUp(List<Cell> cells, Phase p, String rule, String attack) {
    double[] clean = find(cells, p, rule, "none").mae();
    double[] hit = find(cells, p, rule, attack).mae();
    double[] threshold = new double[clean.length];
    for (int s = 0; s < clean.length; s++) {
      threshold[s] = Math.min(10 * clean[s], 0.999 * Scores.CAP);
    }
    return Stats.pairedDifference95(hit, threshold);
  }

  private static boolean has(List<Cell> cells, Phase p, String rule, String attack) {
    return cells.stream()
        .anyMatch(c -> c.phase() == p && c.rule().equals(rule) && c.attack().equals(attack));
  }

  private static Cell find(List<Cell> cells, Phase p, String rule, String attack) {
    return cells.stream()
        .filter(c -> c.phase() == p && c.rule().equals(rule) && c.attack().equals(attack))
        .findFirst()
        .orElseThrow();
  }

  private static double mean(Cell c, String metric) {
    return Stats.meanCi95("mse".equals(metric) ? c.mse() : c.mae()).mean();
  }

  private static String fmt(double x) {
    return x >= Scores.CAP ? "100.0" : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  private static String header(String first, double[] xs, String format, double scale) {
    StringBuilder sb = new StringBuilder("| ").append(first).append(" |");
    for (double x : xs) {
      sb.append(' ').append(String.format(Locale.ROOT, format, x * scale)).append(" |");
    }
    sb.append("\n|---|").append("---|".repeat(xs.length)).append('\n');
    return sb.toString();
  }

  private static String row(String name, double[] y) {
    StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
    for (double v : y) {
      sb.append(' ').append(fmt(v)).append(" |");
    }
    return sb.append('\n').toString();
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
