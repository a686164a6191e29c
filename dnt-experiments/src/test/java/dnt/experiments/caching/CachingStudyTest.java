package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.network.Trace;
import dnt.experiments.report.ResultsRun;
import dnt.experiments.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of the caching study: every system on both regimes, reproducible, all outputs. */
final class CachingStudyTest {
  @TempDir Path dir;

  @Test
  void aQuickStudyWritesEveryTableFigureAndTheReport() throws Exception {
    CachingStudyConfig config = CachingStudyConfig.quick();
    CachingStudy study = new CachingStudy(config);
    List<CachingStudy.Result> reps = study.run(3, 2, (d, t, m) -> {});
    assertThat(reps).hasSize(2);
    // the one seed convention of every study: replication i of base seed 3 uses seed 3 + i
    assertThat(reps.get(0).rows()).extracting(CachingStudy.Row::seed).containsOnly(3L);
    assertThat(reps.get(1).rows()).extracting(CachingStudy.Row::seed).containsOnly(4L);
    assertThat(reps.get(1).rows()).isEqualTo(study.replicate(1, 4).rows());
    List<CachingStudy.Row> rows = reps.get(0).rows();
    // 4 RL systems + 2 of the equal-budget arm + 6 classic policies + 2 clairvoyant references,
    // on 2 regimes
    assertThat(rows).hasSize(2 * (4 + 2 + CachingStudy.CLASSIC.size() + 2));
    assertThat(rows)
        .extracting(CachingStudy.Row::system)
        .contains("RL" + CachingStudy.EQUAL_BUDGET, "Reliable RL" + CachingStudy.EQUAL_BUDGET);
    // per-station MIN is no bound on this network: it is labelled a reference, never a bound
    assertThat(rows.stream().map(CachingStudy.Row::family).distinct())
        .containsExactlyInAnyOrder("rl", "classic", "reference");
    assertThat(
            rows.stream()
                .filter(r -> r.family().equals("reference"))
                .map(CachingStudy.Row::system)
                .distinct())
        .containsExactly(CachingStudy.CLAIRVOYANT, CachingStudy.FEMTOCACHING);
    assertThat(reps.get(0).loadSeries()).containsKeys("RL", "Reliable RL w/ DNT", "LRU");
    // the plain systems have no shield; the reliable ones veto what the look-ahead flags
    for (CachingStudy.Row r : rows) {
      if (r.system().startsWith("Reliable")) {
        assertThat(r.interventions()).as(r.system()).isEqualTo(r.unsafeProposals());
      } else {
        assertThat(r.interventions()).as(r.system()).isZero();
      }
    }

    ResultsRun run = ResultsRun.start(dir, "caching", 3, 2);
    CachingReport.write(run, reps, config);
    run.finish("test");
    for (String f :
        List.of(
            "metrics.csv",
            "summary.csv",
            "load_series.csv",
            "hit_series.csv",
            "learning_curves.csv",
            "fig_learning_curves.png",
            "stations.csv",
            "fig4_hit_rate_interventions.png",
            "fig5_station_load.png",
            "report.md",
            "manifest.json")) {
      assertThat(run.file(f)).isNotEmptyFile();
    }
    dnt.experiments.report.OutputChecks.assertPlot(run.file("fig4_hit_rate_interventions.png"));
    dnt.experiments.report.OutputChecks.assertPlot(run.file("fig5_station_load.png"));
    dnt.experiments.report.OutputChecks.assertPlot(run.file("fig_learning_curves.png"));
    dnt.experiments.report.OutputChecks.assertManifest(run.file("manifest.json"), "caching");
    assertThat(Files.readString(run.file("report.md")))
        .contains("Reliable RL w/ DNT")
        .contains("**Synthetic data.**")
        .contains("covered by two stations, sending")
        .contains("the twin reduces the interventions")
        .contains("clairvoyant reference, not a bound")
        .contains("## Learning curves")
        .contains("## Where the overloads happen")
        .doesNotContain("NaN")
        .doesNotContain("Belady (per BS)");
    // the quick preset trains 1 physical (+ 1 twin) episode; the equal-budget arm 2 physical:
    // RL 1, RL w/ DNT 2, Reliable RL 1, Reliable RL w/ DNT 2, both equal-budget systems 2 -> 10
    // episodes per replication, 2 replications
    assertThat(reps.get(0).learningCurves().get("RL w/ DNT")).hasSize(2);
    assertThat(reps.get(0).learningCurves().get("RL")).hasSize(1);
    List<String> curves = Files.readAllLines(run.file("learning_curves.csv"));
    assertThat(curves).hasSize(1 + 2 * 10);
    assertThat(curves.get(0))
        .isEqualTo(
            "replication,seed,system,arm,episode,data,hit_rate,lru_hit_rate,overload_events,"
                + "decisions,unsafe_proposals");
    assertThat(curves.get(1)).startsWith("0,3,\"RL\",fixed-physical,1,physical,");
    // RL w/ DNT alternates a physical and a twin episode; its physical one is RL's, so LRU's hit
    // rate on it is the same number
    CachingStudy.CurvePoint rl = reps.get(0).learningCurves().get("RL").get(0);
    List<CachingStudy.CurvePoint> dnt = reps.get(0).learningCurves().get("RL w/ DNT");
    assertThat(dnt).extracting(p -> p.episode().twin()).containsExactly(false, true);
    assertThat(dnt.get(0).lruHitRate()).isEqualTo(rl.lruHitRate());
    assertThat(reps.get(0).learningCurves().get("RL" + CachingStudy.EQUAL_BUDGET))
        .extracting(CachingStudy.CurvePoint::arm)
        .containsOnly(CachingStudy.EQUAL_ARM);
    // one line per station and replication: 3 stations of the quick preset, 2 replications
    List<String> stations = Files.readAllLines(run.file("stations.csv"));
    assertThat(stations).hasSize(1 + 2 * 3);
    assertThat(stations.get(0))
        .isEqualTo(
            "replication,seed,station,home_clients,single_home_clients,second_clients,"
                + "rare_floor_share,common_overload_events_lru,rare_overload_events_lru");
    List<String> metrics = Files.readAllLines(run.file("metrics.csv"));
    assertThat(metrics).hasSize(1 + 2 * rows.size());
    // the file holds the rows of replication 0 first, each hit rate to six decimals
    for (int i = 0; i < rows.size(); i++) {
      CachingStudy.Row r = rows.get(i);
      assertThat(metrics.get(1 + i))
          .startsWith("0," + r.seed() + "," + r.regime() + ",\"" + r.system() + "\",")
          .contains(String.format(java.util.Locale.ROOT, ",%.6f,", r.hitRate()));
    }
  }

  @Test
  void aReplicationIsReproducibleForItsSeed() {
    CachingStudy study = new CachingStudy(CachingStudyConfig.quick());
    List<CachingStudy.Row> a = study.replicate(0, 17).rows();
    List<CachingStudy.Row> b = study.replicate(0, 17).rows();
    assertThat(b).isEqualTo(a);
  }

  @Test
  void withThreadsChangesTheThreadCountOnly() {
    CachingStudyConfig quick = CachingStudyConfig.quick();
    CachingStudyConfig one = quick.withThreads(1);
    assertThat(one.threads()).isEqualTo(1);
    assertThat(one).usingRecursiveComparison().ignoringFields("threads").isEqualTo(quick);
    assertThat(one.withThreads(quick.threads())).isEqualTo(quick);
  }

  @Test
  void concatenationShiftsTimesToFollowEachOther() {
    Trace a = Trace.sequential(new int[] {0, 1}, new int[] {5, 6});
    Trace b = Trace.sequential(new int[] {2}, new int[] {7});
    Trace c = CachingStudy.concat(List.of(a, b));
    assertThat(c.times()).containsExactly(0, 1, 2);
    assertThat(c.items()).containsExactly(5, 6, 7);
  }

  private static CachingStudy.Row row(int replication, String system, double hitRate) {
    return new CachingStudy.Row(
        replication, 40 + replication, "rare", system, "rl", hitRate, 0, 0, 0, 1, 1, 0);
  }

  @Test
  void verdictsRestOnThePairedDifferenceNotOnTheMeansIntervals() {
    // b beats a by 0.01 on every replication, while the replications spread by 0.1: the means'
    // intervals overlap, the paired difference (0.01, no spread) excludes zero
    List<CachingStudy.Row> rows = new java.util.ArrayList<>();
    double[] level = {0.2, 0.3, 0.4, 0.5};
    for (int i = 0; i < level.length; i++) {
      rows.add(row(i, "a", level[i]));
      rows.add(row(i, "b", level[i] + 0.01));
    }
    var diff = CachingReport.paired(rows, "rare", "a", "b", "hit_rate");
    assertThat(diff.mean()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Verdict.of(diff, Verdict.Direction.HIGHER, "%.4f").outcome())
        .isEqualTo(Verdict.Outcome.HOLDS);
    assertThat(Verdict.of(diff, Verdict.Direction.LOWER, "%.4f").outcome())
        .isEqualTo(Verdict.Outcome.DOES_NOT_HOLD);
    var swapped = CachingReport.paired(rows, "rare", "b", "a", "hit_rate");
    assertThat(Verdict.of(swapped, Verdict.Direction.HIGHER, "%.4f").outcome())
        .isEqualTo(Verdict.Outcome.DOES_NOT_HOLD);
  }

  @Test
  void oneReplicationGivesTheDirectionOnlyAndNoInterval() {
    List<CachingStudy.Row> rows = List.of(row(0, "a", 0.3), row(0, "b", 0.4));
    String verdict =
        Verdict.of(
                CachingReport.paired(rows, "rare", "a", "b", "hit_rate"),
                Verdict.Direction.HIGHER,
                "%.4f")
            .text();
    assertThat(verdict).startsWith("holds in direction (one seed, no interval");
    assertThat(verdict).doesNotContain("±").doesNotContain("NaN");
  }

  @Test
  void theStudyRunsWithThePpoLagrangianAgentAndASeedReproducesIt() throws Exception {
    CachingStudyConfig config = CachingStudyConfig.quick();
    List<CachingStudy.Row> first =
        new CachingStudy(config, "ppo-lagrangian").run(5, 1, (d, t, m) -> {}).get(0).rows();
    List<CachingStudy.Row> again =
        new CachingStudy(config, "ppo-lagrangian").run(5, 1, (d, t, m) -> {}).get(0).rows();
    assertThat(again).isEqualTo(first);
    // same seed, same streams: only the learned systems' rows change with the agent
    List<CachingStudy.Row> ddqn = new CachingStudy(config).run(5, 1, (d, t, m) -> {}).get(0).rows();
    assertThat(first.stream().filter(r -> !r.family().equals("rl")))
        .containsExactlyElementsOf(ddqn.stream().filter(r -> !r.family().equals("rl")).toList());
    // 6 learned systems (4 + the equal-budget arm's 2) on 2 regimes
    assertThat(first.stream().filter(r -> r.family().equals("rl")))
        .hasSize(12)
        .isNotEqualTo(ddqn.stream().filter(r -> r.family().equals("rl")).toList());
  }

  @Test
  void aSingleReplicationReportsValuesWithoutIntervalsOrSignificance() {
    List<CachingStudy.Row> rows = new java.util.ArrayList<>();
    double h = 0.30;
    for (String regime : List.of("common", "rare")) {
      for (String system : List.of("RL", "RL w/ DNT", "Reliable RL", "Reliable RL w/ DNT", "LRU")) {
        h += 0.01;
        rows.add(new CachingStudy.Row(0, 1, regime, system, "rl", h, 0, 0, 0, 1, 1, 1));
      }
    }
    String md =
        CachingReport.report(
            CachingReport.summarise(rows),
            rows,
            List.of("RL", "RL w/ DNT", "Reliable RL", "Reliable RL w/ DNT", "LRU"),
            1,
            CachingStudyConfig.quick());
    assertThat(md).contains("| RL | 0.3100 |").doesNotContain("±").doesNotContain("significant");
    assertThat(md)
        .contains(
            "- common: the twin raises the hit rate (RL -> RL w/ DNT): **holds in direction (one"
                + " seed, no interval: paired difference +0.0100)**; means 0.3100 -> 0.3200");
  }
}
