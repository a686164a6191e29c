package dnt.experiments.deployment;

import dnt.core.geo.GeoBounds;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.SyntheticCity;
import dnt.experiments.harness.Replication;
import dnt.experiments.harness.Study;
import dnt.learn.deploy.DeploymentEnv;
import dnt.learn.deploy.DeploymentPolicies;
import dnt.learn.deploy.DeploymentPolicy;
import dnt.learn.deploy.DeploymentSettings;
import dnt.learn.deploy.EpisodeResult;
import dnt.learn.deploy.Episodes;
import dnt.learn.deploy.ExhaustivePolicy;
import dnt.learn.deploy.TwinGraph;
import dnt.learn.deploy.agent.DeploymentProblem;
import dnt.learn.deploy.agent.HybridPpo;
import dnt.learn.deploy.agent.PpoConfig;
import dnt.learn.deploy.agent.PpoPolicy;
import dnt.learn.deploy.agent.PpoUnit;
import dnt.learn.deploy.agent.SplitLearning;
import dnt.learn.deploy.agent.SplitTraffic;
import java.util.ArrayList;
import java.util.List;

/**
 * One replication of the deployment study: on a synthetic city of the replication's seed, PPO
 * (trained from that seed) and the baselines on the main instance, the same plus the exhaustive
 * optimum on a small instance, and PPO and the baselines at each station count of the scaling
 * sweep. No I/O.
 */
final class DeploymentStudy implements Study<DeploymentStudy.Result> {
  static final String MAIN = "main";
  static final String SMALL = "small";
  static final String SCALE = "scale";
  static final String PPO = "ppo";
  static final String EXHAUSTIVE = "exhaustive";
  static final List<String> BASELINES = DeploymentPolicies.REGISTRY.names();

  /**
   * One policy's episode on one instance.
   *
   * @param seed the replication's seed
   * @param instance main, small or scale
   * @param stations the instance's stations
   * @param policy the policy
   * @param result what it achieved
   */
  record Row(long seed, String instance, int stations, String policy, EpisodeResult result) {}

  /**
   * One point of PPO's learning curve.
   *
   * @param seed the seed
   * @param instance the instance
   * @param stations its stations
   * @param update the update, from 1
   * @param reward the mean reward per period of the update's episodes
   */
  record CurvePoint(long seed, String instance, int stations, int update, double reward) {}

  /**
   * PPO's training time (measured, not deterministic).
   *
   * @param seed the seed
   * @param instance the instance
   * @param stations its stations
   * @param trainSeconds wall time of training
   */
  record Timing(long seed, String instance, int stations, double trainSeconds) {}

  /**
   * What the agent of an instance sends over the network, split (Sec. III-B3, {@link
   * SplitLearning}) and centralised: counted from the instance's graph and the agent's widths,
   * deterministic.
   *
   * @param seed the seed
   * @param instance the instance
   * @param stations its stations
   * @param links directed links of its twin graph
   * @param statesPerUpdate states in a PPO update's batch (episodes x horizon)
   * @param epochs optimiser steps per update
   * @param centralizedPerDecision bytes the centralised agent collects per decision (raw states)
   * @param splitPerDecision bytes split learning sends per decision
   * @param splitPerUpdate bytes split learning's optimisation sends per PPO update (the centralised
   *     agent's sends none: the server holds the states)
   */
  record Traffic(
      long seed,
      String instance,
      int stations,
      int links,
      int statesPerUpdate,
      int epochs,
      long centralizedPerDecision,
      SplitTraffic splitPerDecision,
      SplitTraffic splitPerUpdate) {
    /** Bytes of a whole PPO update, its decisions included, centralised. */
    long centralizedPerUpdateCycle() {
      return centralizedPerDecision * statesPerUpdate;
    }

    /** Bytes of a whole PPO update, its decisions included, split. */
    long splitPerUpdateCycle() {
      return splitPerDecision.total() * statesPerUpdate + splitPerUpdate.total();
    }
  }

  /**
   * A replication's results.
   *
   * @param rows the episodes
   * @param curve the learning curves
   * @param timing the training times
   * @param traffic the agents' traffic per instance
   */
  record Result(
      List<Row> rows, List<CurvePoint> curve, List<Timing> timing, List<Traffic> traffic) {}

  private final DeploymentConfig config;

  DeploymentStudy(DeploymentConfig config) {
    this.config = config;
  }

  @Override
  public Result replicate(Replication replication) {
    long seed = replication.seed();
    List<Row> rows = new ArrayList<>();
    List<CurvePoint> curve = new ArrayList<>();
    List<Timing> timing = new ArrayList<>();
    List<Traffic> traffic = new ArrayList<>();
    List<Row> main =
        instance(MAIN, config.stations(), config.horizon(), seed, false, curve, timing, traffic);
    rows.addAll(main);
    rows.addAll(
        instance(
            SMALL,
            config.smallStations(),
            config.smallHorizon(),
            seed,
            true,
            curve,
            timing,
            traffic));
    for (int n : config.scale()) {
      if (n == config.stations()) {
        for (Row r : main) {
          rows.add(new Row(r.seed(), SCALE, n, r.policy(), r.result()));
        }
        timing.stream()
            .filter(t -> t.instance().equals(MAIN))
            .toList()
            .forEach(t -> timing.add(new Timing(t.seed(), SCALE, n, t.trainSeconds())));
        traffic.stream()
            .filter(t -> t.instance().equals(MAIN))
            .toList()
            .forEach(
                t ->
                    traffic.add(
                        new Traffic(
                            t.seed(),
                            SCALE,
                            n,
                            t.links(),
                            t.statesPerUpdate(),
                            t.epochs(),
                            t.centralizedPerDecision(),
                            t.splitPerDecision(),
                            t.splitPerUpdate())));
      } else {
        rows.addAll(instance(SCALE, n, config.horizon(), seed, false, curve, timing, traffic));
      }
    }
    return new Result(rows, curve, timing, traffic);
  }

  /** The synthetic city of a seed. */
  NetworkTwin city(int stations, long seed) {
    double side = config.stationSpacingM() * Math.sqrt(stations);
    return new SyntheticCity(
            stations,
            stations * config.usersPerStation(),
            StationProfile.smallCell(),
            config.meanDemandMbps(),
            1.5,
            seed)
        .build(TwinConfig.defaults(new GeoBounds(0, 0, side, side)), Progress.NONE);
  }

  /** The environment's parameters: the defaults with the study's horizon and band. */
  DeploymentSettings settings(int stations, int horizon) {
    return DeploymentSettings.defaults()
        .withHorizon(horizon)
        .withUplinkBandwidthHz(stations * config.bandPerStationHz());
  }

  /**
   * The environment of an instance: one host at the city's centre, or a grid of hosts that keeps
   * about {@link DeploymentConfig#stationsPerHost} stations per host when that is set.
   */
  DeploymentEnv env(NetworkTwin twin, int stations, int horizon) {
    DeploymentSettings s = settings(stations, horizon);
    return config.stationsPerHost() == 0
        ? DeploymentEnv.of(twin, s)
        : DeploymentEnv.ofHostGrid(
            twin, s, DeploymentEnv.hostsPerSide(stations, config.stationsPerHost()));
  }

  /**
   * PPO's settings on an instance: the configured ones, with the episodes per update cut to keep
   * about {@link DeploymentConfig#ppoDecisionsPerUpdate} station decisions per update when that is
   * set (at least one episode, at most {@link DeploymentConfig#ppoEpisodes}).
   */
  PpoConfig ppoConfig(int stations, int horizon) {
    PpoConfig d = PpoConfig.defaults();
    return new PpoConfig(
        config.ppoHidden(),
        config.ppoUpdates(),
        episodesPerUpdate(stations, horizon),
        config.ppoEpochs(),
        config.ppoLearningRate(),
        d.clip(),
        d.gamma(),
        d.lambda(),
        d.valueCoef(),
        config.ppoEntropy(),
        d.initLogStd(),
        d.maxGradNorm(),
        config.ppoUnit().equals("station") ? PpoUnit.STATION : PpoUnit.JOINT,
        config.sparseEncoder());
  }

  /** The episodes per PPO update on an instance ({@link #ppoConfig}). */
  int episodesPerUpdate(int stations, int horizon) {
    if (config.ppoDecisionsPerUpdate() == 0) {
      return config.ppoEpisodes();
    }
    long perEpisode = (long) stations * horizon;
    long wanted = (config.ppoDecisionsPerUpdate() + perEpisode - 1) / perEpisode;
    return (int) Math.max(1, Math.min(config.ppoEpisodes(), wanted));
  }

  private List<Row> instance(
      String name,
      int stations,
      int horizon,
      long seed,
      boolean exhaustive,
      List<CurvePoint> curve,
      List<Timing> timing,
      List<Traffic> traffic) {
    NetworkTwin twin = city(stations, seed);
    DeploymentEnv env = env(twin, stations, horizon);
    TwinGraph graph = TwinGraph.of(twin, env, config.neighbours(), config.distanceScaleM());
    DeploymentProblem problem = new DeploymentProblem(env, graph);
    int code = name.hashCode();
    HybridPpo ppo =
        new HybridPpo(
            ppoConfig(stations, horizon),
            TwinGraph.FEATURES,
            2,
            Seeds.generator(Seeds.derive(seed, 1, code, stations)));
    PpoConfig pc = ppoConfig(stations, horizon);
    int links = new SplitLearning(ppo, graph.adjacency()).links();
    int states = pc.episodesPerUpdate() * horizon;
    traffic.add(
        new Traffic(
            seed,
            name,
            stations,
            links,
            states,
            pc.epochs(),
            SplitTraffic.centralizedPerDecision(stations, TwinGraph.FEATURES),
            SplitTraffic.perDecision(stations, links, pc.hidden()),
            SplitTraffic.perUpdate(
                stations, links, pc.hidden(), TwinGraph.FEATURES, states, pc.epochs())));
    long t0 = System.nanoTime();
    double[] learning =
        ppo.train(problem, Seeds.generator(Seeds.derive(seed, 2, code, stations)), u -> {});
    timing.add(new Timing(seed, name, stations, (System.nanoTime() - t0) / 1e9));
    for (int u = 0; u < learning.length; u++) {
      curve.add(new CurvePoint(seed, name, stations, u + 1, learning[u]));
    }
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(seed, name, stations, PPO, Episodes.run(env, new PpoPolicy(ppo, problem))));
    if (exhaustive) {
      DeploymentPolicy search =
          new ExhaustivePolicy(
              config.bandwidthLevels().stream().mapToDouble(Double::doubleValue).toArray(),
              config.powerLevels().stream().mapToDouble(Double::doubleValue).toArray());
      rows.add(new Row(seed, name, stations, EXHAUSTIVE, Episodes.run(env, search)));
    }
    for (String b : BASELINES) {
      if (b.equals("random")) {
        continue;
      }
      DeploymentPolicy policy = DeploymentPolicies.REGISTRY.factory(b).apply(Seeds.generator(seed));
      rows.add(new Row(seed, name, stations, b, Episodes.run(env, policy)));
    }
    List<EpisodeResult> random = new ArrayList<>();
    for (int e = 0; e < config.randomEpisodes(); e++) {
      random.add(
          Episodes.run(
              env,
              DeploymentPolicies.REGISTRY
                  .factory("random")
                  .apply(Seeds.generator(Seeds.derive(seed, 3, code, stations, e)))));
    }
    rows.add(new Row(seed, name, stations, "random", average(random)));
    return rows;
  }

  /** The mean of several episodes, period by period. */
  static EpisodeResult average(List<EpisodeResult> episodes) {
    int h = episodes.get(0).utilities().length;
    int k = episodes.get(0).meanLevels().length;
    double[] u = new double[h];
    double[] levels = new double[k];
    double weighted = 0;
    double vertical = 0;
    double arrived = 0;
    int n = episodes.size();
    for (EpisodeResult e : episodes) {
      for (int t = 0; t < h; t++) {
        u[t] += e.utilities()[t] / n;
      }
      for (int i = 0; i < k; i++) {
        levels[i] += e.meanLevels()[i] / n;
      }
      weighted += e.meanWeightedSum() / n;
      vertical += e.verticalShare() / n;
      arrived += e.arrivedShare() / n;
    }
    return new EpisodeResult(u, weighted, levels, vertical, arrived);
  }
}
