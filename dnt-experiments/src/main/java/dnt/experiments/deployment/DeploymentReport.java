package dnt.experiments.deployment;

import dnt.experiments.plot.Charts;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Verdict;
import dnt.learn.deploy.DeploymentSettings;
import dnt.learn.deploy.TwinGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The deployment study's outputs: {@code metrics.csv} (one row per seed, instance, station count
 * and policy), {@code learning_curve.csv}, {@code timing.csv} (measured training times, apart
 * because they are not reproducible), three figures and {@code report.md} with a verdict, from
 * paired 95% intervals over the seeds, on every claim.
 */
final class DeploymentReport {
  private DeploymentReport() {}

  static final ResultTable<DeploymentStudy.Row> METRICS =
      ResultTable.<DeploymentStudy.Row>of()
          .column("seed", DeploymentStudy.Row::seed)
          .column("instance", DeploymentStudy.Row::instance)
          .column("stations", DeploymentStudy.Row::stations)
          .column("policy", DeploymentStudy.Row::policy)
          .column("mean_utility", "%.6f", r -> r.result().meanUtility())
          .column("mean_weighted_sum", "%.6f", r -> r.result().meanWeightedSum())
          .column("forecast_error", "%.6f", r -> r.result().meanLevels()[0])
          .column("sinr_error_db", "%.6f", r -> r.result().meanLevels()[1])
          .column("age_s", "%.3f", r -> r.result().meanLevels()[2])
          .column("bytes_per_cell_hour", "%.1f", r -> r.result().meanLevels()[3])
          .column("energy_j_per_cell_hour", "%.6f", r -> r.result().meanLevels()[4])
          .column("vertical_share", "%.6f", r -> r.result().verticalShare())
          .column("arrived_share", "%.6f", r -> r.result().arrivedShare());

  static final ResultTable<DeploymentStudy.CurvePoint> CURVE =
      ResultTable.<DeploymentStudy.CurvePoint>of()
          .column("seed", DeploymentStudy.CurvePoint::seed)
          .column("instance", DeploymentStudy.CurvePoint::instance)
          .column("stations", DeploymentStudy.CurvePoint::stations)
          .column("update", DeploymentStudy.CurvePoint::update)
          .column("mean_reward", "%.6f", DeploymentStudy.CurvePoint::reward);

  static final ResultTable<DeploymentStudy.Timing> TIMING =
      ResultTable.<DeploymentStudy.Timing>of()
          .column("seed", DeploymentStudy.Timing::seed)
          .column("instance", DeploymentStudy.Timing::instance)
          .column("stations", DeploymentStudy.Timing::stations)
          .column("train_seconds", "%.2f", DeploymentStudy.Timing::trainSeconds);

  static final ResultTable<DeploymentStudy.Traffic> TRAFFIC =
      ResultTable.<DeploymentStudy.Traffic>of()
          .column("seed", DeploymentStudy.Traffic::seed)
          .column("instance", DeploymentStudy.Traffic::instance)
          .column("stations", DeploymentStudy.Traffic::stations)
          .column("links", DeploymentStudy.Traffic::links)
          .column("states_per_update", DeploymentStudy.Traffic::statesPerUpdate)
          .column("epochs", DeploymentStudy.Traffic::epochs)
          .column("centralized_bytes_per_decision", DeploymentStudy.Traffic::centralizedPerDecision)
          .column("split_bytes_per_decision", t -> t.splitPerDecision().total())
          .column("split_station_bytes_per_decision", t -> t.splitPerDecision().neighbourBytes())
          .column("split_cut_bytes_per_decision", t -> t.splitPerDecision().activationBytes())
          .column("centralized_training_bytes_per_update", t -> 0L)
          .column("split_training_bytes_per_update", t -> t.splitPerUpdate().total())
          .column("split_station_bytes_per_update", t -> t.splitPerUpdate().neighbourBytes())
          .column("split_activation_bytes_per_update", t -> t.splitPerUpdate().activationBytes())
          .column("split_gradient_bytes_per_update", t -> t.splitPerUpdate().gradientBytes())
          .column("split_weight_bytes_per_update", t -> t.splitPerUpdate().weightBytes())
          .column(
              "centralized_bytes_per_update_cycle",
              DeploymentStudy.Traffic::centralizedPerUpdateCycle)
          .column("split_bytes_per_update_cycle", DeploymentStudy.Traffic::splitPerUpdateCycle);

  static void write(ResultsRun run, List<DeploymentStudy.Result> reps, DeploymentConfig config) {
    List<DeploymentStudy.Row> rows = new ArrayList<>();
    List<DeploymentStudy.CurvePoint> curve = new ArrayList<>();
    List<DeploymentStudy.Timing> timing = new ArrayList<>();
    List<DeploymentStudy.Traffic> traffic = new ArrayList<>();
    for (DeploymentStudy.Result r : reps) {
      rows.addAll(r.rows());
      curve.addAll(r.curve());
      timing.addAll(r.timing());
      traffic.addAll(r.traffic());
    }
    METRICS.write(run.file("metrics.csv"), rows);
    CURVE.write(run.file("learning_curve.csv"), curve);
    TIMING.write(run.file("timing.csv"), timing);
    TRAFFIC.write(run.file("traffic.csv"), traffic);
    Data data = new Data(reps);
    figures(run, data, config);
    report(data, config).write(run.file("report.md"));
  }

  /** The results indexed for the report. */
  private record Data(List<DeploymentStudy.Result> reps) {
    double[] metric(
        String instance, int stations, String policy, ToDoubleFunction<DeploymentStudy.Row> f) {
      double[] out = new double[reps.size()];
      for (int s = 0; s < reps.size(); s++) {
        out[s] = Double.NaN;
        for (DeploymentStudy.Row r : reps.get(s).rows()) {
          if (r.instance().equals(instance)
              && r.stations() == stations
              && r.policy().equals(policy)) {
            out[s] = f.applyAsDouble(r);
          }
        }
      }
      return out;
    }

    double[] utility(String instance, int stations, String policy) {
      return metric(instance, stations, policy, r -> r.result().meanUtility());
    }

    double[] curve(String instance, int update) {
      double[] out = new double[reps.size()];
      for (int s = 0; s < reps.size(); s++) {
        out[s] = Double.NaN;
        for (DeploymentStudy.CurvePoint p : reps.get(s).curve()) {
          if (p.instance().equals(instance) && p.update() == update) {
            out[s] = p.reward();
          }
        }
      }
      return out;
    }

    double trainSeconds(String instance, int stations) {
      double sum = 0;
      int n = 0;
      for (DeploymentStudy.Result r : reps) {
        for (DeploymentStudy.Timing t : r.timing()) {
          if (t.instance().equals(instance) && t.stations() == stations) {
            sum += t.trainSeconds();
            n++;
          }
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }
  }

  private static List<String> policies(boolean exhaustive) {
    List<String> out = new ArrayList<>(List.of(DeploymentStudy.PPO));
    if (exhaustive) {
      out.add(DeploymentStudy.EXHAUSTIVE);
    }
    out.addAll(DeploymentStudy.BASELINES);
    return out;
  }

  private static double mean(double[] x) {
    return Stats.meanCi95(x).mean();
  }

  private static void figures(ResultsRun run, Data data, DeploymentConfig config) {
    List<Charts.Bar> bars = new ArrayList<>();
    for (String p : policies(false)) {
      Stats.MeanCi ci = Stats.meanCi95(data.utility(DeploymentStudy.MAIN, config.stations(), p));
      bars.add(
          new Charts.Bar(
              p,
              config.stations() + " stations",
              ci.mean(),
              ci.hasInterval() ? ci.halfWidth() : 0));
    }
    for (String p : policies(true)) {
      Stats.MeanCi ci =
          Stats.meanCi95(data.utility(DeploymentStudy.SMALL, config.smallStations(), p));
      bars.add(
          new Charts.Bar(
              p,
              config.smallStations() + " stations (small)",
              ci.mean(),
              ci.hasInterval() ? ci.halfWidth() : 0));
    }
    Charts.savePng(
        run.file("utility_by_policy.png"),
        900,
        600,
        Charts.bars(
            "Twin quality by deployment policy (mean over seeds, 95% CI)",
            "mean joint utility per period", bars, 1.0));
    List<Charts.Line> learning = new ArrayList<>();
    for (String instance : List.of(DeploymentStudy.MAIN, DeploymentStudy.SMALL)) {
      double[] x = new double[config.ppoUpdates()];
      double[] y = new double[config.ppoUpdates()];
      for (int u = 0; u < x.length; u++) {
        x[u] = u + 1;
        y[u] = mean(data.curve(instance, u + 1));
      }
      learning.add(new Charts.Line(instance, x, y));
    }
    Charts.savePng(
        run.file("learning_curve.png"),
        900,
        600,
        Charts.lines(
            "PPO learning curve (mean over seeds)",
            "PPO update",
            "mean joint utility per period (sampled actions)",
            learning));
    List<Charts.Line> scaling = new ArrayList<>();
    for (String p : policies(false)) {
      double[] x = new double[config.scale().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        int n = config.scale().get(i);
        x[i] = n;
        y[i] = mean(data.utility(DeploymentStudy.SCALE, n, p));
      }
      scaling.add(new Charts.Line(p, x, y));
    }
    Charts.savePng(
        run.file("scaling.png"),
        900,
        600,
        Charts.lines(
            "Twin quality against the number of stations",
            "stations",
            Charts.Scale.AUTO,
            "mean joint utility per period",
            Charts.Scale.LINEAR,
            policies(false),
            scaling,
            List.of()));
  }

  private static List<String> row(Data data, String instance, int stations, String p) {
    return List.of(
        p,
        Stats.meanCi95(data.utility(instance, stations, p)).format("%.4f"),
        String.format(
            Locale.ROOT,
            "%.4f",
            mean(data.metric(instance, stations, p, r -> r.result().meanWeightedSum()))),
        String.format(
            Locale.ROOT,
            "%.3f",
            mean(data.metric(instance, stations, p, r -> r.result().meanLevels()[0]))),
        String.format(
            Locale.ROOT,
            "%.2f",
            mean(data.metric(instance, stations, p, r -> r.result().meanLevels()[1]))),
        String.format(
            Locale.ROOT,
            "%.0f",
            mean(data.metric(instance, stations, p, r -> r.result().meanLevels()[2]))),
        String.format(
            Locale.ROOT,
            "%.0f",
            mean(data.metric(instance, stations, p, r -> r.result().meanLevels()[3]))),
        String.format(
            Locale.ROOT,
            "%.2f",
            mean(data.metric(instance, stations, p, r -> r.result().meanLevels()[4]))),
        String.format(
            Locale.ROOT,
            "%.2f",
            mean(data.metric(instance, stations, p, r -> r.result().verticalShare()))),
        String.format(
            Locale.ROOT,
            "%.2f",
            mean(data.metric(instance, stations, p, r -> r.result().arrivedShare()))));
  }

  private static final List<String> HEADER =
      List.of(
          "policy",
          "joint utility (95% CI)",
          "weighted sum",
          "forecast z-MSE",
          "SINR error dB",
          "age s",
          "bytes/cell-h",
          "J/cell-h",
          "vertical share",
          "arrived share");

  private static Report report(Data data, DeploymentConfig config) {
    int seeds = data.reps().size();
    DeploymentSettings env = DeploymentSettings.defaults();
    Report r =
        Report.titled("Optimised twin deployment: PPO over a GCN state against baselines")
            .paragraph(
                String.format(
                    Locale.ROOT,
                    "Synthetic cities of %d small cells (%d users each, side %.0f m x sqrt(n)),"
                        + " %s, %d seed(s) from %d. Each period (%.0f s, %d per episode, deadline %.0f"
                        + " s) every station chooses vertical mapping (raw and environment data) or"
                        + " horizontal mapping (a model update by asynchronous FL), a share of the"
                        + " uplink band (%.0f kHz per station) and a power in [%.0f, %.0f] dBm; the reward is the"
                        + " twin's joint utility (TwinQuality defaults, docs/quality.md)."
                        + " PPO: %d updates of %d episodes, GCN width %d; its score is its"
                        + " deterministic policy's episode. Random is averaged over %d episodes."
                        + " docs/deployment.md states every modelling choice.",
                    config.stations(),
                    config.usersPerStation(),
                    config.stationSpacingM(),
                    config.stationsPerHost() == 0
                        ? "one twin host at the centre"
                        : "a grid of twin hosts of about "
                            + config.stationsPerHost()
                            + " stations each, every station sending to the nearest",
                    seeds,
                    config.seed(),
                    env.periodS(),
                    config.horizon(),
                    env.deadlineS(),
                    config.bandPerStationHz() / 1e3,
                    env.minPowerDbm(),
                    env.maxPowerDbm(),
                    config.ppoUpdates(),
                    config.ppoEpisodes(),
                    config.ppoHidden(),
                    config.randomEpisodes()));
    r.paragraph(
        String.format(
            Locale.ROOT,
            "PPO's decision unit: %s (%s); encoder: %s adjacency; %d optimiser steps per update,"
                + " entropy weight %s%s.",
            config.ppoUnit(),
            config.ppoUnit().equals("station")
                ? "each station's action a sample, credited by its reward share"
                : "a state's joint action",
            config.sparseEncoder() ? "sparse" : "dense",
            config.ppoEpochs(),
            config.ppoEntropy(),
            config.ppoDecisionsPerUpdate() > 0
                ? "; episodes per update cut to keep about "
                    + config.ppoDecisionsPerUpdate()
                    + " station decisions per update (at least 1)"
                : ""));
    int n = config.stations();
    r.section("Main instance: " + n + " stations, " + config.horizon() + " periods");
    List<List<String>> rows = new ArrayList<>();
    for (String p : policies(false)) {
      rows.add(row(data, DeploymentStudy.MAIN, n, p));
    }
    r.table(HEADER, rows);
    r.section("Verdicts (paired 95% intervals over seeds)");
    double[] ppo = data.utility(DeploymentStudy.MAIN, n, DeploymentStudy.PPO);
    for (String b : DeploymentStudy.BASELINES) {
      r.claim(
          "PPO's joint utility is higher than " + b + "'s",
          Stats.pairedDifference95(ppo, data.utility(DeploymentStudy.MAIN, n, b)),
          Verdict.Direction.HIGHER);
    }
    int small = config.smallStations();
    r.section(
        "Small instance: "
            + small
            + " stations, "
            + config.smallHorizon()
            + " periods, against the exhaustive optimum");
    r.paragraph(
        "The exhaustive search visits every sequence of joint actions over the discretised set"
            + " (bandwidth weights "
            + config.bandwidthLevels()
            + ", power levels "
            + config.powerLevels()
            + ", both mapping methods); the environment is deterministic, so this is the optimum"
            + " of the discretised problem. PPO acts in the continuous space and may exceed it.");
    List<List<String>> smallRows = new ArrayList<>();
    for (String p : policies(true)) {
      smallRows.add(row(data, DeploymentStudy.SMALL, small, p));
    }
    r.table(HEADER, smallRows);
    double[] opt = data.utility(DeploymentStudy.SMALL, small, DeploymentStudy.EXHAUSTIVE);
    double[] sp = data.utility(DeploymentStudy.SMALL, small, DeploymentStudy.PPO);
    double[] ratio = new double[opt.length];
    double[] random = data.utility(DeploymentStudy.SMALL, small, "random");
    double[] randomRatio = new double[opt.length];
    for (int i = 0; i < opt.length; i++) {
      ratio[i] = sp[i] / opt[i];
      randomRatio[i] = random[i] / opt[i];
    }
    r.paragraph(
        "PPO reaches "
            + Stats.meanCi95(ratio).format("%.4f")
            + " of the discretised optimum's utility (per-seed ratio, 95% CI); random "
            + Stats.meanCi95(randomRatio).format("%.4f")
            + ".");
    r.claim(
        "PPO reaches at least 95% of the discretised optimum on the small instance",
        Stats.meanCi95(minus(ratio, 0.95)), Verdict.Direction.HIGHER);
    r.claim(
        "PPO is below the discretised optimum on the small instance",
        Stats.pairedDifference95(sp, opt),
        Verdict.Direction.LOWER);
    r.section("Scaling with the number of stations");
    List<String> header = new ArrayList<>(List.of("stations"));
    header.addAll(policies(false));
    header.add("PPO training s (measured)");
    List<List<String>> scaleRows = new ArrayList<>();
    for (int s : config.scale()) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(s)));
      for (String p : policies(false)) {
        row.add(Stats.meanCi95(data.utility(DeploymentStudy.SCALE, s, p)).format("%.4f"));
      }
      row.add(String.format(Locale.ROOT, "%.1f", data.trainSeconds(DeploymentStudy.SCALE, s)));
      scaleRows.add(row);
    }
    r.table(header, scaleRows);
    r.paragraph(
        "Training times are wall-clock seconds on the machine that ran the study (timing.csv),"
            + " not reproducible; every other number is (metrics.csv, learning_curve.csv).");
    for (int s : config.scale()) {
      for (String b : List.of("greedy", "random")) {
        r.claim(
            "at " + s + " stations PPO's joint utility is higher than " + b + "'s",
            Stats.pairedDifference95(
                data.utility(DeploymentStudy.SCALE, s, DeploymentStudy.PPO),
                data.utility(DeploymentStudy.SCALE, s, b)),
            Verdict.Direction.HIGHER);
      }
    }
    traffic(r, data, config);
    return r;
  }

  /** The split-learning section: bytes per decision and per update, split against centralised. */
  private static void traffic(Report r, Data data, DeploymentConfig config) {
    r.section("Split learning (Sec. III-B3): bytes on the network");
    r.paragraph(
        "Split learning (Vepakomma et al. 2018) cut after the first GCN layer: each station runs"
            + " it on its own features and its linked stations' messages (x_j W1 / sqrt(d_j), "
            + config.ppoHidden()
            + " floats per link), sends its cut activation ("
            + config.ppoHidden()
            + " floats) to the server and gets the activation's gradient back; the lower weights"
            + " are shared, so every optimiser step also sends each station's partial gradient up"
            + " and the new weights down. The centralised agent collects each station's "
            + TwinGraph.FEATURES
            + " raw features per decision and its optimisation sends nothing. Counted, not"
            + " measured (traffic.csv; 4-byte floats; the actions sent down are the same for both"
            + " and left out). Mean over seeds (the graph's links vary with the seed).");
    List<List<String>> rows = new ArrayList<>();
    record Sums(DeploymentStudy.Traffic first, double[] s) {}
    Map<String, Sums> byInstance = new LinkedHashMap<>();
    for (DeploymentStudy.Result rep : data.reps()) {
      for (DeploymentStudy.Traffic t : rep.traffic()) {
        double[] s =
            byInstance
                .computeIfAbsent(t.instance() + " " + t.stations(), k -> new Sums(t, new double[6]))
                .s();
        s[0] += t.links();
        s[1] += t.centralizedPerDecision();
        s[2] += t.splitPerDecision().total();
        s[3] += t.splitPerUpdate().total();
        s[4] += t.centralizedPerUpdateCycle();
        s[5] += t.splitPerUpdateCycle();
      }
    }
    int seeds = data.reps().size();
    for (Sums e : byInstance.values()) {
      double[] s = e.s();
      rows.add(
          List.of(
              e.first().instance(),
              Integer.toString(e.first().stations()),
              String.format(Locale.ROOT, "%.1f", s[0] / seeds),
              String.format(Locale.ROOT, "%.0f", s[1] / seeds),
              String.format(Locale.ROOT, "%.0f", s[2] / seeds),
              String.format(Locale.ROOT, "%.0f", s[3] / seeds),
              String.format(Locale.ROOT, "%.0f", s[4] / seeds),
              String.format(Locale.ROOT, "%.0f", s[5] / seeds),
              String.format(Locale.ROOT, "%.1f", s[5] / s[4])));
    }
    r.table(
        List.of(
            "instance",
            "stations",
            "directed links",
            "centralised B/decision",
            "split B/decision",
            "split training B/update",
            "centralised B/update cycle",
            "split B/update cycle",
            "split / centralised"),
        rows);
  }

  private static double[] minus(double[] x, double c) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] - c;
    }
    return out;
  }
}
