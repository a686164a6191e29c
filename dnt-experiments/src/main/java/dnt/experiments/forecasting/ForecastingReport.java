package dnt.experiments.forecasting;

import dnt.experiments.plot.Charts;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.Stats;
import dnt.learn.fl.FlConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Writes a forecasting run's metrics.csv, curve.csv, fig3.png and report.md. */
public final class ForecastingReport {
  private static final String G = "%.6g";

  /** The columns of {@code metrics.csv}: what the seed and the settings determine. */
  static final ResultTable<MethodResult> METRICS =
      ResultTable.<MethodResult>of()
          .column("method", r -> r.method().id())
          .column("seed", MethodResult::seed)
          .column("mse_z", G, r -> r.scores().mseZ())
          .column("mae_z", G, r -> r.scores().maeZ())
          .column("nrmse_z", G, r -> r.scores().nrmse())
          .column("mse_raw", G, r -> r.scores().mseRaw())
          .column("mae_raw", G, r -> r.scores().maeRaw())
          .column("nrmse_raw", G, r -> r.scores().nrmse())
          .column("communication_s", G, r -> r.total().communicationSeconds())
          .column("bytes", r -> r.total().bytes())
          .column("creation_communication_s", G, r -> r.creation().communicationSeconds())
          .column("creation_bytes", r -> r.creation().bytes())
          .column("ongoing_communication_s", G, r -> r.ongoing().communicationSeconds())
          .column("ongoing_bytes", r -> r.ongoing().bytes());

  /** The columns of {@code timing.csv}: measured times, which vary from run to run. */
  static final ResultTable<MethodResult> TIMING =
      ResultTable.<MethodResult>of()
          .column("method", r -> r.method().id())
          .column("seed", MethodResult::seed)
          .column("training_s", G, r -> r.total().trainingSeconds())
          .column("creation_training_s", G, r -> r.creation().trainingSeconds())
          .column("ongoing_training_s", G, r -> r.ongoing().trainingSeconds())
          .column("wall_s", G, MethodResult::wallSeconds);

  /** One point of a synchronous phase's evaluation curve. */
  private record CurvePoint(String method, long seed, int round, double mseZ) {}

  private static final ResultTable<CurvePoint> CURVE =
      ResultTable.<CurvePoint>of()
          .column("method", CurvePoint::method)
          .column("seed", CurvePoint::seed)
          .column("round", CurvePoint::round)
          .column("mse_z", G, CurvePoint::mseZ);

  private ForecastingReport() {}

  /**
   * Writes {@code metrics.csv}: one row per method and seed, only what the seed and the settings
   * determine (errors, simulated communication time, bytes), so that a rerun from the run's {@code
   * config.yaml} writes the same file byte for byte. Measured times go to {@link #writeTimings}.
   *
   * @param file the file
   * @param results the results
   */
  public static void writeMetrics(Path file, List<MethodResult> results) {
    METRICS.write(file, results);
  }

  /**
   * Writes {@code timing.csv}: the measured times of each method and seed (training CPU seconds,
   * total and split into creation and ongoing, and wall seconds), which vary from run to run.
   *
   * @param file the file
   * @param results the results
   */
  public static void writeTimings(Path file, List<MethodResult> results) {
    TIMING.write(file, results);
  }

  /**
   * Writes the per-round evaluation curves of the synchronous phases ({@code curve.csv}).
   *
   * @param file the file
   * @param results the results
   */
  public static void writeCurves(Path file, List<MethodResult> results) {
    List<CurvePoint> points = new ArrayList<>();
    for (MethodResult r : results) {
      for (double[] point : r.curve()) {
        points.add(new CurvePoint(r.method().id(), r.seed(), (int) point[0], point[1]));
      }
    }
    CURVE.write(file, points);
  }

  /**
   * Draws the Fig. 3-style figure: accuracy bars (MSE and MAE in z units) beside cost bars
   * (training and communication seconds, creation plus ongoing), with 95% confidence intervals.
   *
   * @param file the PNG
   * @param results the results
   * @param title a title suffix (data and service)
   */
  public static void writeFigure(Path file, List<MethodResult> results, String title) {
    List<Charts.Bar> accuracy = new ArrayList<>();
    List<Charts.Bar> cost = new ArrayList<>();
    for (Map.Entry<Method, List<MethodResult>> e : byMethod(results).entrySet()) {
      String m = e.getKey().label();
      accuracy.add(bar("MSE (z)", m, e.getValue(), r -> r.scores().mseZ()));
      accuracy.add(bar("MAE (z)", m, e.getValue(), r -> r.scores().maeZ()));
      if (e.getKey() != Method.PERSISTENCE && e.getKey() != Method.SEASONAL_NAIVE) {
        cost.add(bar("training s", m, e.getValue(), r -> r.total().trainingSeconds()));
        cost.add(bar("communication s", m, e.getValue(), r -> r.total().communicationSeconds()));
      }
    }
    Charts.savePng(
        file,
        760,
        520,
        Charts.bars("Mapping accuracy, " + title, "error (normalised units)", accuracy),
        Charts.bars("Deployment cost, " + title, "seconds (creation + ongoing)", cost));
  }

  private static Charts.Bar bar(
      String series, String category, List<MethodResult> rs, ToDoubleFunction<MethodResult> f) {
    Stats.MeanCi ci = Stats.meanCi95(rs.stream().mapToDouble(f).toArray());
    return new Charts.Bar(series, category, ci.mean(), ci.halfWidth());
  }

  static Map<Method, List<MethodResult>> byMethod(List<MethodResult> results) {
    Map<Method, List<MethodResult>> out = new LinkedHashMap<>();
    for (Method m : Method.values()) {
      List<MethodResult> rs = results.stream().filter(r -> r.method() == m).toList();
      if (!rs.isEmpty()) {
        out.put(m, rs);
      }
    }
    return out;
  }

  static Stats.MeanCi ci(List<MethodResult> rs, ToDoubleFunction<MethodResult> f) {
    return Stats.meanCi95(rs.stream().mapToDouble(f).toArray());
  }

  /**
   * The report a person reads first: the table of means with 95% intervals and the paper's claims
   * checked against what was measured.
   *
   * @param results the results
   * @param header lines describing the run (data, protocol, command)
   * @return the markdown
   */
  public static String markdown(List<MethodResult> results, List<String> header) {
    Report md = Report.titled("Federated traffic forecasting (paper case study IV-A, Fig. 3)");
    header.forEach(md::line);
    int seeds = results.stream().mapToLong(MethodResult::seed).distinct().toArray().length;
    md.line("")
        .section(
            seeds > 1
                ? "Results (mean ± 95% CI over " + seeds + " seeds)"
                : "Results (one seed: no confidence intervals)");
    Map<Method, List<MethodResult>> by = byMethod(results);
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<Method, List<MethodResult>> e : by.entrySet()) {
      List<MethodResult> rs = e.getValue();
      rows.add(
          List.of(
              e.getKey().label(),
              pm(ci(rs, r -> r.scores().mseZ())),
              pm(ci(rs, r -> r.scores().maeZ())),
              pm(ci(rs, r -> r.scores().nrmse())),
              g(ci(rs, r -> r.scores().mseRaw()).mean()),
              g(ci(rs, r -> r.scores().maeRaw()).mean()),
              pm(ci(rs, r -> r.total().trainingSeconds())),
              pm(ci(rs, r -> r.total().communicationSeconds())),
              g(ci(rs, r -> r.total().bytes() / 1e6).mean()),
              g(ci(rs, r -> r.ongoing().totalSeconds()).mean())));
    }
    md.table(
        List.of(
            "method",
            "MSE (z)",
            "MAE (z)",
            "NRMSE",
            "MSE (raw)",
            "MAE (raw)",
            "training s",
            "communication s",
            "MB sent+received",
            "ongoing s"),
        rows);
    md.line(
        "Training s is measured thread CPU time of local (or central) training on this machine;"
            + " communication s is simulated transfer time (bytes / link rate + latency per"
            + " message) summed over messages; both are creation (history) plus ongoing (test"
            + " week) phases. NRMSE is the same in z and raw units (the z-score is affine per"
            + " cell).");
    md.line("").section("The paper's claims, tested");
    StringBuilder b = new StringBuilder();
    claims(b, by);
    return md.raw(b.toString()).markdown();
  }

  /**
   * The paired difference a - b of a metric over the seeds both methods ran (95% t-interval).
   *
   * @param a the first method's results
   * @param b the second method's results
   * @param f the metric
   * @return the difference
   */
  static Stats.MeanCi paired(
      List<MethodResult> a, List<MethodResult> b, ToDoubleFunction<MethodResult> f) {
    Map<Long, Double> bySeed = new LinkedHashMap<>();
    for (MethodResult r : b) {
      bySeed.put(r.seed(), f.applyAsDouble(r));
    }
    List<double[]> pairs = new ArrayList<>();
    for (MethodResult r : a) {
      Double other = bySeed.get(r.seed());
      if (other != null) {
        pairs.add(new double[] {f.applyAsDouble(r), other});
      }
    }
    double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
    return Stats.pairedDifference95(x, y);
  }

  private static void claims(StringBuilder b, Map<Method, List<MethodResult>> by) {
    b.append(
        "Each verdict rests on the 95% t-interval of the paired difference (same seed, two"
            + " methods): it holds when the interval excludes zero in the claimed direction;"
            + " with one seed there is no interval and only the direction is reported.\n\n");
    ToDoubleFunction<MethodResult> mse = r -> r.scores().mseZ();
    double[] twinMse = new double[4];
    Method[] twins = {
      Method.V_TWIN, Method.V_TWIN_NO_CLUSTER, Method.H_TWIN, Method.H_TWIN_NO_CLUSTER
    };
    boolean allTwins = true;
    for (int i = 0; i < 4; i++) {
      List<MethodResult> rs = by.get(twins[i]);
      if (rs == null) {
        allTwins = false;
        break;
      }
      twinMse[i] = ci(rs, mse).mean();
    }
    if (allTwins) {
      double min = Math.min(Math.min(twinMse[0], twinMse[1]), Math.min(twinMse[2], twinMse[3]));
      double max = Math.max(Math.max(twinMse[0], twinMse[1]), Math.max(twinMse[2], twinMse[3]));
      b.append(
          String.format(
              Locale.ROOT,
              "1. *All four twinning methods have comparable error.* MSE (z) spans %.4f to %.4f"
                  + " (largest %.1f%% above smallest).%n",
              min,
              max,
              100 * (max / min - 1)));
      b.append(
          String.format(
              Locale.ROOT,
              "2. *H-twin has slightly lower error than V-twin.* MSE (z) H-twin %.4f vs V-twin"
                  + " %.4f: %s; without clusters %.4f vs %.4f: %s.%n",
              twinMse[2],
              twinMse[0],
              Stats.lowerVerdict(
                  paired(results(by, Method.H_TWIN), results(by, Method.V_TWIN), mse), "%.4f"),
              twinMse[3],
              twinMse[1],
              Stats.lowerVerdict(
                  paired(
                      results(by, Method.H_TWIN_NO_CLUSTER),
                      results(by, Method.V_TWIN_NO_CLUSTER),
                      mse),
                  "%.4f")));
      ToDoubleFunction<MethodResult> comm = r -> r.total().communicationSeconds();
      double vComm = ci(results(by, Method.V_TWIN), comm).mean();
      double hComm = ci(results(by, Method.H_TWIN), comm).mean();
      b.append(
          String.format(
              Locale.ROOT,
              "3. *H-twin costs slightly more communication than V-twin.* %.1f s vs %.1f s"
                  + " (%+.1f%%; H-twin adds one model download and upload per station per"
                  + " streamed day): V-twin lower: %s.%n",
              hComm,
              vComm,
              100 * (hComm / vComm - 1),
              Stats.lowerVerdict(
                  paired(results(by, Method.V_TWIN), results(by, Method.H_TWIN), comm), "%.2f")));
    }
    List<MethodResult> central = by.get(Method.TRADITIONAL_DT);
    List<MethodResult> h = by.get(Method.H_TWIN);
    if (central != null && h != null) {
      ToDoubleFunction<MethodResult> ongoing = r -> r.ongoing().totalSeconds();
      double cOn = ci(central, ongoing).mean();
      double hOn = ci(h, ongoing).mean();
      double cTot = ci(central, r -> r.total().totalSeconds()).mean();
      double hTot = ci(h, r -> r.total().totalSeconds()).mean();
      double cMse = ci(central, mse).mean();
      double hMse = ci(h, mse).mean();
      Stats.MeanCi onDiff = paired(h, central, ongoing);
      b.append(
          String.format(
              Locale.ROOT,
              "4. *The joint V-H workflow cuts ongoing cost by about 43.8%% against the centralized"
                  + " single-level baseline.* Ongoing (test-week) training + communication: H-twin"
                  + " %.2f s vs Traditional DT %.2f s, a cut of %.1f%%; creation + ongoing: %.2f s"
                  + " vs %.2f s (%.1f%% cut). H-twin lower: %s. %s%n",
              hOn,
              cOn,
              100 * (1 - hOn / cOn),
              hTot,
              cTot,
              100 * (1 - hTot / cTot),
              Stats.lowerVerdict(onDiff, "%.2f"),
              hOn < cOn
                  ? "The size depends on the model size against the raw data volume (see"
                      + " docs/forecasting.md)."
                  : "The raw traffic values a station uploads are far smaller than a model of"
                      + " ~10^5 float parameters, so centralizing is cheaper in bytes (see"
                      + " docs/forecasting.md)."));
      b.append(
          String.format(
              Locale.ROOT,
              "5. *The horizontal stage is more accurate than Traditional DT.* H-twin MSE (z)"
                  + " %.4f vs %.4f: %s.%n",
              hMse,
              cMse,
              Stats.lowerVerdict(paired(h, central, mse), "%.4f")));
    }
    personalisation(b, by, mse);
    List<MethodResult> persistence = by.get(Method.PERSISTENCE);
    if (persistence != null) {
      double p = ci(persistence, mse).mean();
      double best = Double.POSITIVE_INFINITY;
      Method bestMethod = null;
      for (Map.Entry<Method, List<MethodResult>> e : by.entrySet()) {
        if (e.getKey() == Method.PERSISTENCE || e.getKey() == Method.SEASONAL_NAIVE) {
          continue;
        }
        double m = ci(e.getValue(), mse).mean();
        if (m < best) {
          best = m;
          bestMethod = e.getKey();
        }
      }
      if (bestMethod != null) {
        b.append(
            String.format(
                Locale.ROOT,
                "%nBest learned method: %s, MSE (z) %.4f, %.1f%% below persistence (%.4f);"
                    + " lower than persistence: %s.%n",
                bestMethod.label(),
                best,
                100 * (1 - best / p),
                p,
                Stats.lowerVerdict(paired(results(by, bestMethod), persistence, mse), "%.4f")));
      }
    }
  }

  /**
   * When a personalised method ran: its paired differences against its own twin without
   * personalisation, against FedAvg (V-twin w/o cluster) and, for the clustered one, against the
   * personalised FedAvg (what the clusters add once both are personalised).
   */
  private static void personalisation(
      StringBuilder b, Map<Method, List<MethodResult>> by, ToDoubleFunction<MethodResult> mse) {
    if (!by.containsKey(Method.V_TWIN_PERSONALISED)
        && !by.containsKey(Method.V_TWIN_NO_CLUSTER_PERSONALISED)) {
      return;
    }
    b.append("\nClustering and personalisation (MSE (z), paired differences a - b):\n\n");
    Method[][] pairs = {
      {Method.V_TWIN, Method.V_TWIN_NO_CLUSTER},
      {Method.V_TWIN_PERSONALISED, Method.V_TWIN_NO_CLUSTER},
      {Method.V_TWIN_PERSONALISED, Method.V_TWIN},
      {Method.V_TWIN_NO_CLUSTER_PERSONALISED, Method.V_TWIN_NO_CLUSTER},
      {Method.V_TWIN_PERSONALISED, Method.V_TWIN_NO_CLUSTER_PERSONALISED}
    };
    for (Method[] p : pairs) {
      List<MethodResult> a = by.get(p[0]);
      List<MethodResult> c = by.get(p[1]);
      if (a != null && c != null) {
        b.append(
            String.format(
                Locale.ROOT,
                "- %s (%.4f) vs %s (%.4f): %s lower: %s.%n",
                p[0].label(),
                ci(a, mse).mean(),
                p[1].label(),
                ci(c, mse).mean(),
                p[0].label(),
                Stats.lowerVerdict(paired(a, c, mse), "%.4f")));
      }
    }
  }

  private static String pm(Stats.MeanCi c) {
    return c.hasInterval() ? g(c.mean()) + " ± " + g(c.halfWidth()) : g(c.mean());
  }

  static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** The results of a method that the caller knows ran. */
  private static List<MethodResult> results(Map<Method, List<MethodResult>> by, Method m) {
    return Objects.requireNonNull(by.get(m), m.label());
  }

  /**
   * The lines at the top of {@code report.md} that describe the run: data, model, protocol, seeds
   * and machine.
   *
   * @param o the run's settings
   * @param preset the preset the settings came from, if any
   * @param c the federated-learning settings
   * @param data the prepared data
   * @param study the study (its architecture)
   * @return the lines
   */
  static List<String> header(
      RunSettings o,
      Optional<String> preset,
      FlConfig c,
      ForecastData data,
      ForecastingStudy study) {
    List<String> h = new ArrayList<>();
    h.add(
        "- Data: "
            + data.label()
            + "; "
            + data.cellCount()
            + " stations; last "
            + data.testDays()
            + " days are the test set; per-cell z-score from the training part (sample std).");
    h.add(
        "- Model: "
            + study.architecture().name()
            + ", "
            + study.architecture().parameterCount()
            + " parameters; windows "
            + c.windows()
            + ".");
    h.add("- Local training: " + c.recipe() + ".");
    h.add("- V-twin: " + c.sync() + "; clustering " + c.clustering() + ".");
    h.add("- H-twin: " + c.async() + ".");
    h.add(
        "- Traditional DT: " + c.centralized() + ", then one fine-tuning epoch per streamed day.");
    h.add("- Cost model: " + c.cost() + ".");
    h.add(
        "- Seeds: "
            + o.seed()
            + " .. "
            + (o.seed() + o.seeds() - 1)
            + "; preset: "
            + preset.orElse("none")
            + ".");
    h.add(
        "- Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " processors, "
            + c.threads()
            + " client threads, 1 PyTorch intra-op thread each.");
    return h;
  }

  /**
   * Printable one-line-per-method means.
   *
   * @param results the results
   * @param timing whether to print seconds per client-round
   * @return the lines
   */
  public static List<String> summary(List<MethodResult> results, boolean timing) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%-20s %9s %9s %9s %12s %12s %12s",
            "method",
            "MSE(z)",
            "MAE(z)",
            "NRMSE",
            "training s",
            "comm s",
            "wall s"));
    for (Map.Entry<Method, List<MethodResult>> e : byMethod(results).entrySet()) {
      List<MethodResult> rs = e.getValue();
      lines.add(
          String.format(
              Locale.ROOT,
              "%-20s %9.4f %9.4f %9.4f %12.2f %12.2f %12.2f",
              e.getKey().label(),
              ci(rs, r -> r.scores().mseZ()).mean(),
              ci(rs, r -> r.scores().maeZ()).mean(),
              ci(rs, r -> r.scores().nrmse()).mean(),
              ci(rs, r -> r.total().trainingSeconds()).mean(),
              ci(rs, r -> r.total().communicationSeconds()).mean(),
              ci(rs, MethodResult::wallSeconds).mean()));
      if (timing && e.getKey() == Method.V_TWIN_NO_CLUSTER) {
        double perClientRound = ci(rs, r -> r.wallSeconds() / r.clientRounds()).mean();
        lines.add(
            String.format(
                Locale.ROOT,
                "timing: %.4f s per client per round (wall), %d client-rounds per seed",
                perClientRound,
                rs.get(0).clientRounds()));
      }
    }
    return lines;
  }
}
