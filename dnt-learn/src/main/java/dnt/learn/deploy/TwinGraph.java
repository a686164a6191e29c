package dnt.learn.deploy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationRelation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the deployment problem as a graph (paper Sec. III-B2: "a GNN framework ... to
 * represent the network dynamics"): the environment's stations are the nodes, each with the
 * features of {@link #features}, and the twin's inter-twin relations (paper Sec. II: distance,
 * coverage overlap, traffic similarity) give the edges. Each station is linked to its {@code k}
 * nearest stations ({@link NetworkTwin#neighbours}); the weight of a link is the mean of {@code
 * exp(-distance / scale)}, the coverage overlap and the traffic similarity (0 where the twin cannot
 * say, a station without users), and the graph is made symmetric by keeping the larger weight of
 * the two directions. The weights are raw: the encoder normalises them.
 */
public final class TwinGraph {
  /** Features per node. */
  public static final int FEATURES = 10;

  private final DeploymentEnv env;
  private final double[][] adjacency;
  private final double[] verticalLoad;
  private final double[] horizontalLoad;
  private final double[] linkDb;

  /**
   * Builds the graph of an environment's stations.
   *
   * @param twin the twin the environment was built on
   * @param env the environment
   * @param k neighbours per station, at least 1
   * @param distanceScaleM the distance at which the distance term of a weight falls to 1/e, metres
   * @return the graph
   */
  public static TwinGraph of(NetworkTwin twin, DeploymentEnv env, int k, double distanceScaleM) {
    if (k < 1 || !(distanceScaleM > 0)) {
      throw new InvalidInputException(
          "the twin graph needs k >= 1 and a positive distance scale, got "
              + k
              + " and "
              + distanceScaleM);
    }
    List<BaseStationId> ids = env.stationIds();
    int n = ids.size();
    Map<BaseStationId, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(ids.get(i), i);
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (BaseStationId other : twin.neighbours(ids.get(i), k)) {
        Integer j = index.get(other);
        if (j == null || j == i) {
          continue;
        }
        StationRelation r = twin.relation(ids.get(i), other);
        double similarity = Double.isNaN(r.trafficSimilarity()) ? 0 : r.trafficSimilarity();
        double w =
            (Math.exp(-r.distanceM() / distanceScaleM) + r.coverageOverlap() + similarity) / 3;
        a[i][j] = Math.max(a[i][j], w);
        a[j][i] = a[i][j];
      }
    }
    return new TwinGraph(env, a);
  }

  /**
   * A graph with given edge weights.
   *
   * @param env the environment
   * @param adjacency symmetric non-negative weights, zero diagonal, one row per station
   */
  public TwinGraph(DeploymentEnv env, double[][] adjacency) {
    int n = env.stations();
    if (adjacency.length != n) {
      throw new InvalidInputException(
          "the adjacency needs one row per station, " + n + ", got " + adjacency.length);
    }
    this.env = env;
    this.adjacency = new double[n][];
    for (int i = 0; i < n; i++) {
      this.adjacency[i] = adjacency[i].clone();
    }
    DeploymentSettings s = env.settings();
    double share = 1.0 / n;
    double full = env.powerDbm(1.0);
    verticalLoad = new double[n];
    horizontalLoad = new double[n];
    linkDb = new double[n];
    for (int b = 0; b < n; b++) {
      double r = env.rateBps(b, share, full);
      linkDb[b] = 10 * Math.log10(env.sinr(b, share, full));
      verticalLoad[b] = load(env.payloadBytes(b, Mapping.VERTICAL) * 8 / r / s.deadlineS());
      horizontalLoad[b] =
          load(env.payloadBytes(b, Mapping.HORIZONTAL) * 8 / r / (s.deadlineS() - s.computeS()));
    }
  }

  /** log10 of a transfer's time over its window, clipped to [-3, 3] and scaled to [-1, 1]. */
  private static double load(double ratio) {
    double l = ratio > 0 ? Math.log10(ratio) : -3;
    return Math.max(-3, Math.min(3, l)) / 3;
  }

  /**
   * The edge weights.
   *
   * @return a copy, one row per station
   */
  public double[][] adjacency() {
    double[][] out = new double[adjacency.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = adjacency[i].clone();
    }
    return out;
  }

  /**
   * The node features of a state, row by row ({@link #FEATURES} per station): forecast error, SINR
   * error / 10 dB, age / 1 h, periods since the last transfer / 10 (at most 1), the SINR at full
   * power over an equal share / 30 dB (clipped to [-2, 2]), the vertical and horizontal payloads'
   * transfer time at that rate over their window (log10, clipped to +-3, scaled to [-1, 1]), the
   * error drift relative to the base drift, the fraction of the episode gone, and a constant 1.
   *
   * @param state the state
   * @return {@code stations x FEATURES} values
   */
  public float[] features(SyncState state) {
    int n = env.stations();
    DeploymentSettings s = env.settings();
    float[] x = new float[n * FEATURES];
    double base = s.forecastDrift() > 0 ? s.forecastDrift() : 1;
    for (int b = 0; b < n; b++) {
      int o = b * FEATURES;
      x[o] = (float) state.forecastError()[b];
      x[o + 1] = (float) (state.sinrErrorDb()[b] / 10);
      x[o + 2] = (float) Math.min(2, state.ageS()[b] / 3600);
      x[o + 3] = (float) Math.min(1, state.sinceSync()[b] / 10.0);
      x[o + 4] = (float) Math.max(-2, Math.min(2, linkDb[b] / 30));
      x[o + 5] = (float) verticalLoad[b];
      x[o + 6] = (float) horizontalLoad[b];
      x[o + 7] = (float) (env.drift(b) / base);
      x[o + 8] = (float) Math.min(1, (double) state.period() / s.horizon());
      x[o + 9] = 1f;
    }
    return x;
  }
}
