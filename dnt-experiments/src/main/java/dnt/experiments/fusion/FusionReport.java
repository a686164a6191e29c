package dnt.experiments.fusion;

import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fusion study's outputs: {@code metrics.csv} (one row per seed, model and user), {@code
 * summary.csv} (per model: the mean over seeds of each seed's 10th, 50th and 90th percentile SINR
 * with 95 % Student-t intervals, and the paired difference of the medians from {@code umi} on the
 * same seeds) and {@code report.md} with a verdict, from paired 95 % intervals, on each claim.
 */
public final class FusionReport {
  private FusionReport() {}

  /** The percentiles of each seed's SINR distribution that the summary averages. */
  static final double[] PERCENTILES = {0.1, 0.5, 0.9};

  static final ResultTable<FusionStudy.Row> METRICS =
      ResultTable.<FusionStudy.Row>of()
          .column("seed", FusionStudy.Row::seed)
          .column("model", FusionStudy.Row::model)
          .column("user", FusionStudy.Row::user)
          .column("x", "%.2f", FusionStudy.Row::x)
          .column("y", "%.2f", FusionStudy.Row::y)
          .column("serving", FusionStudy.Row::serving)
          .column("rsrp_dbm", "%.4f", FusionStudy.Row::rsrpDbm)
          .column("sinr_db", "%.4f", FusionStudy.Row::sinrDb);

  /**
   * One model's line of the summary.
   *
   * @param model the model
   * @param seeds the replications
   * @param p10 the mean over seeds of the 10th percentile SINR, dB
   * @param median the same for the median
   * @param p90 the same for the 90th percentile
   * @param medianMinusUmi the paired difference of the medians from umi's, dB
   */
  record Summary(
      String model,
      int seeds,
      Stats.MeanCi p10,
      Stats.MeanCi median,
      Stats.MeanCi p90,
      Stats.MeanCi medianMinusUmi) {}

  static final ResultTable<Summary> SUMMARY =
      ResultTable.<Summary>of()
          .column("model", Summary::model)
          .column("seeds", Summary::seeds)
          .column("p10_sinr_db", "%.3f", s -> s.p10().mean())
          .column("p10_ci95_db", "%.3f", s -> s.p10().halfWidth())
          .column("median_sinr_db", "%.3f", s -> s.median().mean())
          .column("median_ci95_db", "%.3f", s -> s.median().halfWidth())
          .column("p90_sinr_db", "%.3f", s -> s.p90().mean())
          .column("p90_ci95_db", "%.3f", s -> s.p90().halfWidth())
          .column("median_minus_umi_db", "%.3f", s -> s.medianMinusUmi().mean())
          .column("median_minus_umi_ci95_db", "%.3f", s -> s.medianMinusUmi().halfWidth());

  /**
   * Writes the tables and the report.
   *
   * @param run the run's folder
   * @param reps the replications' rows, in seed order
   * @param settings the settings
   */
  public static void write(
      ResultsRun run, List<List<FusionStudy.Row>> reps, FusionSettings settings) {
    List<FusionStudy.Row> rows = new ArrayList<>();
    reps.forEach(rows::addAll);
    METRICS.write(run.file("metrics.csv"), rows);
    double[][][] q = percentiles(reps);
    List<Summary> summary = summary(q);
    SUMMARY.write(run.file("summary.csv"), summary);
    report(settings, q, summary).write(run.file("report.md"));
  }

  /**
   * Each seed's percentiles of the SINR under each model.
   *
   * @param reps the replications' rows
   * @return [model][percentile][seed], models and percentiles in the order of {@link
   *     FusionStudy#MODELS} and {@link #PERCENTILES}
   */
  static double[][][] percentiles(List<List<FusionStudy.Row>> reps) {
    List<String> models = FusionStudy.MODELS;
    double[][][] q = new double[models.size()][PERCENTILES.length][reps.size()];
    for (int m = 0; m < models.size(); m++) {
      String model = models.get(m);
      for (int r = 0; r < reps.size(); r++) {
        double[] sinr =
            reps.get(r).stream()
                .filter(x -> x.model().equals(model))
                .mapToDouble(FusionStudy.Row::sinrDb)
                .sorted()
                .toArray();
        for (int p = 0; p < PERCENTILES.length; p++) {
          q[m][p][r] = quantile(sinr, PERCENTILES[p]);
        }
      }
    }
    return q;
  }

  static List<Summary> summary(double[][][] q) {
    int umi = FusionStudy.MODELS.indexOf("umi");
    List<Summary> out = new ArrayList<>();
    for (int m = 0; m < FusionStudy.MODELS.size(); m++) {
      out.add(
          new Summary(
              FusionStudy.MODELS.get(m),
              q[m][0].length,
              Stats.meanCi95(q[m][0]),
              Stats.meanCi95(q[m][1]),
              Stats.meanCi95(q[m][2]),
              Stats.pairedDifference95(q[m][1], q[umi][1])));
    }
    return out;
  }

  private static Report report(FusionSettings s, double[][][] q, List<Summary> summary) {
    int umi = FusionStudy.MODELS.indexOf("umi");
    int raymap = FusionStudy.MODELS.indexOf("raymap");
    int fused = FusionStudy.MODELS.indexOf("fused");
    Report r =
        Report.titled("Radio-map twins: the SINR distribution under umi, raymap and fused")
            .paragraph(
                String.format(
                    Locale.ROOT,
                    "Per seed a synthetic city of %.0f m x %.0f m, %d small cells at %.1f m and"
                        + " %.1f dBm and %d users drawn in its streets, %.1f m ray-traced maps"
                        + " (second-order reflections, the ground, rooftop diffraction) at %.2f"
                        + " GHz; the three twins differ only in path loss. %d seeds from %d;"
                        + " mean over seeds of each seed's percentile, 95 %% Student-t"
                        + " intervals (summary.csv).",
                    s.citySizeM(),
                    s.citySizeM(),
                    s.stations(),
                    s.stationHeightM(),
                    s.txPowerDbm(),
                    s.users(),
                    s.stepM(),
                    s.carrierGhz(),
                    s.seeds(),
                    s.seed()));
    List<List<String>> table = new ArrayList<>();
    for (Summary m : summary) {
      table.add(
          List.of(
              m.model(),
              m.p10().format("%.1f"),
              m.median().format("%.1f"),
              m.p90().format("%.1f"),
              m.medianMinusUmi().format("%.1f")));
    }
    r.table(
        List.of(
            "model",
            "p10 SINR (dB)",
            "median SINR (dB)",
            "p90 SINR (dB)",
            "median minus umi, paired (dB)"),
        table);
    r.section("Claims (paired over the same cities)");
    r.claim(
        "the ray-traced maps widen the distribution: raymap's p10 is lower than umi's",
        Stats.pairedDifference95(q[raymap][0], q[umi][0]),
        Verdict.Direction.LOWER,
        "%.2f",
        "");
    r.claim(
        "and raymap's p90 is higher than umi's",
        Stats.pairedDifference95(q[raymap][2], q[umi][2]),
        Verdict.Direction.HIGHER,
        "%.2f",
        "");
    r.claim(
        "raymap's median is higher than umi's",
        Stats.pairedDifference95(q[raymap][1], q[umi][1]),
        Verdict.Direction.HIGHER,
        "%.2f",
        "");
    r.claim(
        "fused's median is higher than umi's",
        Stats.pairedDifference95(q[fused][1], q[umi][1]),
        Verdict.Direction.HIGHER,
        "%.2f",
        "");
    r.claim(
        "fused's p10 is higher than raymap's (the statistical NLOS loss replaces deep shadow)",
        Stats.pairedDifference95(q[fused][0], q[raymap][0]),
        Verdict.Direction.HIGHER,
        "%.2f",
        "");
    r.line("");
    r.paragraph(
        "Synthetic cities, no measurements: deep-shadow map values come from Epstein-Peterson over"
            + " many roof edges, which is pessimistic (docs/raytrace.md, \"Deep shadow\").");
    return r;
  }

  /**
   * The nearest-rank quantile of sorted values: the value of rank ceil(p n), NaN for none.
   *
   * @param sorted the values, ascending
   * @param p the probability, in (0, 1]
   * @return the quantile
   */
  static double quantile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int k = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
  }
}
