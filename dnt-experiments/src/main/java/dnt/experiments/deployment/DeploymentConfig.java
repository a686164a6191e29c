package dnt.experiments.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.experiments.settings.SettingsYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the deployment study, as written to a run's {@code config.yaml}; the defaults are
 * the commented resource {@code defaults.yaml} beside this class.
 *
 * @param seed the base seed; replication i uses {@code seed + i}
 * @param seeds the number of replications, at least 1
 * @param stations stations of the main instance
 * @param usersPerStation users per station (placed uniformly at random)
 * @param stationSpacingM the city's side is this times the square root of the stations, metres
 * @param stationsPerHost 0: one twin host at the city's centre (its distance to the stations grows
 *     with the city); positive: a square grid of hosts, {@code round(sqrt(n / this))} per side (at
 *     least 1), each station sending to the nearest, so that a host serves about this many stations
 *     and the distance to it stays about the same at every size ({@link
 *     dnt.learn.deploy.DeploymentEnv#hostsPerSide})
 * @param meanDemandMbps mean user demand, Mbit/s
 * @param horizon periods of an episode
 * @param bandPerStationHz the uplink band for synchronisation is this times the number of stations,
 *     Hz (so that larger instances are not harder only for having less band each)
 * @param neighbours graph edges per station (nearest stations)
 * @param distanceScaleM distance scale of the edge weights, metres
 * @param ppoUpdates PPO updates
 * @param ppoEpisodes episodes per PPO update
 * @param ppoHidden width of the GCN layers
 * @param ppoLearningRate Adam's step size
 * @param ppoDecisionsPerUpdate when positive, the episodes per update on an instance of {@code n}
 *     stations are cut to {@code ceil(this / (n horizon))} (at least 1, at most {@code
 *     ppoEpisodes}), so that an update holds about this many station decisions whatever the size; 0
 *     keeps {@code ppoEpisodes} at every size
 * @param ppoEpochs optimiser steps on each update's batch
 * @param ppoEntropy weight of PPO's entropy bonus
 * @param ppoUnit what PPO treats as one decision: "joint" (a state's joint action, the original
 *     agent) or "station" (each station's action, credited by its reward share)
 * @param sparseEncoder propagate over the twin graph sparsely (cost linear in the edges) instead of
 *     with the dense {@code n x n} adjacency
 * @param randomEpisodes episodes the random baseline is averaged over
 * @param smallStations stations of the small instance (exhaustive search)
 * @param smallHorizon periods of the small instance
 * @param bandwidthLevels the exhaustive search's bandwidth weights
 * @param powerLevels the exhaustive search's power levels
 * @param scale station counts of the scaling runs
 * @param threads replications run in parallel
 */
public record DeploymentConfig(
    long seed,
    int seeds,
    int stations,
    int usersPerStation,
    double stationSpacingM,
    int stationsPerHost,
    double meanDemandMbps,
    int horizon,
    double bandPerStationHz,
    int neighbours,
    double distanceScaleM,
    int ppoUpdates,
    int ppoEpisodes,
    int ppoHidden,
    double ppoLearningRate,
    int ppoDecisionsPerUpdate,
    int ppoEpochs,
    double ppoEntropy,
    String ppoUnit,
    boolean sparseEncoder,
    int randomEpisodes,
    int smallStations,
    int smallHorizon,
    List<Double> bandwidthLevels,
    List<Double> powerLevels,
    List<Integer> scale,
    int threads) {
  /** The experiment's name in {@code config.yaml} and the results folder. */
  public static final String EXPERIMENT = "deployment";

  /** Checks the values. */
  public DeploymentConfig {
    bandwidthLevels = List.copyOf(bandwidthLevels);
    powerLevels = List.copyOf(powerLevels);
    scale = List.copyOf(scale);
    if (seeds < 1
        || stations < 1
        || usersPerStation < 1
        || horizon < 1
        || neighbours < 1
        || ppoUpdates < 1
        || ppoEpisodes < 1
        || ppoHidden < 1
        || ppoEpochs < 1
        || randomEpisodes < 1
        || smallStations < 1
        || smallHorizon < 1
        || threads < 1) {
      throw new IllegalArgumentException(
          "seeds, stations, usersPerStation, horizon, neighbours, ppoUpdates, ppoEpisodes,"
              + " ppoHidden, ppoEpochs, randomEpisodes, smallStations, smallHorizon and threads must be at"
              + " least 1");
    }
    positive("stationSpacingM", stationSpacingM);
    positive("bandPerStationHz", bandPerStationHz);
    positive("distanceScaleM", distanceScaleM);
    positive("ppoLearningRate", ppoLearningRate);
    if (stationsPerHost < 0) {
      throw new IllegalArgumentException(
          "stationsPerHost must be >= 0 (0: one host at the centre), got " + stationsPerHost);
    }
    if (ppoDecisionsPerUpdate < 0) {
      throw new IllegalArgumentException(
          "ppoDecisionsPerUpdate must be >= 0 (0: off), got " + ppoDecisionsPerUpdate);
    }
    if (!(ppoEntropy >= 0) || Double.isInfinite(ppoEntropy)) {
      throw new IllegalArgumentException("ppoEntropy must be >= 0, got " + ppoEntropy);
    }
    if (!ppoUnit.equals("joint") && !ppoUnit.equals("station")) {
      throw new IllegalArgumentException("ppoUnit must be joint or station, got " + ppoUnit);
    }
    if (!(meanDemandMbps >= 0) || Double.isInfinite(meanDemandMbps)) {
      throw new IllegalArgumentException("meanDemandMbps must be >= 0, got " + meanDemandMbps);
    }
    if (bandwidthLevels.isEmpty() || powerLevels.isEmpty()) {
      throw new IllegalArgumentException("bandwidthLevels and powerLevels need a value each");
    }
    for (double v : bandwidthLevels) {
      unit("bandwidthLevels", v);
    }
    for (double v : powerLevels) {
      unit("powerLevels", v);
    }
    for (int n : scale) {
      if (n < 1) {
        throw new IllegalArgumentException("scale must list station counts >= 1, got " + n);
      }
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
  }

  private static void unit(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
    }
  }

  private static final DeploymentConfig RESOURCE_DEFAULTS =
      SettingsYaml.readResource(DeploymentConfig.class, "defaults.yaml", DeploymentConfig.class);

  /**
   * The defaults ({@code defaults.yaml}).
   *
   * @return the defaults
   */
  public static DeploymentConfig defaults() {
    return RESOURCE_DEFAULTS;
  }

  /**
   * The quick preset ({@code --quick}, {@code presets/quick.yaml} over the defaults).
   *
   * @return the preset
   */
  public static DeploymentConfig quick() {
    return SettingsYaml.withPreset(
        defaults(), DeploymentConfig.class, "presets/quick.yaml", DeploymentConfig.class);
  }

  /**
   * The settings of a run: the defaults (or the quick preset), then the file, then the keys given
   * on the command line.
   *
   * @param file a settings file
   * @param quick start from {@link #quick}
   * @param given dotted keys from the command line
   * @return the settings
   */
  public static DeploymentConfig resolve(
      Optional<Path> file, boolean quick, Map<String, Object> given) {
    return SettingsYaml.resolve(
        quick ? quick() : defaults(), file, given, EXPERIMENT, DeploymentConfig.class);
  }

  /**
   * These settings as the tree of {@code config.yaml}.
   *
   * @return the tree
   */
  public ObjectNode tree() {
    return SettingsYaml.treeOf(EXPERIMENT, this);
  }

  /**
   * The comment lines above {@code config.yaml}.
   *
   * @return the lines
   */
  public static List<String> comments() {
    return SettingsYaml.comments(EXPERIMENT);
  }
}
