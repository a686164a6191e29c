package dnt.experiments.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import dnt.learn.deploy.DeploymentEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment experiment as one run, at a tiny size: its files and its config.yaml. */
final class DeploymentExperimentTest {
  @TempDir Path dir;

  private static final Map<String, Object> TINY =
      Map.ofEntries(
          Map.entry("seeds", 2),
          Map.entry("stations", 3),
          Map.entry("usersPerStation", 5),
          Map.entry("horizon", 3),
          Map.entry("ppoUpdates", 2),
          Map.entry("ppoEpisodes", 2),
          Map.entry("ppoHidden", 8),
          Map.entry("randomEpisodes", 2),
          Map.entry("smallHorizon", 2),
          Map.entry("bandwidthLevels", List.of(1.0)),
          Map.entry("powerLevels", List.of(0.0, 1.0)),
          Map.entry("scale", List.of(3, 4)));

  private void run(DeploymentConfig config, String root) {
    try (ResultsRun run =
        ResultsRun.start(dir.resolve(root), "deployment", config.seed(), config.seeds())) {
      new DeploymentExperiment(config, (d, t, m) -> {}).run(run);
      run.finish("test");
    }
  }

  private Path only(String root) throws Exception {
    try (var s = Files.list(dir.resolve(root).resolve("deployment"))) {
      return s.findFirst().orElseThrow();
    }
  }

  @Test
  void aTinyRunWritesItsFilesAndReloadsToTheSameMetrics() throws Exception {
    DeploymentConfig config = DeploymentConfig.resolve(Optional.empty(), false, TINY);
    run(config, "a");
    Path a = only("a");
    for (String f :
        List.of(
            "metrics.csv",
            "learning_curve.csv",
            "timing.csv",
            "traffic.csv",
            "utility_by_policy.png",
            "learning_curve.png",
            "scaling.png",
            "report.md",
            "config.yaml",
            "manifest.json")) {
      assertThat(a.resolve(f)).isNotEmptyFile();
    }
    // per seed: main 5 policies, small 6 (with the exhaustive search), scale 3 (main's rows
    // again) and 4 (5 each); 2 seeds and the header
    List<String> metrics = Files.readAllLines(a.resolve("metrics.csv"));
    assertThat(metrics).hasSize(1 + 2 * (5 + 6 + 5 + 5));
    assertThat(metrics.get(0)).startsWith("seed,instance,stations,policy,mean_utility");
    // learning curves: main, small and scale 4 (scale 3 is main), 2 updates each
    assertThat(Files.readAllLines(a.resolve("learning_curve.csv"))).hasSize(1 + 2 * 3 * 2);
    // every utility is a utility
    for (String line : metrics.subList(1, metrics.size())) {
      double u = Double.parseDouble(line.split(",")[4]);
      assertThat(u).isBetween(0.0, 1.0);
    }
    // the exhaustive optimum is at least every baseline whose actions lie in its set
    // (all-vertical and all-horizontal: weight 1, power 1) on the small instance
    for (String seed : List.of("42", "43")) {
      double opt = utility(metrics, seed, "small", "exhaustive");
      assertThat(opt).isGreaterThanOrEqualTo(utility(metrics, seed, "small", "all-vertical"));
      assertThat(opt).isGreaterThanOrEqualTo(utility(metrics, seed, "small", "all-horizontal"));
    }
    // traffic: one row per seed and instance (main, small, scale 3, scale 4); per decision the
    // centralised agent collects 10 features of 4 bytes per station, split learning sends 8
    // hidden floats per directed link and per station
    List<String> traffic = Files.readAllLines(a.resolve("traffic.csv"));
    assertThat(traffic).hasSize(1 + 2 * 4);
    assertThat(traffic.get(0))
        .startsWith(
            "seed,instance,stations,links,states_per_update,epochs,"
                + "centralized_bytes_per_decision,split_bytes_per_decision");
    for (String line : traffic.subList(1, traffic.size())) {
      String[] f = line.split(",");
      int stations = Integer.parseInt(f[2]);
      int links = Integer.parseInt(f[3]);
      assertThat(links).isBetween(1, stations * (stations - 1));
      assertThat(Long.parseLong(f[6])).isEqualTo(stations * 10L * 4);
      assertThat(Long.parseLong(f[7])).isEqualTo((links + stations) * 8L * 4);
    }
    assertThat(Files.readString(a.resolve("report.md")))
        .contains("Verdicts", "exhaustive optimum", "Scaling", "Split learning");
    DeploymentConfig reloaded =
        DeploymentConfig.resolve(Optional.of(a.resolve("config.yaml")), false, Map.of());
    assertThat(reloaded).isEqualTo(config);
    run(reloaded, "b");
    assertThat(Files.readString(only("b").resolve("metrics.csv")))
        .isEqualTo(Files.readString(a.resolve("metrics.csv")));
    assertThat(Files.readString(only("b").resolve("learning_curve.csv")))
        .isEqualTo(Files.readString(a.resolve("learning_curve.csv")));
    assertThat(Files.readString(only("b").resolve("traffic.csv")))
        .isEqualTo(Files.readString(a.resolve("traffic.csv")));
  }

  @Test
  void aPerStationRunOnTheSparseEncoderReproducesFromItsConfig() throws Exception {
    Map<String, Object> given = new java.util.HashMap<>(TINY);
    given.put("ppoUnit", "station");
    given.put("sparseEncoder", true);
    DeploymentConfig config = DeploymentConfig.resolve(Optional.empty(), false, given);
    assertThat(config.ppoUnit()).isEqualTo("station");
    run(config, "s");
    Path a = only("s");
    DeploymentConfig reloaded =
        DeploymentConfig.resolve(Optional.of(a.resolve("config.yaml")), false, Map.of());
    assertThat(reloaded).isEqualTo(config);
    run(reloaded, "t");
    assertThat(Files.readString(only("t").resolve("metrics.csv")))
        .isEqualTo(Files.readString(a.resolve("metrics.csv")));
    // and differs from the joint agent's run (another agent trained)
    run(DeploymentConfig.resolve(Optional.empty(), false, TINY), "j");
    assertThat(Files.readString(only("j").resolve("metrics.csv")))
        .isNotEqualTo(Files.readString(a.resolve("metrics.csv")));
  }

  /**
   * Per-station PPO on the sparse encoder gives the same rows, bit for bit, whether the seeds run
   * one after the other on the calling thread or in parallel on worker threads. They did not before
   * {@code TorchThreads}: a worker thread's small matrix products ran on MKL's default thread
   * count, not the process's one (the committed 10-station sweep's PPO rows changed with {@code
   * threads}). On a one-core machine MKL's default is one thread and this cannot fail.
   */
  @Test
  void aPerStationRunGivesTheSameRowsOnOneThreadAndOnTwo() throws Exception {
    Map<String, Object> given = new java.util.HashMap<>();
    // the committed sweep's 10-station instance, with fewer updates and a tiny small instance
    given.put("stations", 10);
    given.put("ppoUpdates", 4);
    given.put("ppoDecisionsPerUpdate", 9600);
    given.put("ppoUnit", "station");
    given.put("sparseEncoder", true);
    given.put("randomEpisodes", 1);
    given.put("smallHorizon", 1);
    given.put("bandwidthLevels", List.of(1.0));
    given.put("powerLevels", List.of(1.0));
    given.put("scale", List.of(10));
    DeploymentStudy study =
        new DeploymentStudy(DeploymentConfig.resolve(Optional.empty(), false, given));
    List<DeploymentStudy.Result> one = Replications.run(study, 42, 2, 1, Progress.NONE);
    List<DeploymentStudy.Result> two = Replications.run(study, 42, 2, 2, Progress.NONE);
    for (int i = 0; i < 2; i++) {
      // the learning curves and every period's utility of every row, as exact doubles
      assertThat(two.get(i).curve()).isEqualTo(one.get(i).curve());
      assertThat(utilities(two.get(i))).isEqualTo(utilities(one.get(i)));
    }
  }

  private static List<String> utilities(DeploymentStudy.Result r) {
    return r.rows().stream()
        .map(
            row ->
                row.instance()
                    + row.stations()
                    + row.policy()
                    + java.util.Arrays.toString(row.result().utilities())
                    + java.util.Arrays.toString(row.result().meanLevels()))
        .toList();
  }

  @Test
  void decisionsPerUpdateCutTheEpisodesOfLargeInstancesOnly() {
    DeploymentConfig off = DeploymentConfig.defaults();
    assertThat(new DeploymentStudy(off).episodesPerUpdate(1000, 12)).isEqualTo(8);
    DeploymentConfig on =
        DeploymentConfig.resolve(Optional.empty(), false, Map.of("ppoDecisionsPerUpdate", 9600));
    DeploymentStudy study = new DeploymentStudy(on);
    // ceil(9600 / (n x 12)) episodes, at least 1, at most ppoEpisodes = 8
    assertThat(study.episodesPerUpdate(10, 12)).isEqualTo(8); // 80, capped
    assertThat(study.episodesPerUpdate(100, 12)).isEqualTo(8); // exactly 8
    assertThat(study.episodesPerUpdate(200, 12)).isEqualTo(4);
    assertThat(study.episodesPerUpdate(300, 12)).isEqualTo(3); // 2.67 rounded up
    assertThat(study.episodesPerUpdate(1000, 12)).isEqualTo(1); // 0.8 rounded up
    assertThat(study.episodesPerUpdate(5000, 12)).isEqualTo(1); // at least one
    assertThatThrownBy(
            () ->
                DeploymentConfig.resolve(
                    Optional.empty(), false, Map.of("ppoDecisionsPerUpdate", -1)))
        .hasMessageContaining("ppoDecisionsPerUpdate");
  }

  @Test
  void refusesAnUnknownDecisionUnit() {
    Map<String, Object> given = new java.util.HashMap<>(TINY);
    given.put("ppoUnit", "team");
    assertThatThrownBy(() -> DeploymentConfig.resolve(Optional.empty(), false, given))
        .hasMessageContaining("ppoUnit must be joint or station");
  }

  private static double utility(List<String> metrics, String seed, String instance, String p) {
    for (String line : metrics) {
      String[] f = line.split(",");
      if (f[0].equals(seed) && f[1].equals(instance) && f[3].equals(p)) {
        return Double.parseDouble(f[4]);
      }
    }
    throw new AssertionError("no row " + seed + " " + instance + " " + p);
  }

  @Test
  void badSettingsAreRefusedWithTheKey() {
    assertThatThrownBy(
            () ->
                DeploymentConfig.resolve(
                    Optional.empty(), false, Map.of("powerLevels", List.of(1.5))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("powerLevels");
    assertThatThrownBy(
            () -> DeploymentConfig.resolve(Optional.empty(), true, Map.of("stations", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stations");
    assertThatThrownBy(
            () -> DeploymentConfig.resolve(Optional.empty(), true, Map.of("stationsPerHost", -1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stationsPerHost");
  }

  @Test
  void hostsPerAreaKeepTheDistanceToAHostAsTheCityGrows() {
    DeploymentStudy grid =
        new DeploymentStudy(
            DeploymentConfig.resolve(
                Optional.empty(), false, Map.of("stationsPerHost", 10, "usersPerStation", 1)));
    DeploymentStudy one =
        new DeploymentStudy(
            DeploymentConfig.resolve(Optional.empty(), false, Map.of("usersPerStation", 1)));
    assertThat(DeploymentConfig.defaults().stationsPerHost()).isZero();
    int[] sizes = {10, 100, 1000};
    // the hosts' cells: 500 m x sqrt(n) / round(sqrt(n / 10)) = 1,581, 1,667 and 1,581 m
    double[] cell = {500 * Math.sqrt(10), 500 * Math.sqrt(100) / 3, 500 * Math.sqrt(1000) / 10};
    for (int i = 0; i < sizes.length; i++) {
      int n = sizes[i];
      DeploymentEnv g = grid.env(grid.city(n, 42), n, 12);
      DeploymentEnv o = one.env(one.city(n, 42), n, 12);
      assertThat(g.hosts()).hasSize(n == 10 ? 1 : n == 100 ? 9 : 100);
      assertThat(o.hosts()).hasSize(1);
      // a uniform point's mean distance to the centre of its square is 0.3826 x the side (the
      // closed form (sqrt 2 + asinh 1) / 6): 605 m, 638 m and 605 m; the seeded cities' sample
      // means (10 to 1,000 stations at random) within 20% of it
      double expected = (Math.sqrt(2) + Math.log(1 + Math.sqrt(2))) / 6 * cell[i];
      assertThat(meanDistance(g)).isCloseTo(expected, within(0.2 * expected));
      // one host at the centre: the same closed form over the whole city, 0.3826 x 500 sqrt(n)
      double whole = (Math.sqrt(2) + Math.log(1 + Math.sqrt(2))) / 6 * 500 * Math.sqrt(n);
      assertThat(meanDistance(o)).isCloseTo(whole, within(0.2 * whole));
    }
  }

  private static double meanDistance(DeploymentEnv env) {
    double sum = 0;
    for (int b = 0; b < env.stations(); b++) {
      sum += env.distanceM(b);
    }
    return sum / env.stations();
  }
}
