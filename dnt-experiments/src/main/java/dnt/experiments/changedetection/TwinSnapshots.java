package dnt.experiments.changedetection;

import dnt.learn.change.GraphSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The twin graph hour by hour, from the last {@code windowHours} of traffic: nodes are all the
 * stations (an inactive one has zero features and no edges); node features are whether the station
 * is on, its mean load and the standard deviation of its load over the window, both over the mean
 * station load of the whole baseline; each active station is linked to its {@code k} nearest active
 * stations with weight {@code exp(-d / scale) x max(0, r)}, {@code r} the Pearson correlation of
 * the two stations' hourly traffic over the window (the twin's traffic similarity, docs/twin.md),
 * made symmetric by the larger weight.
 */
final class TwinSnapshots {
  /** Node features: on, mean load, load deviation. */
  static final int FEATURES = 3;

  /** The load feature's index. */
  static final int LOAD = 1;

  private TwinSnapshots() {}

  /**
   * The snapshots of every hour with a full window.
   *
   * @param stations the stations' positions
   * @param injected the traffic
   * @param window hours per window
   * @param k neighbours
   * @param scaleM distance scale, metres
   * @param reference the load the loads are divided by
   * @return one snapshot per hour from {@code window - 1} on
   */
  static List<GraphSnapshot> of(
      StationTraffic stations,
      Change.Injected injected,
      int window,
      int k,
      double scaleM,
      double reference) {
    int n = stations.stations();
    int hours = stations.hours();
    List<GraphSnapshot> out = new ArrayList<>();
    for (int t = window - 1; t < hours; t++) {
      float[] x = new float[n * FEATURES];
      double[] mean = new double[n];
      double[] sd = new double[n];
      boolean[] on = new boolean[n];
      for (int i = 0; i < n; i++) {
        on[i] = injected.active()[i][t];
        double s = 0;
        for (int u = t - window + 1; u <= t; u++) {
          s += injected.traffic()[i][u];
        }
        mean[i] = s / window;
        double v = 0;
        for (int u = t - window + 1; u <= t; u++) {
          double d = injected.traffic()[i][u] - mean[i];
          v += d * d;
        }
        sd[i] = Math.sqrt(v / window);
        if (on[i]) {
          x[i * FEATURES] = 1;
          x[i * FEATURES + LOAD] = (float) (mean[i] / reference);
          x[i * FEATURES + 2] = (float) (sd[i] / reference);
        }
      }
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        if (!on[i]) {
          continue;
        }
        for (int j : nearest(stations, on, i, k)) {
          double r =
              correlation(
                  injected.traffic()[i],
                  injected.traffic()[j],
                  t,
                  window,
                  mean[i],
                  mean[j],
                  sd[i],
                  sd[j]);
          double w = Math.exp(-stations.distance(i, j) / scaleM) * Math.max(0, r);
          a[i][j] = Math.max(a[i][j], w);
          a[j][i] = a[i][j];
        }
      }
      out.add(new GraphSnapshot(a, x, FEATURES));
    }
    return out;
  }

  /** The k nearest active stations other than i, nearest first. */
  static List<Integer> nearest(StationTraffic stations, boolean[] on, int i, int k) {
    List<Integer> others = new ArrayList<>();
    for (int j = 0; j < on.length; j++) {
      if (j != i && on[j]) {
        others.add(j);
      }
    }
    others.sort(
        (p, q) -> {
          int c = Double.compare(stations.distance(i, p), stations.distance(i, q));
          return c != 0 ? c : Integer.compare(p, q);
        });
    return others.subList(0, Math.min(k, others.size()));
  }

  /** Pearson correlation over the window ending at t; 0 when either series is constant. */
  static double correlation(
      double[] a, double[] b, int t, int window, double ma, double mb, double sa, double sb) {
    if (sa == 0 || sb == 0) {
      return 0;
    }
    double c = 0;
    for (int u = t - window + 1; u <= t; u++) {
      c += (a[u] - ma) * (b[u] - mb);
    }
    return c / window / (sa * sb);
  }
}
