package dnt.experiments.caching;

import dnt.caching.rl.SystemTrainer;
import dnt.experiments.plot.Charts;
import dnt.experiments.report.Stats;
import java.io.BufferedWriter;
import java.io.IOException;
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
import org.jfree.chart.JFreeChart;

/**
 * The learned systems' learning curves (issue 16: "agents that learn: enough training to converge,
 * report learning curves"): the file {@code learning_curves.csv}, the figure, and whether each
 * curve has flattened by the end of training.
 *
 * <p>A point of a curve is a training episode as it was trained (exploration on). Episodes differ
 * in how easy their requests are, so the curve that is judged is the <em>gain over LRU</em>: the
 * system's hit rate minus LRU's on the same episode. The convergence criterion (reconstructed; the
 * paper shows no curves): over the physical episodes of a system (twin episodes carry rare events
 * and are not comparable with them), let k be 10% of them (at least one); in each replication take
 * the mean gain of the last k and of the k before; the curve has <em>flattened</em> when the 95%
 * Student-t interval of the paired difference (last minus previous, over the replications) contains
 * zero. It needs two replications and two physical episodes.
 */
final class LearningCurves {
  private LearningCurves() {}

  /** The header of {@code learning_curves.csv}. */
  static final String HEADER =
      "replication,seed,system,arm,episode,data,hit_rate,lru_hit_rate,overload_events,decisions,"
          + "unsafe_proposals\n";

  /**
   * Whether one system's curve has flattened.
   *
   * @param system the system
   * @param physicalEpisodes its physical training episodes
   * @param window k, the episodes in each of the two windows compared
   * @param previous the mean gain over LRU of the k episodes before the last k, over replications
   * @param last the mean gain over LRU of the last k episodes, over replications
   * @param difference last minus previous, paired by replication
   */
  record Convergence(
      String system,
      int physicalEpisodes,
      int window,
      Stats.MeanCi previous,
      Stats.MeanCi last,
      Stats.MeanCi difference) {

    /**
     * The verdict: "flattened" when the paired difference's interval contains zero, "rising" or
     * "falling" when it lies above or below zero, "n/a" without an interval.
     *
     * @return the verdict
     */
    String verdict() {
      if (!difference.hasInterval()) {
        return "n/a";
      }
      if (difference.above(0)) {
        return "rising";
      }
      return difference.below(0) ? "falling" : "flattened";
    }
  }

  /**
   * Writes every replication's curves.
   *
   * @param file the CSV file
   * @param reps the replications
   * @throws IOException when writing fails
   */
  static void write(Path file, List<CachingStudy.Result> reps) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      for (int r = 0; r < reps.size(); r++) {
        long seed = reps.get(r).rows().isEmpty() ? 0 : reps.get(r).rows().get(0).seed();
        for (var e : reps.get(r).learningCurves().entrySet()) {
          for (CachingStudy.CurvePoint p : e.getValue()) {
            SystemTrainer.TrainingEpisode t = p.episode();
            w.write(
                String.format(
                    Locale.ROOT,
                    "%d,%d,\"%s\",%s,%d,%s,%.6f,%.6f,%d,%d,%d\n",
                    r,
                    seed,
                    e.getKey(),
                    p.arm(),
                    t.episode(),
                    t.twin() ? "twin" : "physical",
                    t.hitRate(),
                    p.lruHitRate(),
                    t.overloadEvents(),
                    t.decisions(),
                    t.unsafeProposals()));
          }
        }
      }
    }
  }

  private static List<String> systems(List<CachingStudy.Result> reps) {
    Set<String> s = new LinkedHashSet<>();
    reps.forEach(r -> s.addAll(r.learningCurves().keySet()));
    return new ArrayList<>(s);
  }

  /** The gains over LRU of a system's physical episodes in one replication, in training order. */
  private static double[] physicalGains(List<CachingStudy.CurvePoint> curve) {
    return curve.stream()
        .filter(p -> !p.episode().twin())
        .mapToDouble(p -> p.episode().hitRate() - p.lruHitRate())
        .toArray();
  }

  /**
   * Judges every system's curve by the criterion of the class comment.
   *
   * @param reps the replications
   * @return one verdict per system that has physical episodes in every replication, in order
   */
  static List<Convergence> assess(List<CachingStudy.Result> reps) {
    List<Convergence> out = new ArrayList<>();
    for (String system : systems(reps)) {
      List<double[]> gains = new ArrayList<>();
      for (CachingStudy.Result r : reps) {
        List<CachingStudy.CurvePoint> c = r.learningCurves().get(system);
        if (c != null) {
          gains.add(physicalGains(c));
        }
      }
      if (gains.size() != reps.size()) {
        continue;
      }
      int n = gains.stream().mapToInt(g -> g.length).min().orElse(0);
      int k = Math.max(1, (int) Math.round(0.1 * n));
      if (n < 2 * k) {
        continue;
      }
      double[] last = new double[gains.size()];
      double[] previous = new double[gains.size()];
      for (int r = 0; r < gains.size(); r++) {
        double[] g = gains.get(r);
        last[r] = mean(g, n - k, n);
        previous[r] = mean(g, n - 2 * k, n - k);
      }
      out.add(
          new Convergence(
              system,
              n,
              k,
              Stats.meanCi95(previous),
              Stats.meanCi95(last),
              Stats.pairedDifference95(last, previous)));
    }
    return out;
  }

  private static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }

  /**
   * One panel per system: its hit rate per training episode and LRU's on the same episodes, each
   * the mean over the replications.
   *
   * @param reps the replications
   * @return the panels (none without learned systems)
   */
  static List<JFreeChart> figure(List<CachingStudy.Result> reps) {
    List<JFreeChart> panels = new ArrayList<>();
    for (String system : systems(reps)) {
      Map<Integer, double[]> sums = new LinkedHashMap<>(); // episode -> {hit, lru, count}
      for (CachingStudy.Result r : reps) {
        for (CachingStudy.CurvePoint p : r.learningCurves().getOrDefault(system, List.of())) {
          double[] s = sums.computeIfAbsent(p.episode().episode(), e -> new double[3]);
          s[0] += p.episode().hitRate();
          s[1] += p.lruHitRate();
          s[2]++;
        }
      }
      double[] x = new double[sums.size()];
      double[] hit = new double[x.length];
      double[] lru = new double[x.length];
      int i = 0;
      for (var e : sums.entrySet()) {
        x[i] = e.getKey();
        hit[i] = e.getValue()[0] / e.getValue()[2];
        lru[i] = e.getValue()[1] / e.getValue()[2];
        i++;
      }
      panels.add(
          Charts.lines(
              system + (reps.size() > 1 ? " (mean of " + reps.size() + ")" : ""),
              "training episode",
              "hit rate (exploration on)",
              List.of(
                  new Charts.Line(system, x, hit), new Charts.Line("LRU, same episodes", x, lru))));
    }
    return panels;
  }
}
