package dnt.learn.robust;

import dnt.core.util.Seeds;
import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * FLAME (Nguyen et al., "FLAME: Taming Backdoors in Federated Learning", USENIX Security 2022):
 * admit the majority cluster of updates by cosine distance, clip the admitted updates to {@code S =
 * median_i ||g_i||}, average them and add Gaussian noise of standard deviation {@code lambda * S}
 * (paper: {@code lambda = 0.001}).
 *
 * <p><b>Approximation of the clustering.</b> FLAME runs HDBSCAN with {@code min_cluster_size = n/2
 * + 1} and {@code min_samples = 1}, so mutual reachability equals the cosine distance and the
 * hierarchy is single linkage. This class builds the same single-linkage minimum spanning tree but
 * replaces HDBSCAN's stability-based cluster selection by a simple, documented cut: MST edges
 * longer than {@code median + 3 * 1.4826 * MAD} of the MST edge lengths are removed and the largest
 * remaining component is the cluster; if it has fewer than {@code n/2 + 1} members it is grown by
 * single-link nearest neighbours until it has. The cut keeps a tight benign majority and drops
 * groups that join it only through an unusually long link (identical MPAF fakes, sign-flipped
 * updates).
 */
public final class Flame implements AggregationRule {
  private final double noiseLambda;

  /**
   * Creates the rule.
   *
   * @param noiseLambda the noise level lambda (0 for no noise)
   */
  public Flame(double noiseLambda) {
    if (!(noiseLambda >= 0)) {
      throw new IllegalArgumentException("flame noise lambda must be >= 0, got " + noiseLambda);
    }
    this.noiseLambda = noiseLambda;
  }

  /** The paper's default, {@code lambda = 0.001}. */
  public Flame() {
    this(0.001);
  }

  @Override
  public String name() {
    return "flame";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    double[] norms = Columns.norms(rows);
    boolean[] admitted = majorityCluster(rows, norms);
    double s = Select.median(norms.clone(), 0, n);
    double[] w = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (admitted[i]) {
        w[i] = norms[i] > s ? s / norms[i] : 1.0;
        count++;
      }
    }
    double[] out = Columns.weightedAverage(rows, w);
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double factor = total / count;
    double sigma = noiseLambda * s;
    RandomGenerator rng = Seeds.generator(Seeds.derive(context.seed(), 0xF1A3E));
    for (int j = 0; j < out.length; j++) {
      out[j] *= factor;
      if (sigma > 0) {
        out[j] += sigma * rng.nextGaussian();
      }
    }
    return out;
  }

  /**
   * Which updates form the majority cluster (exposed for tests).
   *
   * @param updates the updates
   * @return true for each admitted update
   */
  public boolean[] admitted(List<ClientUpdate> updates) {
    UpdateVector[] rows = Columns.rows(updates);
    return majorityCluster(rows, Columns.norms(rows));
  }

  private static boolean[] majorityCluster(UpdateVector[] rows, double[] norms) {
    int n = rows.length;
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    if (n < 3) {
      return all;
    }
    double[][] gram = Columns.gram(rows);
    double[][] dist = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        double c;
        if (norms[i] == 0 && norms[k] == 0) {
          c = 1;
        } else if (norms[i] == 0 || norms[k] == 0) {
          c = 0;
        } else {
          c = gram[i][k] / (norms[i] * norms[k]);
        }
        dist[i][k] = Math.max(0, 1 - c);
        dist[k][i] = dist[i][k];
      }
    }
    // Prim's minimum spanning tree
    int[] parent = new int[n];
    double[] best = new double[n];
    boolean[] inTree = new boolean[n];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[0] = 0;
    parent[0] = -1;
    for (int step = 0; step < n; step++) {
      int u = -1;
      for (int i = 0; i < n; i++) {
        if (!inTree[i] && (u < 0 || best[i] < best[u])) {
          u = i;
        }
      }
      inTree[u] = true;
      for (int i = 0; i < n; i++) {
        if (!inTree[i] && dist[u][i] < best[i]) {
          best[i] = dist[u][i];
          parent[i] = u;
        }
      }
    }
    double[] edges = new double[n - 1];
    for (int i = 1, k = 0; i < n; i++) {
      edges[k++] = best[i];
    }
    double med = Select.median(edges.clone(), 0, n - 1);
    double[] dev = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      dev[k] = Math.abs(edges[k] - med);
    }
    double mad = Select.median(dev, 0, n - 1);
    double cut = med + 3 * 1.4826 * mad;
    // union-find over the MST edges that survive the cut
    int[] root = new int[n];
    for (int i = 0; i < n; i++) {
      root[i] = i;
    }
    for (int i = 1; i < n; i++) {
      if (best[i] <= cut) {
        union(root, i, parent[i]);
      }
    }
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      size[find(root, i)]++;
    }
    int bestRoot = 0;
    for (int i = 0; i < n; i++) {
      if (size[i] > size[bestRoot]) {
        bestRoot = i;
      }
    }
    boolean[] cluster = new boolean[n];
    int members = 0;
    for (int i = 0; i < n; i++) {
      if (find(root, i) == bestRoot) {
        cluster[i] = true;
        members++;
      }
    }
    int min = n / 2 + 1;
    while (members < min) {
      int nearest = -1;
      double nd = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (cluster[i]) {
          continue;
        }
        for (int k = 0; k < n; k++) {
          if (cluster[k] && dist[i][k] < nd) {
            nd = dist[i][k];
            nearest = i;
          }
        }
      }
      cluster[nearest] = true;
      members++;
    }
    return cluster;
  }

  private static int find(int[] root, int i) {
    while (root[i] != i) {
      root[i] = root[root[i]];
      i = root[i];
    }
    return i;
  }

  private static void union(int[] root, int a, int b) {
    int ra = find(root, a);
    int rb = find(root, b);
    if (ra != rb) {
      root[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
