package dnt.experiments.caching;

import dnt.caching.network.LoadLever;
import dnt.experiments.plot.Charts;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Verdict;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jspecify.annotations.Nullable;

/**
 * Writes a caching study's tables, the Fig. 4- and Fig. 5-style plots and {@code report.md} into a
 * results run.
 */
public final class CachingReport {
  private static final List<String> REGIMES = List.of("common", "rare");
  private static final List<String> RL =
      List.of("RL", "RL w/ DNT", "Reliable RL", "Reliable RL w/ DNT");

  private CachingReport() {}

  /** One metric over the replications of one (regime, system). */
  record Summary(String regime, String system, String metric, Stats.MeanCi value) {}

  /**
   * Writes everything.
   *
   * @param run the results run
   * @param reps the replications
   * @param config the study's settings
   * @throws IOException when writing fails
   */
  public static void write(
      ResultsRun run, List<CachingStudy.Result> reps, CachingStudyConfig config)
      throws IOException {
    List<CachingStudy.Row> rows = new ArrayList<>();
    reps.forEach(r -> rows.addAll(r.rows()));
    writeMetrics(run, rows);
    Map<String, Summary> summary = summarise(rows);
    writeSummary(run, summary);
    writeLoadSeries(run, reps.get(0));
    writeHitSeries(run, reps.get(0));
    writeStations(run, reps);
    LearningCurves.write(run.file("learning_curves.csv"), reps);
    List<JFreeChart> curves = LearningCurves.figure(reps);
    if (!curves.isEmpty()) {
      Charts.savePng(
          run.file("fig_learning_curves.png"), 480, 320, curves.toArray(JFreeChart[]::new));
    }
    Charts.savePng(
        run.file("fig4_hit_rate_interventions.png"),
        700,
        520,
        figure4(summary, systems(rows), reps.size()).toArray(JFreeChart[]::new));
    List<JFreeChart> fig5 = figure5(reps.get(0));
    if (!fig5.isEmpty()) {
      Charts.savePng(run.file("fig5_station_load.png"), 480, 400, fig5.toArray(JFreeChart[]::new));
    }
    Files.writeString(
        run.file("report.md"),
        report(summary, rows, systems(rows), reps.size(), config, reps),
        StandardCharsets.UTF_8);
  }

  private static List<String> systems(List<CachingStudy.Row> rows) {
    Set<String> s = new LinkedHashSet<>();
    rows.forEach(r -> s.add(r.system()));
    return new ArrayList<>(s);
  }

  /** The columns of {@code summary.csv}: each metric's mean and 95% half-width over seeds. */
  private static final ResultTable<Summary> SUMMARY_CSV =
      ResultTable.<Summary>of()
          .column("regime", Summary::regime)
          .quotedColumn("system", Summary::system)
          .column("metric", Summary::metric)
          .column("mean", "%.6f", s -> s.value().mean())
          .column("ci95_half_width", s -> s.value().halfWidthCsv("%.6f"))
          .column("n", s -> s.value().n());

  private static void writeMetrics(ResultsRun run, List<CachingStudy.Row> rows) {
    METRICS_CSV.write(run.file("metrics.csv"), rows);
  }

  /**
   * One measured quantity of a row: a count (written as an integer) or a rate or index (written
   * with six decimals).
   */
  private record Metric(boolean count, ToDoubleFunction<CachingStudy.Row> value) {}

  /** The measured quantities, by column name, in the order of {@code metrics.csv}. */
  private static final Map<String, Metric> METRICS = new LinkedHashMap<>();

  static {
    METRICS.put("hit_rate", new Metric(false, CachingStudy.Row::hitRate));
    METRICS.put("interventions", new Metric(true, r -> r.interventions()));
    METRICS.put("unsafe_proposals", new Metric(true, r -> r.unsafeProposals()));
    METRICS.put("overload_events", new Metric(true, r -> r.overloadEvents()));
    METRICS.put("load_max_over_mean", new Metric(false, CachingStudy.Row::maxOverMean));
    METRICS.put("load_jain", new Metric(false, CachingStudy.Row::jain));
    METRICS.put("load_bucket_imbalance", new Metric(false, CachingStudy.Row::bucketImbalance));
  }

  /**
   * The columns of {@code metrics.csv}: one row per replication, regime and system; the identifying
   * columns, then every metric.
   */
  private static final ResultTable<CachingStudy.Row> METRICS_CSV = metricsCsv();

  private static ResultTable<CachingStudy.Row> metricsCsv() {
    ResultTable<CachingStudy.Row> t =
        ResultTable.<CachingStudy.Row>of()
            .column("replication", CachingStudy.Row::replication)
            .column("seed", CachingStudy.Row::seed)
            .column("regime", CachingStudy.Row::regime)
            .quotedColumn("system", CachingStudy.Row::system)
            .column("family", CachingStudy.Row::family);
    for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
      ToDoubleFunction<CachingStudy.Row> f = e.getValue().value();
      // counts are longs far below 2^53, so the round trip through double is exact
      t =
          e.getValue().count()
              ? t.column(e.getKey(), r -> (long) f.applyAsDouble(r))
              : t.column(e.getKey(), "%.6f", f::applyAsDouble);
    }
    return t;
  }

  static Map<String, Summary> summarise(List<CachingStudy.Row> rows) {
    Map<String, Summary> out = new LinkedHashMap<>();
    for (String regime : REGIMES) {
      for (String system : systems(rows)) {
        List<CachingStudy.Row> sel =
            rows.stream()
                .filter(r -> r.regime().equals(regime) && r.system().equals(system))
                .toList();
        if (sel.isEmpty()) {
          continue;
        }
        for (var m : METRICS.entrySet()) {
          double[] v = sel.stream().mapToDouble(m.getValue().value()).toArray();
          out.put(
              key(regime, system, m.getKey()),
              new Summary(regime, system, m.getKey(), Stats.meanCi95(v)));
        }
      }
    }
    return out;
  }

  private static String key(String regime, String system, String metric) {
    return regime + "|" + system + "|" + metric;
  }

  private static void writeSummary(ResultsRun run, Map<String, Summary> summary) {
    SUMMARY_CSV.write(run.file("summary.csv"), summary.values());
  }

  private static void writeLoadSeries(ResultsRun run, CachingStudy.Result rep) throws IOException {
    try (BufferedWriter w =
        Files.newBufferedWriter(run.file("load_series.csv"), StandardCharsets.UTF_8)) {
      w.write("system,station,bucket,served\n");
      for (var e : rep.loadSeries().entrySet()) {
        long[][] s = e.getValue();
        for (int b = 0; b < s.length; b++) {
          for (int k = 0; k < s[b].length; k++) {
            w.write("\"" + e.getKey() + "\"," + b + "," + k + "," + s[b][k] + "\n");
          }
        }
      }
    }
  }

  /** The columns of {@code stations.csv}: every replication's stations and their overloads. */
  private static final ResultTable<StationLine> STATIONS_CSV =
      ResultTable.<StationLine>of()
          .column("replication", StationLine::replication)
          .column("seed", StationLine::seed)
          .column("station", l -> l.row().station())
          .column("home_clients", l -> l.row().homeClients())
          .column("single_home_clients", l -> l.row().singleHomeClients())
          .column("second_clients", l -> l.row().secondClients())
          .column("rare_floor_share", "%.6f", l -> l.row().rareFloorShare())
          .column("common_overload_events_lru", l -> l.row().commonOverloadEvents())
          .column("rare_overload_events_lru", l -> l.row().rareOverloadEvents());

  /** A station row with its replication. */
  record StationLine(int replication, long seed, CachingStudy.StationRow row) {}

  private static void writeStations(ResultsRun run, List<CachingStudy.Result> reps) {
    List<StationLine> lines = new ArrayList<>();
    for (int r = 0; r < reps.size(); r++) {
      CachingStudy.Result rep = reps.get(r);
      long seed = rep.rows().isEmpty() ? 0 : rep.rows().get(0).seed();
      for (CachingStudy.StationRow row : rep.stations()) {
        lines.add(new StationLine(r, seed, row));
      }
    }
    STATIONS_CSV.write(run.file("stations.csv"), lines);
  }

  private static void writeHitSeries(ResultsRun run, CachingStudy.Result rep) throws IOException {
    try (BufferedWriter w =
        Files.newBufferedWriter(run.file("hit_series.csv"), StandardCharsets.UTF_8)) {
      w.write("system,bucket,hit_rate\n");
      for (var e : rep.hitSeries().entrySet()) {
        double[] h = e.getValue();
        for (int k = 0; k < h.length; k++) {
          w.write(String.format(Locale.ROOT, "\"%s\",%d,%.6f\n", e.getKey(), k, h[k]));
        }
      }
    }
  }

  /** The three panels of the Fig. 4-style plot: hit rate, interventions, Jain's index. */
  static List<JFreeChart> figure4(
      Map<String, Summary> summary, List<String> systems, int replications) {
    List<Charts.Bar> hit = new ArrayList<>();
    List<Charts.Bar> interventions = new ArrayList<>();
    List<Charts.Bar> jain = new ArrayList<>();
    for (String regime : REGIMES) {
      for (String system : systems) {
        Summary h = summary.get(key(regime, system, "hit_rate"));
        if (h != null) {
          hit.add(bar(regime, system, h));
        }
      }
      for (String system : RL) {
        Summary i = summary.get(key(regime, system, "interventions"));
        Summary u = summary.get(key(regime, system, "unsafe_proposals"));
        Summary j = summary.get(key(regime, system, "load_jain"));
        if (i != null) {
          interventions.add(bar(regime + ": vetoes", system, i));
          interventions.add(
              bar(regime + ": unsafe proposals", system, Objects.requireNonNull(u, "unsafe")));
          jain.add(bar(regime, system, Objects.requireNonNull(j, "load_jain")));
        }
      }
    }
    String what = replications > 1 ? " (mean, 95% CI)" : " (one replication)";
    // rates and Jain's index never exceed 1, counts have no maximum: Charts cuts the axis there
    return List.of(
        // every system's name in full: 14 systems in 700 pixels
        Charts.tiltedLabels(Charts.bars("Cache hit rate" + what, "hit rate", hit, 1)),
        Charts.bars(
            "Risk interventions" + what,
            "count per test stream",
            interventions,
            Double.POSITIVE_INFINITY),
        Charts.bars("Load balance (Jain's index)", "Jain's index (1 = equal loads)", jain, 1));
  }

  /** A bar of a summary; a single replication has no interval and draws no error bar. */
  private static Charts.Bar bar(String series, String category, Summary s) {
    Stats.MeanCi v = s.value();
    return new Charts.Bar(series, category, v.mean(), v.hasInterval() ? v.halfWidth() : Double.NaN);
  }

  /** The panels of the Fig. 5-style plot: requests served per station over time, per system. */
  static List<JFreeChart> figure5(CachingStudy.Result rep) {
    List<JFreeChart> panels = new ArrayList<>();
    for (var e : rep.loadSeries().entrySet()) {
      long[][] s = e.getValue();
      List<Charts.Line> lines = new ArrayList<>();
      for (int b = 0; b < s.length; b++) {
        double[] x = new double[s[b].length];
        double[] y = new double[s[b].length];
        for (int k = 0; k < x.length; k++) {
          x[k] = k;
          y[k] = s[b][k];
        }
        lines.add(new Charts.Line("BS " + b, x, y));
      }
      JFreeChart chart =
          Charts.lines(e.getKey(), "time bucket (rare regime)", "requests served", lines);
      // the stations' lines overlap outside the surge: Charts.lines gives each its own marker
      panels.add(chart);
    }
    return panels;
  }

  private static String fmt(@Nullable Summary s) {
    if (s == null || Double.isNaN(s.value().mean())) {
      return "n/a"; // e.g. the load of the femtocaching placement, which replays nothing
    }
    return s.value().format("%.4f");
  }

  /**
   * The paired difference b - a of a metric in a regime, replication by replication (the same seed
   * and the same test streams for both systems).
   */
  static Stats.MeanCi paired(
      List<CachingStudy.Row> rows, String regime, String a, String b, String metric) {
    ToDoubleFunction<CachingStudy.Row> f =
        Objects.requireNonNull(METRICS.get(metric), metric).value();
    Map<Integer, Double> av = new LinkedHashMap<>();
    Map<Integer, Double> bv = new LinkedHashMap<>();
    for (CachingStudy.Row r : rows) {
      if (r.regime().equals(regime) && r.system().equals(a)) {
        av.put(r.replication(), f.applyAsDouble(r));
      } else if (r.regime().equals(regime) && r.system().equals(b)) {
        bv.put(r.replication(), f.applyAsDouble(r));
      }
    }
    List<Integer> both = av.keySet().stream().filter(bv::containsKey).toList();
    double[] x = both.stream().mapToDouble(bv::get).toArray();
    double[] y = both.stream().mapToDouble(av::get).toArray();
    return Stats.pairedDifference95(x, y);
  }

  static String report(
      Map<String, Summary> summary,
      List<CachingStudy.Row> rows,
      List<String> systems,
      int seeds,
      CachingStudyConfig c) {
    return report(summary, rows, systems, seeds, c, List.of());
  }

  /** The network in words, with the lever's size (mean over the replications that carry it). */
  static String networkNote(List<CachingStudy.Result> reps, CachingStudyConfig c) {
    CachingStudyConfig.Network n = c.network();
    if (n.layout().equals("ring")) {
      return String.format(
          Locale.ROOT,
          "ring layout, %.0f%% with a second station, serving rule %s",
          100 * n.overlap(),
          n.serving());
    }
    double dual = 0;
    double movable = 0;
    int k = 0;
    for (CachingStudy.Result r : reps) {
      LoadLever l = r.lever().get("rare");
      if (l != null) {
        dual += l.dualClientShare();
        movable += l.movableShare();
        k++;
      }
    }
    String base =
        String.format(
            Locale.ROOT,
            "small cells of a twin %.0f m apart, coverage at %.0f dBm or more, serving rule %s",
            n.interSiteM(),
            n.coverageDbm(),
            n.serving());
    return k == 0
        ? base
        : base
            + String.format(
                Locale.ROOT,
                "; %.1f%% of clients covered by two stations, sending %.1f%% of the rare stream's"
                    + " requests: the most load that caching decisions can move between stations"
                    + " (mean over replications)",
                100 * dual / k,
                100 * movable / k);
  }

  static String report(
      Map<String, Summary> summary,
      List<CachingStudy.Row> rows,
      List<String> systems,
      int seeds,
      CachingStudyConfig c,
      List<CachingStudy.Result> reps) {
    Report md = Report.titled("Reliable edge caching with the twin (case study IV-B)");
    md.paragraph(
        "**Synthetic data.** Every request stream of this study is drawn from a model (Zipf"
            + " popularity plus shot noise, seeded); no measured request trace is used.");
    String training =
        c.episodes().learnedSystems()
            ? String.format(
                Locale.ROOT,
                "%d physical and %d twin training episodes of %d slots",
                c.episodes().physicalEpisodes(),
                c.episodes().twinEpisodes(),
                c.episodes().episodeSlots())
            : "the learned systems not run (learnedSystems: false)";
    md.paragraph(
        String.format(
            Locale.ROOT,
            "%d replications; %d stations x %d slots, %d clients (%s),"
                + " catalogue %d, Zipf alpha %.2f plus shot noise; %s; test streams of %d slots"
                + " (%.0f requests a stream on average). Environment, agent and"
                + " reliability modules are reconstructions (docs/caching.md).",
            seeds,
            c.network().stations(),
            c.network().capacity(),
            c.clients(),
            networkNote(reps, c),
            c.requests().catalogue(),
            c.requests().alpha(),
            training,
            c.episodes().testSlots(),
            reps.stream()
                .flatMap(r -> r.lever().values().stream())
                .mapToLong(LoadLever::requests)
                .average()
                .orElse(0)));
    List<String> columns =
        List.of(
            "hit_rate",
            "interventions",
            "unsafe_proposals",
            "overload_events",
            "load_max_over_mean",
            "load_jain");
    for (String regime : REGIMES) {
      List<List<String>> table = new ArrayList<>();
      for (String s : systems) {
        List<String> cells = new ArrayList<>();
        cells.add(s);
        for (String m : columns) {
          cells.add(fmt(summary.get(key(regime, s, m))));
        }
        table.add(cells);
      }
      md.section(regime + " regime")
          .table(
              List.of(
                  "system",
                  "hit rate",
                  "vetoes",
                  "unsafe proposals",
                  "overload events",
                  "max/mean load",
                  "Jain"),
              table);
    }
    md.section("The paper's claims against these measurements");
    md.paragraph(
        "The paper (Sec. IV-B, Figs. 4-5) reports that the DNT with safety modules achieves a"
            + " higher hit rate with balanced loads and fewer risk interventions. Each verdict"
            + " below rests on the 95% Student-t interval of the paired difference (the same"
            + " replication, two systems); with one replication only the direction is given."
            + " RL and Reliable RL against their w/ DNT versions is the fixed-physical-data arm"
            + " (the twin adds episodes); the equal-budget arm trains RL and Reliable RL on as"
            + " many physical episodes as the w/ DNT systems get physical plus twin episodes.");
    for (String regime : REGIMES) {
      if (RL.stream().anyMatch(s -> summary.get(key(regime, s, "hit_rate")) == null)) {
        continue;
      }
      claim(
          md,
          summary,
          rows,
          regime,
          "the twin raises the hit rate",
          "RL",
          "RL w/ DNT",
          "hit_rate",
          Verdict.Direction.HIGHER,
          " -> ");
      claim(
          md,
          summary,
          rows,
          regime,
          "the twin raises the hit rate",
          "Reliable RL",
          "Reliable RL w/ DNT",
          "hit_rate",
          Verdict.Direction.HIGHER,
          " -> ");
      claim(
          md,
          summary,
          rows,
          regime,
          "the twin reduces the interventions",
          "Reliable RL",
          "Reliable RL w/ DNT",
          "interventions",
          Verdict.Direction.LOWER,
          " -> ");
      claim(
          md,
          summary,
          rows,
          regime,
          "DNT + safety balances loads better (Jain)",
          "RL",
          "Reliable RL w/ DNT",
          "load_jain",
          Verdict.Direction.HIGHER,
          " -> ");
      String rlBudget = "RL" + CachingStudy.EQUAL_BUDGET;
      String reliableBudget = "Reliable RL" + CachingStudy.EQUAL_BUDGET;
      if (summary.get(key(regime, rlBudget, "hit_rate")) != null
          && summary.get(key(regime, reliableBudget, "hit_rate")) != null) {
        // the equal-budget arm: is it the twin's data, or just more data?
        claim(
            md,
            summary,
            rows,
            regime,
            "equal budget: twin episodes beat as many physical ones (hit rate)",
            rlBudget,
            "RL w/ DNT",
            "hit_rate",
            Verdict.Direction.HIGHER,
            " vs ");
        claim(
            md,
            summary,
            rows,
            regime,
            "equal budget: twin episodes beat as many physical ones (hit rate)",
            reliableBudget,
            "Reliable RL w/ DNT",
            "hit_rate",
            Verdict.Direction.HIGHER,
            " vs ");
        claim(
            md,
            summary,
            rows,
            regime,
            "equal budget: twin episodes reduce the interventions",
            reliableBudget,
            "Reliable RL w/ DNT",
            "interventions",
            Verdict.Direction.LOWER,
            " vs ");
      }
      if (summary.get(key(regime, "LRU", "hit_rate")) != null) {
        claim(
            md,
            summary,
            rows,
            regime,
            "Reliable RL w/ DNT against LRU (hit rate)",
            "LRU",
            "Reliable RL w/ DNT",
            "hit_rate",
            Verdict.Direction.HIGHER,
            " vs ");
      }
    }
    learningSection(md, reps);
    overloadSection(md, reps, c);
    md.line("");
    md.paragraph(
        "Notes: vetoes are the shield's interventions (only the Reliable systems have a"
            + " shield); unsafe proposals count the admissions the one-step look-ahead judged"
            + " overloading, for every system, vetoed or not. "
            + CachingStudy.CLAIRVOYANT
            + " is a clairvoyant reference, not a bound: Belady's MIN at each station, admitting"
            + " every miss, where an item's next use is its next request by any client the"
            + " station covers, whichever station serves it. MIN is a bound only for one"
            + " cache that must admit every miss; here the learned systems may refuse admission"
            + " and stations serve each other's clients, so a system may beat it. "
            + CachingStudy.FEMTOCACHING
            + " is the greedy femtocaching placement from the test stream's own frequencies, a"
            + " static clairvoyant reference that counts first requests as hits.");
    md.line(
        "Figures: `fig4_hit_rate_interventions.png`, `fig5_station_load.png` (replication 0,"
            + " rare regime). Tables: `metrics.csv`, `summary.csv`,"
            + " `load_series.csv` and `hit_series.csv` (replication 0, rare regime, per time"
            + " bucket), `learning_curves.csv` and `fig_learning_curves.png` (every learned"
            + " system's training episodes), `stations.csv` (every replication's stations, their"
            + " clients and LRU's overload events).");
    return md.markdown();
  }

  /** The learning curves' verdicts (criterion in {@link LearningCurves}). */
  private static void learningSection(Report md, List<CachingStudy.Result> reps) {
    List<LearningCurves.Convergence> verdicts = LearningCurves.assess(reps);
    if (verdicts.isEmpty()) {
      return;
    }
    md.section("Learning curves");
    md.paragraph(
        "Gain over LRU = the system's hit rate on a training episode (exploration on) minus LRU's"
            + " on the same episode. Over each system's physical episodes, k = 10% of them (at"
            + " least one): the mean gain of the last k against the k before, paired by"
            + " replication; flattened when the 95% interval of the difference contains zero"
            + " (rising or falling when it lies above or below), n/a with one replication.");
    List<List<String>> table = new ArrayList<>();
    for (LearningCurves.Convergence v : verdicts) {
      table.add(
          List.of(
              v.system(),
              Integer.toString(v.physicalEpisodes()),
              Integer.toString(v.window()),
              v.previous().format("%.4f"),
              v.last().format("%.4f"),
              v.difference().format("%.4f"),
              v.verdict()));
    }
    md.table(
        List.of(
            "system",
            "physical episodes",
            "k",
            "gain over LRU, k before",
            "gain over LRU, last k",
            "last - before",
            "curve"),
        table);
  }

  /**
   * Per replication, the station that overloads most often under LRU on the rare stream (the
   * largest floor share when none does), with the facts behind it.
   */
  private static void overloadSection(
      Report md, List<CachingStudy.Result> reps, CachingStudyConfig c) {
    if (reps.stream().allMatch(r -> r.stations().isEmpty())) {
      return;
    }
    md.section("Where the overloads happen (LRU, rare stream)");
    md.paragraph(
        String.format(
            Locale.ROOT,
            "A station is overloaded when its load in the window exceeds %.2f times the fair share,"
                + " i.e. %.1f%% of the window's load units with %d stations. Floor share: the"
                + " largest share of a window's %d requests sent by clients only this station"
                + " covers, load that no caching or serving decision can move away.",
            c.load().overloadFactor(),
            100 * c.load().overloadFactor() / c.network().stations(),
            c.network().stations(),
            c.load().loadWindow()));
    List<List<String>> table = new ArrayList<>();
    for (int r = 0; r < reps.size(); r++) {
      List<CachingStudy.StationRow> st = reps.get(r).stations();
      if (st.isEmpty()) {
        continue;
      }
      CachingStudy.StationRow worst = st.get(0);
      long total = 0;
      for (CachingStudy.StationRow row : st) {
        total += row.rareOverloadEvents();
        if (row.rareOverloadEvents() > worst.rareOverloadEvents()
            || (row.rareOverloadEvents() == worst.rareOverloadEvents()
                && row.rareFloorShare() > worst.rareFloorShare())) {
          worst = row;
        }
      }
      table.add(
          List.of(
              Integer.toString(r),
              Long.toString(total),
              Integer.toString(worst.station()),
              Long.toString(worst.rareOverloadEvents()),
              worst.homeClients() + " (" + worst.singleHomeClients() + ")",
              String.format(Locale.ROOT, "%.1f%%", 100 * worst.rareFloorShare())));
    }
    md.table(
        List.of(
            "replication",
            "overload events",
            "station",
            "its events",
            "home clients (only it covers)",
            "floor share"),
        table);
  }

  /**
   * One claim of the list, {@code - regime: claim (a -> b): **verdict**; means a -> b}, its verdict
   * on the paired difference b - a, replication by replication.
   */
  private static void claim(
      Report md,
      Map<String, Summary> summary,
      List<CachingStudy.Row> rows,
      String regime,
      String claim,
      String a,
      String b,
      String metric,
      Verdict.Direction direction,
      String joiner) {
    md.claim(
        regime + ": " + claim + " (" + a + joiner + b + ")",
        paired(rows, regime, a, b, metric),
        direction,
        "%.4f",
        "means "
            + fmt(summary.get(key(regime, a, metric)))
            + joiner
            + fmt(summary.get(key(regime, b, metric))));
  }
}
