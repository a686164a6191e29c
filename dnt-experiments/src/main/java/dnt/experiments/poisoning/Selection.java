package dnt.experiments.poisoning;

import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultTable;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Stats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's hyperparameter choices, made on the validation week and never on the test week: for
 * each family of the {@code select} setting (e.g. TID/GLID and their bands), the candidate rule
 * whose worst mean validation MAE over the attack columns and phases is least (ties: the first
 * listed). The criterion is fixed before any number is seen: a defence is chosen for the attack it
 * handles worst.
 *
 * @param chosen family to its chosen rule
 * @param worst family to candidate to its worst-case mean validation MAE (NaN when not run)
 */
record Selection(Map<String, String> chosen, Map<String, Map<String, Double>> worst) {
  /** Copies the maps. */
  Selection {
    chosen = Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
    worst = Collections.unmodifiableMap(new LinkedHashMap<>(worst));
  }

  /**
   * No validation: every family stands for its first candidate.
   *
   * @param select the families
   * @return the selection
   */
  static Selection firstCandidates(Map<String, List<String>> select) {
    Map<String, String> chosen = new LinkedHashMap<>();
    select.forEach((family, candidates) -> chosen.put(family, candidates.get(0)));
    return new Selection(chosen, Map.of());
  }

  /**
   * Chooses every family's member from the validation cells.
   *
   * @param select the families and their candidates
   * @param cells the cells run on the validation split (every candidate, attack and phase)
   * @return the choices
   */
  static Selection choose(Map<String, List<String>> select, List<PoisoningExperiment.Cell> cells) {
    Map<String, String> chosen = new LinkedHashMap<>();
    Map<String, Map<String, Double>> worst = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> family : select.entrySet()) {
      Map<String, Double> byRule = new LinkedHashMap<>();
      String best = family.getValue().get(0);
      double bestWorst = Double.POSITIVE_INFINITY;
      for (String rule : family.getValue()) {
        double w = worstMae(cells, rule);
        byRule.put(rule, w);
        if (w < bestWorst) {
          bestWorst = w;
          best = rule;
        }
      }
      chosen.put(family.getKey(), best);
      worst.put(family.getKey(), byRule);
    }
    return new Selection(chosen, worst);
  }

  /** The largest mean-over-seeds MAE of a rule over its cells; NaN when it has none. */
  static double worstMae(List<PoisoningExperiment.Cell> cells, String rule) {
    double w = Double.NaN;
    for (PoisoningExperiment.Cell c : cells) {
      if (c.rule().equals(rule)) {
        double m = Stats.meanCi95(c.mae()).mean();
        w = Double.isNaN(w) ? m : Math.max(w, m);
      }
    }
    return w;
  }

  /** One seed of one validation cell. */
  private record SeedRow(PoisoningExperiment.Cell cell, long seed, int replication) {}

  /** The columns of {@code validation.csv}: one row per validation cell and seed. */
  private static final ResultTable<SeedRow> VALIDATION =
      ResultTable.<SeedRow>of()
          .column("phase", r -> r.cell().phase().label())
          .column("rule", r -> r.cell().rule())
          .column("attack", r -> r.cell().attack())
          .column("seed", SeedRow::seed)
          .column("mse", "%.6f", r -> r.cell().mse()[r.replication()])
          .column("mae", "%.6f", r -> r.cell().mae()[r.replication()]);

  /** One candidate of one family with its worst-case validation MAE. */
  private record Candidate(String family, String rule, double worstMae, boolean chosen) {}

  /** The columns of {@code selection.csv}. */
  private static final ResultTable<Candidate> CANDIDATES =
      ResultTable.<Candidate>of()
          .column("family", Candidate::family)
          .column("rule", Candidate::rule)
          .column("worst_validation_mae", "%.6f", Candidate::worstMae)
          .column("chosen", Candidate::chosen);

  /**
   * Writes {@code validation.csv} (every validation cell and seed) and {@code selection.csv} (each
   * candidate's worst-case validation MAE and the choice).
   *
   * @param run the results folder
   * @param cells the validation cells
   * @param config the run's settings (its base seed)
   */
  void write(ResultsRun run, List<PoisoningExperiment.Cell> cells, PoisoningConfig config) {
    List<SeedRow> rows = new ArrayList<>();
    for (PoisoningExperiment.Cell c : cells) {
      for (int s = 0; s < c.mae().length; s++) {
        rows.add(new SeedRow(c, Replications.seed(config.seed(), s), s));
      }
    }
    VALIDATION.write(run.file("validation.csv"), rows);
    CANDIDATES.write(run.file("selection.csv"), candidates());
  }

  private List<Candidate> candidates() {
    List<Candidate> out = new ArrayList<>();
    worst.forEach(
        (family, byRule) ->
            byRule.forEach(
                (rule, w) ->
                    out.add(new Candidate(family, rule, w, rule.equals(chosen.get(family))))));
    return out;
  }

  /**
   * The report's section on the choices.
   *
   * @param config the run's settings
   * @return markdown
   */
  String section(PoisoningConfig config) {
    StringBuilder md =
        new StringBuilder("## Choices made on the validation week\n\n")
            .append("Each family's candidates ran under every attack column (")
            .append(String.join(", ", config.attacks()))
            .append(
                ") in every phase on the validation split: the protocol one week earlier (V-twin"
                    + " on days 0-8, H-twin streaming days 9-15, scored on days 16-22), never"
                    + " the test week. The choice is the candidate with the least worst-case"
                    + " mean validation MAE; the test numbers of Table II follow, whatever they"
                    + " are.\n\n")
            .append("| family | candidate | worst-case validation MAE | chosen |\n")
            .append("|---|---|---|---|\n");
    for (Candidate c : candidates()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |%n",
              c.family(),
              c.rule(),
              PoisoningReport.fmt(c.worstMae()),
              c.chosen() ? "**yes**" : ""));
    }
    md.append("\nFiles: `validation.csv` (every cell and seed), `selection.csv`.\n");
    return md.toString();
  }
}
