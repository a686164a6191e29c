package dnt.experiments.forecasting;

import dnt.experiments.plot.Charts;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Stats.MeanCi;
import dnt.experiments.report.Verdict;
import dnt.learn.fl.cost.BackhaulClass;
import dnt.learn.fl.cost.CostedMethod;
import dnt.learn.fl.cost.Hop;
import dnt.learn.fl.cost.MethodCost;
import dnt.learn.fl.cost.WirelessBackhaul;
import dnt.learn.fl.cost.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The files of {@code dnt experiment forecasting-cost}: {@code cost.csv}, {@code sweep.csv}, {@code
 * breakeven.csv}, {@code check.csv}, {@code cost_ratio.png} and {@code report.md}.
 */
final class CostReport {
  private CostReport() {}

  static final ResultTable<CostStudy.Row> COST =
      ResultTable.<CostStudy.Row>of()
          .column("method", r -> r.cost().method().id())
          .column("seed", CostStudy.Row::seed)
          .column("creation_access_bytes", "%.0f", r -> r.cost().creation().accessBytes())
          .column("creation_metro_bytes", "%.0f", r -> r.cost().creation().metroBytes())
          .column("ongoing_access_bytes", "%.0f", r -> r.cost().ongoing().accessBytes())
          .column("ongoing_metro_bytes", "%.0f", r -> r.cost().ongoing().metroBytes())
          .column(
              "creation_communication_s", "%.6g", r -> r.cost().creation().communicationSeconds())
          .column("ongoing_communication_s", "%.6g", r -> r.cost().ongoing().communicationSeconds())
          .column("creation_training_s", "%.6g", r -> r.cost().creationTrainingSeconds())
          .column("ongoing_training_s", "%.6g", r -> r.cost().ongoingTrainingSeconds())
          .column("creation_total_s", "%.6g", r -> r.cost().creationSeconds())
          .column("ongoing_total_s", "%.6g", r -> r.cost().ongoingSeconds())
          .column("total_s", "%.6g", r -> r.cost().totalSeconds());

  static final ResultTable<CostStudy.SweepPoint> SWEEP =
      ResultTable.<CostStudy.SweepPoint>of()
          .column("raw", CostStudy.SweepPoint::raw)
          .column("raw_bytes_per_day", "%.6g", CostStudy.SweepPoint::rawBytesPerDay)
          .column("updates_per_day", "%.6g", CostStudy.SweepPoint::updatesPerDay)
          .column("cut_ongoing_vs_daily", "%.6f", p -> p.ongoingVsDaily().mean())
          .column("cut_ongoing_vs_daily_ci95", "%.6f", p -> p.ongoingVsDaily().halfWidth())
          .column("cut_total_vs_daily", "%.6f", p -> p.totalVsDaily().mean())
          .column("cut_total_vs_daily_ci95", "%.6f", p -> p.totalVsDaily().halfWidth())
          .column("cut_total_vs_once", "%.6f", p -> p.totalVsOnce().mean())
          .column("cut_total_vs_once_ci95", "%.6f", p -> p.totalVsOnce().halfWidth());

  static final ResultTable<CostStudy.BreakEven> BREAK_EVEN =
      ResultTable.<CostStudy.BreakEven>of()
          .column("updates_per_day", "%.6g", CostStudy.BreakEven::updatesPerDay)
          .column("bytes_per_day_ongoing_vs_daily", "%.6g", b -> b.ongoingVsDaily().mean())
          .column(
              "bytes_per_day_ongoing_vs_daily_ci95", "%.6g", b -> b.ongoingVsDaily().halfWidth())
          .column("bytes_per_day_total_vs_daily", "%.6g", b -> b.totalVsDaily().mean())
          .column("bytes_per_day_total_vs_daily_ci95", "%.6g", b -> b.totalVsDaily().halfWidth())
          .column("bytes_per_day_total_vs_once", "%.6g", b -> b.totalVsOnce().mean())
          .column("bytes_per_day_total_vs_once_ci95", "%.6g", b -> b.totalVsOnce().halfWidth());

  static final ResultTable<CostStudy.Check> CHECK =
      ResultTable.<CostStudy.Check>of()
          .column("method", CostStudy.Check::method)
          .column("seed", CostStudy.Check::seed)
          .column("quantity", CostStudy.Check::quantity)
          .column("ledger", "%.6g", CostStudy.Check::ledger)
          .column("analytic", "%.9g", CostStudy.Check::analytic)
          .column("relative_difference", "%.3g", CostStudy.Check::relativeDifference);

  static void write(ResultsRun run, CostSettings settings, CostStudy study) {
    List<CostStudy.Row> rows = study.costs();
    List<CostStudy.SweepPoint> sweep = study.sweep();
    List<CostStudy.BreakEven> breakEven = study.breakEven();
    List<CostStudy.Check> check = study.check();
    COST.write(run.file("cost.csv"), rows);
    SWEEP.write(run.file("sweep.csv"), sweep);
    BREAK_EVEN.write(run.file("breakeven.csv"), breakEven);
    CHECK.write(run.file("check.csv"), check);
    plot(run, settings, sweep);
    report(settings, study, rows, sweep, breakEven, check).write(run.file("report.md"));
  }

  private static void plot(
      ResultsRun run, CostSettings settings, List<CostStudy.SweepPoint> sweep) {
    List<Charts.Line> lines = new ArrayList<>();
    List<String> legend = new ArrayList<>();
    for (double f : settings.sweep().updatesPerDay()) {
      List<CostStudy.SweepPoint> pts = sweep.stream().filter(p -> p.updatesPerDay() == f).toList();
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = pts.get(i).rawBytesPerDay();
        y[i] = 1 - pts.get(i).ongoingVsDaily().mean();
      }
      String name = "f = " + fmt("%.3g", f) + " / day";
      legend.add(name);
      lines.add(new Charts.Line(name, x, y));
    }
    Charts.savePng(
        run.file("cost_ratio.png"),
        900,
        560,
        Charts.lines(
            "Ongoing cost of the V-H workflow / daily Traditional DT (mean over seeds)",
            "raw data, bytes per station-day",
            Charts.Scale.LOG,
            "cost ratio",
            Charts.Scale.LOG,
            legend,
            lines,
            List.of(
                new Charts.Reference(
                    "the paper's 43.8% cut (ratio 0.562)", 1 - CostStudy.PAPER_CUT))));
  }

  private static Report report(
      CostSettings settings,
      CostStudy study,
      List<CostStudy.Row> rows,
      List<CostStudy.SweepPoint> sweep,
      List<CostStudy.BreakEven> breakEven,
      List<CostStudy.Check> check) {
    Report r = Report.titled("Forecasting cost with a network under it (paper Sec. IV-A, Fig. 3)");
    Workload w = study.workload(settings.raw().volume(), settings.updatesPerDay());
    r.paragraph(
        "The forecasting run "
            + settings.run()
            + " (seeds "
            + study.seeds()
            + ") priced analytically: its counts and its measured training seconds"
            + " (timing.csv, thread CPU time) on the network below. "
            + w.stations()
            + " stations, models of "
            + fmt("%.0f", w.modelBytes())
            + " bytes, updates of "
            + fmt("%.0f", w.updateBytes())
            + " bytes, "
            + w.rounds()
            + " V-twin rounds of "
            + w.clientsPerRound()
            + " stations, "
            + w.clusters()
            + " clusters, "
            + fmt("%.4g", w.historyDays())
            + " history days, "
            + fmt("%.4g", w.days())
            + " ongoing days, "
            + fmt("%.4g", w.updatesPerDay())
            + " updates a day, raw data "
            + fmt("%.6g", w.rawBytesPerDay())
            + " bytes a station-day (preset "
            + settings.raw().preset()
            + ").");
    network(r, settings);
    double maxBytes = 0;
    double maxSeconds = 0;
    for (CostStudy.Check c : check) {
      if (c.quantity().endsWith("_bytes")) {
        maxBytes = Math.max(maxBytes, c.relativeDifference());
      } else {
        maxSeconds = Math.max(maxSeconds, c.relativeDifference());
      }
    }
    r.section("Cross-check with the study's ledger");
    r.paragraph(
        "On the run's own flat one-hop network (its seeded lognormal link rates and latency, raw"
            + " data counted as the study does, one update a day) the counted bytes and transfer"
            + " seconds of every learned method and seed are compared with the run's metrics.csv"
            + " ("
            + check.size()
            + " comparisons, check.csv): largest relative difference "
            + fmt("%.2g", maxBytes)
            + " for bytes and "
            + fmt("%.2g", maxSeconds)
            + " for seconds (metrics.csv prints 6 significant digits: up to 5e-6).");
    r.section("Cost per method (mean ± 95% t-interval over seeds)");
    List<List<String>> table = new ArrayList<>();
    for (CostedMethod m : CostedMethod.values()) {
      List<MethodCost> cs =
          rows.stream().map(CostStudy.Row::cost).filter(c -> c.method() == m).toList();
      table.add(
          List.of(
              m.label(),
              mb(cs, c -> c.creation().accessBytes() + c.ongoing().accessBytes()),
              mb(cs, c -> c.creation().metroBytes() + c.ongoing().metroBytes()),
              ci(cs, c -> c.creation().communicationSeconds(), "%.4g"),
              ci(cs, MethodCost::creationTrainingSeconds, "%.4g"),
              ci(cs, c -> c.ongoing().communicationSeconds(), "%.4g"),
              ci(cs, MethodCost::ongoingTrainingSeconds, "%.4g"),
              ci(cs, MethodCost::ongoingSeconds, "%.4g"),
              ci(cs, MethodCost::totalSeconds, "%.4g")));
    }
    r.table(
        List.of(
            "method",
            "access MB",
            "metro MB",
            "creation comm. s",
            "creation training s",
            "ongoing comm. s",
            "ongoing training s",
            "ongoing s",
            "total s"),
        table);
    claims(r, rows);
    r.line("");
    r.paragraph(
        "The joint V-H workflow is the H-twin with clusters: V-twin creation, then H-twin updates."
            + " The one-time Traditional DT uploads the history once and models once (its accuracy"
            + " would be the daily Traditional DT's creation model never fine-tuned, not scored by this"
            + " command); it has no ongoing cost, so"
            + " against it only the total over the study's horizon (creation plus the "
            + fmt("%.4g", w.days())
            + " ongoing days) is compared.");
    r.section("Where a 43.8% cut would appear");
    r.paragraph(
        "V*: the raw volume (bytes a station-day) at which the V-H workflow's cut reaches 43.8%,"
            + " per update frequency (breakeven.csv). The baselines' costs grow with the raw volume;"
            + " the V-H workflow's does not. A V* at or below 0 means the cut exceeds 43.8% at any"
            + " volume.");
    List<List<String>> be = new ArrayList<>();
    for (CostStudy.BreakEven b : breakEven) {
      be.add(
          List.of(
              fmt("%.4g", b.updatesPerDay()),
              ci(b.ongoingVsDaily(), "%.3g"),
              ci(b.totalVsDaily(), "%.3g"),
              ci(b.totalVsOnce(), "%.3g")));
    }
    r.table(
        List.of(
            "updates a day",
            "V*: ongoing vs daily DT",
            "V*: total vs daily DT",
            "V*: total vs one-time DT"),
        be);
    List<String> presets = new ArrayList<>();
    for (String p : List.of("counters", "cdr", "reports")) {
      presets.add(p + " " + fmt("%.4g", settings.raw().volume(p)) + " B");
    }
    r.paragraph("The presets' volumes a station-day: " + String.join(", ", presets) + ".");
    r.section("The cut at the presets' volumes");
    List<List<String>> pv = new ArrayList<>();
    for (CostStudy.SweepPoint p : sweep) {
      if (!p.raw().isEmpty()) {
        pv.add(
            List.of(
                p.raw(),
                fmt("%.4g", p.rawBytesPerDay()),
                fmt("%.4g", p.updatesPerDay()),
                pct(p.ongoingVsDaily()),
                pct(p.totalVsDaily()),
                pct(p.totalVsOnce())));
      }
    }
    r.table(
        List.of(
            "raw preset",
            "bytes a station-day",
            "updates a day",
            "ongoing cut vs daily DT",
            "total cut vs daily DT",
            "total cut vs one-time DT"),
        pv);
    r.paragraph(
        "A cut is 1 - cost(V-H) / cost(baseline) of training plus communication seconds; negative"
            + " when the V-H workflow costs more. sweep.csv holds every volume and frequency;"
            + " cost_ratio.png plots the ongoing cost ratio.");
    return r;
  }

  private static void network(Report r, CostSettings settings) {
    CostSettings.Network n = settings.network();
    r.section("The network");
    if (!n.tree()) {
      r.paragraph("Flat: the forecasting run's own one-hop links (no heads, no metro hop).");
      return;
    }
    WirelessBackhaul wl = n.wireless();
    Hop hop = wl.hop();
    List<List<String>> t = new ArrayList<>();
    t.add(link(BackhaulClass.FIBRE.id(), n.mix().fibre(), n.fibre().hop(), "setting"));
    t.add(link(BackhaulClass.MICROWAVE.id(), n.mix().microwave(), n.microwave().hop(), "setting"));
    t.add(
        link(
            BackhaulClass.WIRELESS.id(),
            n.mix().wireless(),
            hop,
            wl.propagation()
                + (wl.lineOfSight() ? " LOS" : " NLOS")
                + " at "
                + fmt("%.0f", wl.distanceM())
                + " m: path loss "
                + fmt("%.1f", wl.pathLossDb())
                + " dB, SNR "
                + fmt("%.1f", wl.snrDb())
                + " dB, "
                + wl.rate()
                + " over "
                + fmt("%.0f", wl.bandwidthMHz())
                + " MHz"));
    t.add(link("metro (head to cloud)", Double.NaN, n.metro().hop(), "setting"));
    r.table(List.of("hop", "share of stations", "Mbit/s", "latency ms", "rate from"), t);
    r.paragraph(
        "Stations reach their cluster head over their backhaul; heads reach the cloud over metro"
            + " fibre. Clustered methods aggregate at the heads (only cluster models cross the"
            + " metro hop); FedAvg without clusters and the centralized baselines send every"
            + " station's message over both hops. A message's time is the sum over its hops of"
            + " bytes / rate + latency, without contention.");
  }

  private static List<String> link(String name, double share, Hop h, String from) {
    return List.of(
        name,
        Double.isNaN(share) ? "-" : fmt("%.2f", share),
        fmt("%.1f", h.bytesPerSecond() * 8 / 1e6),
        fmt("%.1f", h.latencySeconds() * 1e3),
        from);
  }

  private static void claims(Report r, List<CostStudy.Row> rows) {
    double[] vh = values(rows, CostedMethod.H_TWIN, MethodCost::ongoingSeconds);
    double[] daily = values(rows, CostedMethod.TRADITIONAL_DT, MethodCost::ongoingSeconds);
    double[] vhTotal = values(rows, CostedMethod.H_TWIN, MethodCost::totalSeconds);
    double[] dailyTotal = values(rows, CostedMethod.TRADITIONAL_DT, MethodCost::totalSeconds);
    double[] onceTotal = values(rows, CostedMethod.TRADITIONAL_DT_ONCE, MethodCost::totalSeconds);
    double[] cutOngoing = new double[vh.length];
    double[] cutTotal = new double[vh.length];
    double[] cutOnce = new double[vh.length];
    double[] target = new double[vh.length];
    for (int i = 0; i < vh.length; i++) {
      cutOngoing[i] = 1 - vh[i] / daily[i];
      cutTotal[i] = 1 - vhTotal[i] / dailyTotal[i];
      cutOnce[i] = 1 - vhTotal[i] / onceTotal[i];
      target[i] = CostStudy.PAPER_CUT;
    }
    r.section("Claim 3 at these settings");
    r.claim(
        "The V-H workflow's ongoing cost is lower than the daily fine-tuned Traditional DT's"
            + " (seconds)",
        Stats.pairedDifference95(vh, daily),
        Verdict.Direction.LOWER);
    r.claim(
        "Its ongoing cut against the daily Traditional DT reaches the paper's 43.8% (cut "
            + pct(Stats.meanCi95(cutOngoing))
            + ")",
        Stats.pairedDifference95(cutOngoing, target),
        Verdict.Direction.HIGHER);
    r.claim(
        "Its total cost (creation + ongoing) is lower than the daily Traditional DT's (cut "
            + pct(Stats.meanCi95(cutTotal))
            + ")",
        Stats.pairedDifference95(vhTotal, dailyTotal),
        Verdict.Direction.LOWER);
    r.claim(
        "Its total cost is lower than the one-time Traditional DT's (cut "
            + pct(Stats.meanCi95(cutOnce))
            + ")",
        Stats.pairedDifference95(vhTotal, onceTotal),
        Verdict.Direction.LOWER);
  }

  private static double[] values(
      List<CostStudy.Row> rows, CostedMethod m, ToDoubleFunction<MethodCost> f) {
    return rows.stream()
        .filter(x -> x.cost().method() == m)
        .mapToDouble(x -> f.applyAsDouble(x.cost()))
        .toArray();
  }

  private static String mb(List<MethodCost> cs, ToDoubleFunction<MethodCost> f) {
    return fmt("%.4g", cs.stream().mapToDouble(f).average().orElse(Double.NaN) / 1e6);
  }

  private static String ci(List<MethodCost> cs, ToDoubleFunction<MethodCost> f, String format) {
    return ci(Stats.meanCi95(cs.stream().mapToDouble(f).toArray()), format);
  }

  private static String ci(MeanCi m, String format) {
    if (!m.hasInterval()) {
      return fmt(format, m.mean());
    }
    // the hierarchy's communication is the same for every seed: print its rounding noise as 0
    double h = m.halfWidth() <= 1e-9 * Math.abs(m.mean()) ? 0 : m.halfWidth();
    return fmt(format, m.mean()) + " ± " + fmt("%.2g", h);
  }

  private static String pct(MeanCi m) {
    return fmt("%.1f", 100 * m.mean())
        + (m.hasInterval() ? " ± " + fmt("%.1f", 100 * m.halfWidth()) : "")
        + "%";
  }

  private static String fmt(String format, double v) {
    return String.format(Locale.ROOT, format, v);
  }
}
