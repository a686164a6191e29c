package dnt.experiments.privacy;

import dnt.experiments.plot.Charts;
import dnt.experiments.report.Report;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The privacy study's outputs: {@code metrics.csv} (one row per attack, protection, batch size and
 * seed), {@code utility.csv} (one row per protection and seed), two figures of leakage against
 * forecast error and against bytes, and {@code report.md} with a verdict, from paired 95% intervals
 * over the seeds, on every claim.
 */
final class PrivacyReport {
  private PrivacyReport() {}

  static final ResultTable<PrivacyStudy.AttackRow> METRICS =
      ResultTable.<PrivacyStudy.AttackRow>of()
          .column("seed", PrivacyStudy.AttackRow::seed)
          .column("protection", PrivacyStudy.AttackRow::protection)
          .column("attack", PrivacyStudy.AttackRow::attack)
          .column("batch_size", PrivacyStudy.AttackRow::batchSize)
          .column("cell_index", PrivacyStudy.AttackRow::cell)
          .column("bytes", PrivacyStudy.AttackRow::bytes)
          .column("mse", "%.6g", r -> r.error().mse())
          .column("correlation", "%.6f", r -> r.error().correlation())
          .column("target_mse", "%.6g", r -> r.error().targetMse())
          .column("sign_agreement", "%.6f", r -> r.error().signAgreement());

  static final ResultTable<PrivacyStudy.ControlRow> CONTROL =
      ResultTable.<PrivacyStudy.ControlRow>of()
          .column("seed", PrivacyStudy.ControlRow::seed)
          .column("protection", PrivacyStudy.ControlRow::protection)
          .column("batch_size", PrivacyStudy.ControlRow::batchSize)
          .column("residual_sign_recovered", PrivacyStudy.ControlRow::recovered);

  static final ResultTable<PrivacyStudy.UtilityRow> UTILITY =
      ResultTable.<PrivacyStudy.UtilityRow>of()
          .column("seed", PrivacyStudy.UtilityRow::seed)
          .column("protection", PrivacyStudy.UtilityRow::protection)
          .column("noise_multiplier", "%.6g", PrivacyStudy.UtilityRow::noiseMultiplier)
          .column("bytes", PrivacyStudy.UtilityRow::bytes)
          .column("test_mse", "%.6g", PrivacyStudy.UtilityRow::testMse);

  static void write(
      ResultsRun run, List<PrivacyStudy.Result> reps, PrivacyConfig config, PrivacyStudy study) {
    List<PrivacyStudy.AttackRow> attacks = new ArrayList<>();
    List<PrivacyStudy.UtilityRow> utility = new ArrayList<>();
    List<PrivacyStudy.ControlRow> controls = new ArrayList<>();
    for (PrivacyStudy.Result r : reps) {
      attacks.addAll(r.attacks());
      utility.addAll(r.utility());
      controls.addAll(r.controls());
    }
    CONTROL.write(run.file("control.csv"), controls);
    METRICS.write(run.file("metrics.csv"), attacks);
    UTILITY.write(run.file("utility.csv"), utility);
    Data data = new Data(reps, study.protections());
    int smallest = config.batchSizes().stream().mapToInt(Integer::intValue).min().orElseThrow();
    figures(run, data, config, smallest);
    report(data, config, study, smallest).write(run.file("report.md"));
  }

  /** The results indexed for the report. */
  private record Data(List<PrivacyStudy.Result> reps, List<Protection> protections) {
    /** One value per seed of an attack metric. */
    double[] attack(
        String protection, String attack, int batch, ToDoubleFunction<PrivacyStudy.AttackRow> f) {
      double[] out = new double[reps.size()];
      for (int s = 0; s < reps.size(); s++) {
        out[s] = Double.NaN;
        for (PrivacyStudy.AttackRow r : reps.get(s).attacks()) {
          if (r.protection().equals(protection)
              && r.attack().equals(attack)
              && r.batchSize() == batch) {
            out[s] = f.applyAsDouble(r);
          }
        }
      }
      return out;
    }

    /** One value per seed of a utility metric. */
    double[] utility(String protection, ToDoubleFunction<PrivacyStudy.UtilityRow> f) {
      double[] out = new double[reps.size()];
      for (int s = 0; s < reps.size(); s++) {
        out[s] = Double.NaN;
        for (PrivacyStudy.UtilityRow r : reps.get(s).utility()) {
          if (r.protection().equals(protection)) {
            out[s] = f.applyAsDouble(r);
          }
        }
      }
      return out;
    }

    /** Per seed, the share of batch sizes whose residual sign was recovered. */
    double[] recovered(String protection) {
      double[] out = new double[reps.size()];
      for (int s = 0; s < reps.size(); s++) {
        int n = 0;
        int k = 0;
        for (PrivacyStudy.ControlRow r : reps.get(s).controls()) {
          if (r.protection().equals(protection)) {
            n++;
            k += r.recovered() ? 1 : 0;
          }
        }
        out[s] = n == 0 ? Double.NaN : (double) k / n;
      }
      return out;
    }

    double bytes(String protection) {
      return utility(protection, PrivacyStudy.UtilityRow::bytes)[0];
    }
  }

  private static double mean(double[] x) {
    return Stats.meanCi95(x).mean();
  }

  private static String ci(double[] x, String format) {
    return Stats.meanCi95(x).format(format);
  }

  private static List<String> attacks(PrivacyConfig config) {
    return config.attacks().stream()
        .map(a -> dnt.learn.privacy.inversion.InversionAttacks.REGISTRY.canonicalName(a))
        .toList();
  }

  /** The strongest leakage at batch size b: the highest mean correlation over the attacks. */
  private static double leakage(Data data, PrivacyConfig config, String protection, int b) {
    double best = Double.NEGATIVE_INFINITY;
    for (String a : attacks(config)) {
      best = Math.max(best, mean(data.attack(protection, a, b, r -> r.error().correlation())));
    }
    return best;
  }

  private static void figures(ResultsRun run, Data data, PrivacyConfig config, int b) {
    List<String> names = data.protections().stream().map(Protection::name).toList();
    List<Charts.Line> byError = new ArrayList<>();
    List<Charts.Line> byBytes = new ArrayList<>();
    for (String p : names) {
      double leak = leakage(data, config, p, b);
      double mse = mean(data.utility(p, PrivacyStudy.UtilityRow::testMse));
      byError.add(new Charts.Line(p, new double[] {mse}, new double[] {leak}));
      byBytes.add(new Charts.Line(p, new double[] {data.bytes(p)}, new double[] {leak}));
    }
    String y = "reconstruction correlation (best attack, B = " + b + ")";
    Charts.savePng(
        run.file("leakage_vs_forecast_error.png"),
        900,
        600,
        Charts.lines(
            "Leakage against forecast error",
            "test z-MSE after " + config.rounds() + " federated rounds",
            Charts.Scale.LINEAR,
            y,
            Charts.Scale.LINEAR,
            names,
            byError,
            List.of()));
    Charts.savePng(
        run.file("leakage_vs_bytes.png"),
        900,
        600,
        Charts.lines(
            "Leakage against bytes per update",
            "bytes per update",
            Charts.Scale.AUTO,
            y,
            Charts.Scale.LINEAR,
            names,
            byBytes,
            List.of()));
  }

  private static Report report(Data data, PrivacyConfig config, PrivacyStudy study, int b) {
    int seeds = data.reps().size();
    Report r =
        Report.titled("Privacy of twin training: what one federated update leaks")
            .paragraph(
                String.format(
                    Locale.ROOT,
                    "The bundled Milan subset (internet, hourly, z-scored per cell), %d clients, the"
                        + " MLP forecaster (%d hidden units, %d parameters), %d seed(s) from %d."
                        + " A curious server holds the global model and one client's FedSGD update"
                        + " (step size %s) on B of its windows, as received after the protection,"
                        + " and reconstructs the windows (docs/privacy.md). Correlation is the"
                        + " mean Pearson correlation of a true window and its matched guess (0: no"
                        + " information); MSE in z-score units. Utility: %d federated rounds of"
                        + " one local epoch with the protection on every update, test week z-MSE."
                        + " DP noise is added by each client (z from the RDP accountant for the"
                        + " stated epsilon, delta %s, %d releases); `clip` is what the server"
                        + " sees under DP-FedAvg's central noise, at any epsilon.",
                    study.clients(),
                    config.hidden(),
                    study.parameters(),
                    seeds,
                    config.seed(),
                    config.attackLearningRate(),
                    config.rounds(),
                    config.dpDelta(),
                    config.rounds()));
    List<String> attacks = attacks(config);
    r.section("Leakage and cost per protection (B = " + b + ")");
    List<String> header = new ArrayList<>(List.of("protection", "bytes", "noise z", "test z-MSE"));
    for (String a : attacks) {
      header.add(a + " correlation");
    }
    header.add("analytic sign agreement");
    List<List<String>> rows = new ArrayList<>();
    for (Protection p : data.protections()) {
      List<String> row = new ArrayList<>();
      row.add(p.name());
      row.add(String.format(Locale.ROOT, "%.0f", data.bytes(p.name())));
      row.add(
          String.format(
              Locale.ROOT,
              "%.3g",
              mean(data.utility(p.name(), PrivacyStudy.UtilityRow::noiseMultiplier))));
      row.add(ci(data.utility(p.name(), PrivacyStudy.UtilityRow::testMse), "%.4f"));
      for (String a : attacks) {
        row.add(ci(data.attack(p.name(), a, b, x -> x.error().correlation()), "%.3f"));
      }
      row.add(
          attacks.contains("analytic")
              ? ci(data.attack(p.name(), "analytic", b, x -> x.error().signAgreement()), "%.3f")
              : "");
      rows.add(row);
    }
    r.table(header, rows);
    r.paragraph(
        "Chance level: a random guess (standard-normal windows, matched the same way) has"
            + " correlation "
            + ci(data.attack("none", PrivacyStudy.CHANCE, b, x -> x.error().correlation()), "%.3f")
            + " at B = "
            + b
            + ". NaN or diverged: the federated training's weights were no longer finite.");
    r.section("Leakage by batch size (correlation, mean over seeds)");
    r.paragraph(
        "With B > 1 the matching of guesses to windows lifts even a random guess above 0: compare"
            + " each attack with the chance row, not with 0.");
    for (String a : attacks) {
      List<String> h = new ArrayList<>(List.of("protection"));
      config.batchSizes().forEach(x -> h.add("B = " + x));
      List<List<String>> t = new ArrayList<>();
      for (Protection p : data.protections()) {
        List<String> row = new ArrayList<>(List.of(p.name()));
        for (int bs : config.batchSizes()) {
          row.add(
              String.format(
                  Locale.ROOT,
                  "%.3f",
                  mean(data.attack(p.name(), a, bs, x -> x.error().correlation()))));
        }
        t.add(row);
      }
      List<String> chance = new ArrayList<>(List.of("chance (random guess)"));
      for (int bs : config.batchSizes()) {
        chance.add(
            String.format(
                Locale.ROOT,
                "%.3f",
                mean(data.attack("none", PrivacyStudy.CHANCE, bs, x -> x.error().correlation()))));
      }
      t.add(chance);
      r.line("**" + a + "**").table(h, t);
    }
    r.section("Verdicts (paired 95% intervals over seeds)");
    for (String a : attacks) {
      r.claim(
          "without protection, "
              + a
              + " at B = "
              + b
              + " guesses better than chance (correlation"
              + " above 0)",
          Stats.meanCi95(data.attack("none", a, b, x -> x.error().correlation())),
          Verdict.Direction.HIGHER);
    }
    List<String> credited = new ArrayList<>();
    List<String> costly = new ArrayList<>();
    List<String> atChance = new ArrayList<>();
    for (Protection p : data.protections()) {
      if (p.name().equals("none")) {
        continue;
      }
      List<Verdict> parts = new ArrayList<>();
      for (String a : attacks) {
        parts.add(
            r.claim(
                p.name() + " lowers " + a + "'s correlation at B = " + b,
                Stats.pairedDifference95(
                    data.attack(p.name(), a, b, x -> x.error().correlation()),
                    data.attack("none", a, b, x -> x.error().correlation())),
                Verdict.Direction.LOWER));
      }
      double[] mse = data.utility(p.name(), PrivacyStudy.UtilityRow::testMse);
      long diverged = java.util.Arrays.stream(mse).filter(v -> !Double.isFinite(v)).count();
      if (diverged > 0) {
        r.line(
            "- "
                + p.name()
                + " costs forecast accuracy: **the training diverged in "
                + diverged
                + " of "
                + mse.length
                + " seeds** (the global model's weights were no longer finite)");
        costly.add(p.name() + " (diverged)");
      } else {
        Verdict cost =
            r.claim(
                p.name() + " costs forecast accuracy (test z-MSE higher than none)",
                Stats.pairedDifference95(
                    mse, data.utility("none", PrivacyStudy.UtilityRow::testMse)),
                Verdict.Direction.HIGHER);
        if (cost.outcome() == Verdict.Outcome.HOLDS) {
          costly.add(p.name());
        }
      }
      if (Verdict.all(parts).outcome() == Verdict.Outcome.HOLDS) {
        credited.add(p.name());
      }
      boolean leaks = false;
      for (String a : attacks) {
        Verdict above =
            Verdict.of(
                Stats.pairedDifference95(
                    data.attack(p.name(), a, b, x -> x.error().correlation()),
                    data.attack("none", PrivacyStudy.CHANCE, b, x -> x.error().correlation())),
                Verdict.Direction.HIGHER,
                "%.4f");
        leaks |= above.outcome() == Verdict.Outcome.HOLDS;
      }
      if (!leaks) {
        atChance.add(p.name());
      }
    }
    r.section("Negative control: sign-preserving codecs keep the residual's sign");
    r.paragraph(
        "A label-recovery attack in the manner of iDLG (Zhao et al. 2020) reads the sign of the"
            + " head's bias gradient, which is the sign of the batch's mean residual: whether the"
            + " client's traffic lay above or below the global model's forecast. `sign` keeps the"
            + " sign of every coordinate, so it keeps this one: a protection that keeps what an"
            + " attack needs must not be credited, and the claim below must not hold. Recovery"
            + " rate over the batch sizes, per protection: "
            + String.join(
                ", ",
                data.protections().stream()
                    .map(p -> p.name() + " " + ci(data.recovered(p.name()), "%.2f"))
                    .toList())
            + ".");
    Verdict control =
        r.claim(
            "sign lowers the residual-sign recovery rate",
            Stats.pairedDifference95(data.recovered("sign"), data.recovered("none")),
            Verdict.Direction.LOWER);
    r.line(
        control.outcome() == Verdict.Outcome.HOLDS
            ? "The control failed: sign was credited with hiding the residual's sign."
            : "The control passed: sign is not credited with hiding the residual's sign.");
    r.section("What protects");
    r.paragraph(
        "Lower correlation than without protection for every attack at B = "
            + b
            + " (95% intervals): "
            + (credited.isEmpty() ? "none" : String.join(", ", credited))
            + ". No attack above chance at B = "
            + b
            + " (no 95% interval of the paired difference to the random guess above 0): "
            + (atChance.isEmpty() ? "none" : String.join(", ", atChance))
            + ". Every other protection is not credited. Forecast accuracy costs (higher test"
            + " z-MSE, or diverged): "
            + (costly.isEmpty() ? "none" : String.join(", ", costly))
            + ".");
    return r;
  }
}
