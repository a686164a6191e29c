package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.caching.network.Trace;
import dnt.caching.rl.AgentKind;
import dnt.experiments.report.ResultsRun;
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
    List<CachingStudy.Replication> reps = new CachingStudy(config).run(3, 2, (d, t, m) -> {});
    assertThat(reps).hasSize(2);
    List<CachingStudy.Row> rows = reps.get(0).rows();
    // 4 RL systems + 6 classic policies + 2 bounds, on 2 regimes
    assertThat(rows).hasSize(2 * (4 + CachingStudy.CLASSIC.size() + 2));
    assertThat(rows).allSatisfy(r -> assertThat(r.hitRate()).isBetween(0.0, 1.0));
    double belady =
        rows.stream()
            .filter(r -> r.system().startsWith("Belady") && r.regime().equals("common"))
            .findFirst()
            .orElseThrow()
            .hitRate();
    double lru =
        rows.stream()
            .filter(r -> r.system().equals("LRU") && r.regime().equals("common"))
            .findFirst()
            .orElseThrow()
            .hitRate();
    assertThat(belady).isGreaterThanOrEqualTo(lru);
    assertThat(reps.get(0).loadSeries()).containsKeys("RL", "Reliable RL w/ DNT", "LRU");

    ResultsRun run = ResultsRun.start(dir, "caching", 3, 2);
    CachingReport.write(run, reps, config);
    run.finish("test");
    for (String f :
        List.of(
            "metrics.csv",
            "summary.csv",
            "load_series.csv",
            "hit_series.csv",
            "fig4_hit_rate_interventions.png",
            "fig5_station_load.png",
            "report.md",
            "manifest.json")) {
      assertThat(run.file(f)).exists();
    }
    assertThat(Files.readString(run.file("report.md")))
        .contains("Reliable RL w/ DNT")
        .contains("the twin reduces the interventions");
    assertThat(Files.readAllLines(run.file("metrics.csv"))).hasSize(1 + 2 * rows.size());
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
    assertThat(CachingReport.compare(diff, 1)).startsWith("agrees (95% CI excludes 0");
    assertThat(CachingReport.compare(diff, -1)).startsWith("disagrees (95% CI excludes 0");
    var swapped = CachingReport.paired(rows, "rare", "b", "a", "hit_rate");
    assertThat(CachingReport.compare(swapped, 1)).startsWith("disagrees");
  }

  @Test
  void oneReplicationGivesTheDirectionOnlyAndNoInterval() {
    List<CachingStudy.Row> rows = List.of(row(0, "a", 0.3), row(0, "b", 0.4));
    String verdict =
        CachingReport.compare(CachingReport.paired(rows, "rare", "a", "b", "hit_rate"), 1);
    assertThat(verdict).startsWith("agrees in direction (one replication, no interval");
    assertThat(verdict).doesNotContain("±").doesNotContain("NaN");
  }

  @Test
  void theStudyRunsWithThePpoLagrangianAgentAndASeedReproducesIt() throws Exception {
    CachingStudyConfig config = CachingStudyConfig.quick();
    List<CachingStudy.Row> first =
        new CachingStudy(config, AgentKind.PPO_LAGRANGIAN).run(5, 1, (d, t, m) -> {}).get(0).rows();
    List<CachingStudy.Row> again =
        new CachingStudy(config, AgentKind.PPO_LAGRANGIAN).run(5, 1, (d, t, m) -> {}).get(0).rows();
    assertThat(again).isEqualTo(first);
    assertThat(first.stream().filter(r -> r.family().equals("rl")))
        .hasSize(8)
        .allSatisfy(r -> assertThat(r.hitRate()).isBetween(0.0, 1.0));
  }
}
