package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.caching.rl.SystemTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convergence criterion and the curve file, on curves written by hand. */
final class LearningCurvesTest {
  @TempDir Path dir;

  /**
   * One replication of one system: physical episodes with the given gains over an LRU at 0.3, and a
   * twin episode after each with a gain of 0.5 that the criterion must ignore.
   */
  private static CachingStudy.Result rep(String system, double... gains) {
    List<CachingStudy.CurvePoint> curve = new ArrayList<>();
    int e = 1;
    for (double g : gains) {
      curve.add(point(e++, false, 0.3 + g));
      curve.add(point(e++, true, 0.3 + 0.5));
    }
    return new CachingStudy.Result(
        List.of(), Map.of(), Map.of(), Map.of(), Map.of(system, curve), List.of());
  }

  private static CachingStudy.CurvePoint point(int episode, boolean twin, double hitRate) {
    return new CachingStudy.CurvePoint(
        CachingStudy.FIXED_ARM,
        new SystemTrainer.TrainingEpisode(episode, twin, hitRate, 2, 100, 0),
        0.3);
  }

  /** Ten physical episodes: gains 0 for the first eight, then the given last two. */
  private static double[] tail(double ninth, double tenth) {
    return new double[] {0, 0, 0, 0, 0, 0, 0, 0, ninth, tenth};
  }

  @Test
  void aCurveThatStillRisesByTheSameStepInEveryReplicationIsRising() {
    // k = 10% of 10 physical episodes = 1; last - previous = 0.01 in every replication: no spread,
    // a zero-width interval above zero
    List<CachingStudy.Result> reps =
        List.of(rep("A", tail(0.01, 0.02)), rep("A", tail(0.02, 0.03)), rep("A", tail(0.03, 0.04)));
    LearningCurves.Convergence c = LearningCurves.assess(reps).get(0);
    assertThat(c.physicalEpisodes()).isEqualTo(10);
    assertThat(c.window()).isEqualTo(1);
    // 1e-12: sums of three doubles near 0.01, exact to a few ulps
    assertThat(c.previous().mean()).isCloseTo(0.02, within(1e-12));
    assertThat(c.last().mean()).isCloseTo(0.03, within(1e-12));
    assertThat(c.difference().mean()).isCloseTo(0.01, within(1e-12));
    assertThat(c.verdict()).isEqualTo("rising");
  }

  @Test
  void aCurveWhoseLastStepIsNoiseAroundZeroHasFlattened() {
    // differences +0.01, -0.01, 0: mean 0, sample sd 0.01, half-width t(0.975, 2) 0.01 / sqrt 3
    // = 4.302653 x 0.005774 = 0.024841
    List<CachingStudy.Result> reps =
        List.of(
            rep("A", tail(0.02, 0.03)), rep("A", tail(0.03, 0.02)), rep("A", tail(0.025, 0.025)));
    LearningCurves.Convergence c = LearningCurves.assess(reps).get(0);
    assertThat(c.difference().mean()).isCloseTo(0, within(1e-12));
    // 1e-6: the t quantile above is given to seven digits
    assertThat(c.difference().halfWidth()).isCloseTo(0.024841, within(1e-6));
    assertThat(c.verdict()).isEqualTo("flattened");
  }

  @Test
  void theWindowIsTenPercentOfThePhysicalEpisodesAndOneReplicationGivesNoVerdict() {
    // 20 physical episodes: k = 2; gains 0.1 for the last two, 0.04 and 0.06 for the two before
    double[] g = new double[20];
    g[16] = 0.04;
    g[17] = 0.06;
    g[18] = 0.1;
    g[19] = 0.1;
    LearningCurves.Convergence c = LearningCurves.assess(List.of(rep("B", g))).get(0);
    assertThat(c.window()).isEqualTo(2);
    assertThat(c.previous().mean()).isCloseTo(0.05, within(1e-12));
    assertThat(c.last().mean()).isCloseTo(0.1, within(1e-12));
    assertThat(c.verdict()).isEqualTo("n/a");
    // one physical episode cannot be split into two windows
    assertThat(LearningCurves.assess(List.of(rep("C", 0.1), rep("C", 0.2)))).isEmpty();
  }

  @Test
  void theFileHasOneLinePerEpisodeWithItsDataAndLrusHitRate() throws Exception {
    Path f = dir.resolve("learning_curves.csv");
    LearningCurves.write(f, List.of(rep("A", 0.1)));
    assertThat(Files.readAllLines(f))
        .containsExactly(
            "replication,seed,system,arm,episode,data,hit_rate,lru_hit_rate,overload_events,"
                + "decisions,unsafe_proposals",
            "0,0,\"A\",fixed-physical,1,physical,0.400000,0.300000,2,100,0",
            "0,0,\"A\",fixed-physical,2,twin,0.800000,0.300000,2,100,0");
  }
}
