package dnt.experiments.integrity;

import dnt.experiments.plot.Charts;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Writes an integrity run's tables ({@code metrics.csv}: one row per seed and stream; {@code
 * summary.csv}: each measure's mean and 95% interval over the seeds), its figures ({@code
 * detection.png}, {@code forecast_error.png}) and {@code report.md}, whose verdicts come from the
 * 95% intervals of paired differences over the seeds ({@link Verdict}).
 */
public final class IntegrityReport {
  /** The group of every faulty stream, whatever its kind. */
  static final String ALL_FAULTS = "all faults";

  /** The group of the clean streams. */
  static final String CLEAN = "clean";

  private IntegrityReport() {}

  /** The columns of {@code metrics.csv}. */
  static final ResultTable<IntegrityStudy.Row> METRICS =
      ResultTable.<IntegrityStudy.Row>of()
          .column("seed", IntegrityStudy.Row::seed)
          .column("cell", IntegrityStudy.Row::cell)
          .column("fault", IntegrityStudy.Row::fault)
          .column("onset", r -> r.faulty() ? String.valueOf(r.onset()) : "")
          .column("end", r -> r.faulty() ? String.valueOf(r.end()) : "")
          .column("magnitude", r -> Double.isNaN(r.magnitude()) ? "" : fmt("%.6f", r.magnitude()))
          .column("judged", IntegrityStudy.Row::judged)
          .column("outliers", IntegrityStudy.Row::outliers)
          .column("masked", IntegrityStudy.Row::masked)
          .column("flags", IntegrityStudy.Row::flags)
          .column("flagged_slots", IntegrityStudy.Row::flaggedSlots)
          .column(
              "flagged_fault_slots", r -> r.faulty() ? String.valueOf(r.flaggedFaultSlots()) : "")
          .column("delay_slots", r -> r.detected() ? String.valueOf(r.delay()) : "")
          .column("eval_from", IntegrityStudy.Row::evalFrom)
          .column("eval_to", IntegrityStudy.Row::evalTo)
          .column("wape_raw", "%.6f", IntegrityStudy.Row::wapeRaw)
          .column("wape_masked", "%.6f", IntegrityStudy.Row::wapeMasked);

  /**
   * One measure of one group over the seeds.
   *
   * @param group a fault kind, {@link #ALL_FAULTS} or {@link #CLEAN}
   * @param metric the measure's name
   * @param perSeed its value per seed, in seed order (NaN where undefined, e.g. no detection)
   */
  record Summary(String group, String metric, double[] perSeed) {
    /** The mean and 95% interval over the seeds where the value is defined. */
    Stats.MeanCi value() {
      return Stats.meanCi95(Arrays.stream(perSeed).filter(Double::isFinite).toArray());
    }
  }

  private static final ResultTable<Summary> SUMMARY =
      ResultTable.<Summary>of()
          .column("group", Summary::group)
          .column("metric", Summary::metric)
          .column("mean", "%.6f", s -> s.value().mean())
          .column("ci95_half_width", s -> s.value().halfWidthCsv("%.6f"))
          .column("n", s -> s.value().n());

  /**
   * Writes everything into the run's folder.
   *
   * @param run the results run
   * @param reps the replications, in seed order
   * @param settings the run's settings
   * @param streams the number of streams per replication
   */
  public static void write(
      ResultsRun run,
      List<IntegrityStudy.Result> reps,
      IntegrityRunSettings settings,
      int streams) {
    List<IntegrityStudy.Row> rows = new ArrayList<>();
    reps.forEach(r -> rows.addAll(r.rows()));
    METRICS.write(run.file("metrics.csv"), rows);
    Map<String, Summary> s = summarise(reps, groups(settings));
    SUMMARY.write(run.file("summary.csv"), s.values());
    String what = reps.size() > 1 ? " (mean, 95% CI)" : " (one replication)";
    List<Charts.Bar> detected = new ArrayList<>();
    List<Charts.Bar> delay = new ArrayList<>();
    List<Charts.Bar> wape = new ArrayList<>();
    for (String g : groups(settings)) {
      if (!g.equals(CLEAN)) {
        detected.add(bar("detected during the fault", g, at(s, g, "detected_share")));
        delay.add(bar("delay", g, at(s, g, "delay_slots")));
      }
      wape.add(bar("without masking (raw)", g, at(s, g, "wape_raw")));
      wape.add(bar("with masking", g, at(s, g, "wape_masked")));
    }
    Charts.savePng(
        run.file("detection.png"),
        560,
        420,
        Charts.bars("Faulty streams flagged" + what, "share of streams", detected, 1),
        Charts.bars("Detection delay" + what, "slots of 10 minutes", delay));
    Charts.savePng(
        run.file("forecast_error.png"),
        760,
        440,
        Charts.bars(
            "Seasonal-naive forecast error against the clean truth" + what,
            "weighted absolute percentage error",
            wape));
    report(s, settings, reps.size(), streams).write(run.file("report.md"));
  }

  /** The groups of the report: each kind in the settings' order, all faults, clean. */
  static List<String> groups(IntegrityRunSettings settings) {
    List<String> g = new ArrayList<>(settings.faults().kinds());
    g.add(ALL_FAULTS);
    g.add(CLEAN);
    return g;
  }

  private static String key(String group, String metric) {
    return group + "/" + metric;
  }

  /** A measure every group has (a programming error if missing). */
  private static Summary at(Map<String, Summary> s, String group, String metric) {
    return Objects.requireNonNull(s.get(key(group, metric)), () -> key(group, metric));
  }

  private static Charts.Bar bar(String series, String group, Summary s) {
    Stats.MeanCi v = s.value();
    return new Charts.Bar(series, group, v.mean(), v.hasInterval() ? v.halfWidth() : Double.NaN);
  }

  /**
   * Every measure of every group, per seed.
   *
   * @param reps the replications
   * @param groups the groups
   * @return by "group/metric", in group order
   */
  static Map<String, Summary> summarise(List<IntegrityStudy.Result> reps, List<String> groups) {
    Map<String, Summary> out = new LinkedHashMap<>();
    for (String g : groups) {
      Predicate<IntegrityStudy.Row> in =
          g.equals(CLEAN)
              ? r -> !r.faulty()
              : g.equals(ALL_FAULTS) ? IntegrityStudy.Row::faulty : r -> r.fault().equals(g);
      Map<String, ToDoubleFunction<List<IntegrityStudy.Row>>> measures = new LinkedHashMap<>();
      measures.put("streams", rs -> rs.size());
      if (g.equals(CLEAN)) {
        measures.put(
            "false_alarms_per_judged_slot",
            rs -> ratio(rs, IntegrityStudy.Row::flags, IntegrityStudy.Row::judged));
        measures.put("ever_flagged_share", rs -> share(rs, r -> r.flags() > 0));
        measures.put(
            "flagged_slot_share",
            rs -> ratio(rs, IntegrityStudy.Row::flaggedSlots, IntegrityStudy.Row::judged));
      } else {
        measures.put("detected_share", rs -> share(rs, IntegrityStudy.Row::detected));
        measures.put(
            "delay_slots",
            rs ->
                rs.stream()
                    .filter(IntegrityStudy.Row::detected)
                    .mapToDouble(IntegrityStudy.Row::delay)
                    .average()
                    .orElse(Double.NaN));
        measures.put(
            "flagged_fault_slot_share",
            rs -> ratio(rs, IntegrityStudy.Row::flaggedFaultSlots, IntegrityStudy.Row::faultSlots));
      }
      measures.put(
          "wape_raw", rs -> ratio(rs, IntegrityStudy.Row::errorRaw, IntegrityStudy.Row::truth));
      measures.put(
          "wape_masked",
          rs -> ratio(rs, IntegrityStudy.Row::errorMasked, IntegrityStudy.Row::truth));
      for (Map.Entry<String, ToDoubleFunction<List<IntegrityStudy.Row>>> m : measures.entrySet()) {
        double[] perSeed = new double[reps.size()];
        for (int i = 0; i < perSeed.length; i++) {
          List<IntegrityStudy.Row> rs = reps.get(i).rows().stream().filter(in).toList();
          perSeed[i] = rs.isEmpty() ? Double.NaN : m.getValue().applyAsDouble(rs);
        }
        out.put(key(g, m.getKey()), new Summary(g, m.getKey(), perSeed));
      }
    }
    return out;
  }

  /** Pooled ratio: the sum of a over the rows divided by the sum of b. */
  static double ratio(
      List<IntegrityStudy.Row> rows,
      ToDoubleFunction<IntegrityStudy.Row> a,
      ToDoubleFunction<IntegrityStudy.Row> b) {
    double num = 0;
    double den = 0;
    for (IntegrityStudy.Row r : rows) {
      num += a.applyAsDouble(r);
      den += b.applyAsDouble(r);
    }
    return den == 0 ? Double.NaN : num / den;
  }

  private static double share(List<IntegrityStudy.Row> rows, Predicate<IntegrityStudy.Row> p) {
    return (double) rows.stream().filter(p).count() / rows.size();
  }

  private static String fmt(String format, double v) {
    return String.format(Locale.ROOT, format, v);
  }

  private static Stats.MeanCi paired(Summary a, Summary b) {
    return Stats.pairedDifference95(a.perSeed(), b.perSeed());
  }

  /**
   * The report.
   *
   * @param s the summaries
   * @param settings the settings
   * @param seeds the number of replications
   * @param streams streams per replication
   * @return the report
   */
  static Report report(
      Map<String, Summary> s, IntegrityRunSettings settings, int seeds, int streams) {
    FaultSettings f = settings.faults();
    IntegrityRunSettings.Detector d = settings.detector();
    Report r =
        Report.titled("Synchronization integrity: detection and masking on the Milan subset");
    r.paragraph(
        String.format(
            Locale.ROOT,
            "%d seeds from %d (replication i uses seed %d + i); %d internet streams of the bundled"
                + " Milan subset (10-minute slots, 30 days). Per seed, %d of them (share %.2f) get"
                + " one fault each, kinds in turn (%s), onset on a random slot of days %d..%d,"
                + " %d..%d slots long. Every stream is judged by the live twin's detector"
                + " (dnt.data.integrity: the slot a day earlier as the twin shows it predicts each"
                + " slot; robust z = |r - median| / (1.4826 MAD) over the last %d inlier"
                + " residuals, judged after %d; %d outliers in a row above z = %.1f flag the"
                + " stream and are masked by the prediction; %d inliers in a row clear it).",
            seeds,
            settings.seed(),
            settings.seed(),
            streams,
            Math.round(f.share() * streams),
            f.share(),
            String.join(", ", f.kinds()),
            f.onsetDay().from(),
            f.onsetDay().to(),
            f.durationSlots().from(),
            f.durationSlots().to(),
            d.window(),
            d.warmup(),
            d.consecutive(),
            d.threshold(),
            d.consecutive()));
    r.paragraph(
        "Forecast: the twin's own prediction, seasonal naive (slot t from slot t - 144), read from"
            + " the raw faulty series (without masking) or from the series as the twin shows it"
            + " (with masking), scored against the clean truth as a weighted absolute percentage"
            + " error (sum of |error| over sum of truth). A faulty stream is scored on its fault"
            + " and the day after it; a clean stream on every slot from day 1 on. Intervals are"
            + " 95% Student-t intervals over the seeds; a verdict rests on the paired difference"
            + " of the same seeds.");
    r.section("Detection of faulty streams");
    List<List<String>> det = new ArrayList<>();
    for (String g : groups(settings)) {
      if (g.equals(CLEAN)) {
        continue;
      }
      det.add(
          List.of(
              g,
              at(s, g, "streams").value().format("%.1f"),
              at(s, g, "detected_share").value().format("%.3f"),
              at(s, g, "delay_slots").value().format("%.1f"),
              at(s, g, "flagged_fault_slot_share").value().format("%.3f")));
    }
    r.table(
        List.of(
            "fault",
            "streams per seed",
            "flagged during the fault (share)",
            "delay (slots, detected only)",
            "fault slots flagged (share)"),
        det);
    r.section("False alarms on clean streams");
    r.table(
        List.of(
            "streams per seed",
            "flags per judged slot",
            "streams ever flagged (share)",
            "judged slots flagged (share)"),
        List.of(
            List.of(
                at(s, CLEAN, "streams").value().format("%.1f"),
                at(s, CLEAN, "false_alarms_per_judged_slot").value().format("%.5f"),
                at(s, CLEAN, "ever_flagged_share").value().format("%.3f"),
                at(s, CLEAN, "flagged_slot_share").value().format("%.4f"))));
    r.section("Forecast error with and without masking");
    List<List<String>> fe = new ArrayList<>();
    for (String g : groups(settings)) {
      fe.add(
          List.of(
              g,
              at(s, g, "wape_raw").value().format("%.4f"),
              at(s, g, "wape_masked").value().format("%.4f")));
    }
    r.table(List.of("streams", "WAPE without masking", "WAPE with masking"), fe);
    r.section("Verdicts");
    r.claim(
        "A faulty stream's fault slots are flagged more often than a clean stream's judged slots",
        paired(at(s, ALL_FAULTS, "flagged_fault_slot_share"), at(s, CLEAN, "flagged_slot_share")),
        Verdict.Direction.HIGHER,
        "%.4f",
        "");
    for (String g : groups(settings)) {
      if (g.equals(CLEAN)) {
        continue;
      }
      r.claim(
          "Masking lowers the forecast error on " + (g.equals(ALL_FAULTS) ? g : g + " faults"),
          paired(at(s, g, "wape_masked"), at(s, g, "wape_raw")),
          Verdict.Direction.LOWER,
          "%.4f",
          "");
    }
    r.claim(
        "Masking raises the forecast error on clean streams (the cost of false alarms)",
        paired(at(s, CLEAN, "wape_masked"), at(s, CLEAN, "wape_raw")),
        Verdict.Direction.HIGHER,
        "%.5f",
        "");
    return r;
  }
}
