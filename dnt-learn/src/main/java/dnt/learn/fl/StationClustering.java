package dnt.learn.fl;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.Well19937c;

/**
 * Groups stations into twins by location and traffic pattern (paper Sec. III-A1: "a periodic
 * clustering mechanism that virtualizes network regions covered by different base stations"): k-
 * means++ (Arthur and Vassilvitskii, SODA 2007) on a feature vector of the station's position
 * (standardised, times {@code locationWeight}) and its z-normalised traffic profile. Deterministic
 * for a seed. Reconstructed: the paper does not give the features or their weights.
 *
 * @param clusters the number of clusters k (at least 1; capped at the number of stations)
 * @param locationWeight weight of the location features relative to the profile
 */
public record StationClustering(int clusters, double locationWeight) {
  /** Checks the fields. */
  public StationClustering {
    if (clusters < 1) {
      throw new IllegalArgumentException("clusters must be at least 1, got " + clusters);
    }
    if (!(locationWeight >= 0) || Double.isInfinite(locationWeight)) {
      throw new IllegalArgumentException("locationWeight must be finite and >= 0");
    }
  }

  /**
   * Assigns every station a cluster.
   *
   * @param stations the stations
   * @param seed the seed of the k-means++ seeding
   * @return cluster index per station, 0..k-1, numbered by the first station of each cluster
   */
  public int[] assign(List<FlClient> stations, long seed) {
    int n = stations.size();
    int k = Math.min(clusters, n);
    int[] out = new int[n];
    if (k <= 1) {
      return out;
    }
    double[][] features = features(stations);
    List<Point> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      points.add(new Point(i, features[i]));
    }
    KMeansPlusPlusClusterer<Point> km =
        new KMeansPlusPlusClusterer<>(
            k,
            100,
            new org.apache.commons.math3.ml.distance.EuclideanDistance(),
            new Well19937c(seed),
            KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_POINTS_NUMBER);
    List<CentroidCluster<Point>> result = km.cluster(points);
    int[] raw = new int[n];
    for (int c = 0; c < result.size(); c++) {
      for (Point p : result.get(c).getPoints()) {
        raw[p.index] = c;
      }
    }
    // Renumber by first appearance so that equal partitions give equal arrays.
    int[] map = new int[result.size()];
    java.util.Arrays.fill(map, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (map[raw[i]] < 0) {
        map[raw[i]] = next++;
      }
      out[i] = map[raw[i]];
    }
    return out;
  }

  private double[][] features(List<FlClient> s) {
    int n = s.size();
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = s.get(i).x();
      ys[i] = s.get(i).y();
    }
    standardise(xs);
    standardise(ys);
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] p = s.get(i).profile();
      standardise(p);
      double[] v = new double[2 + p.length];
      v[0] = locationWeight * xs[i];
      v[1] = locationWeight * ys[i];
      System.arraycopy(p, 0, v, 2, p.length);
      f[i] = v;
    }
    return f;
  }

  private static void standardise(double[] v) {
    if (v.length == 0) {
      return;
    }
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    double sd = Math.sqrt(ss / v.length);
    for (int i = 0; i < v.length; i++) {
      v[i] = sd > 0 ? (v[i] - m) / sd : 0;
    }
  }

  private record Point(int index, double[] features) implements Clusterable {
    @Override
    public double[] getPoint() {
      return features;
    }
  }
}
