package dnt.experiments.forecasting;

import dnt.core.util.Seeds;
import dnt.experiments.report.ResultTable;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.StationClustering;
import dnt.learn.fl.SyncSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the stations differ enough for cluster twins to help: the partition the V-twin's
 * clustering ({@link StationClustering}, k-means++ on position and daily profile) makes, and how
 * much of the spread of the stations' daily profiles it separates. Profiles are standardised per
 * station (mean 0, population standard deviation 1 over the day), as the clustering uses them, so
 * the figures are about the shape of the day, not the level (which the per-cell z-score removes
 * before any model sees the data).
 *
 * @param seed the run's seed
 * @param k the clusters asked for
 * @param sizes the cluster sizes, largest first
 * @param betweenShare between-cluster sum of squares of the standardised profiles over their total
 *     sum of squares (R^2 of the partition; 0 for one cluster, NaN when all profiles are equal)
 * @param meanCorrelation the mean Pearson correlation of the daily profiles over all station pairs
 * @param minCorrelation the least pairwise correlation
 */
public record ClusterDiagnostics(
    long seed,
    int k,
    int[] sizes,
    double betweenShare,
    double meanCorrelation,
    double minCorrelation) {
  /** Copies the sizes. */
  public ClusterDiagnostics {
    sizes = sizes.clone();
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * The diagnostics of a partition.
   *
   * @param clients the stations (their profiles)
   * @param cluster each station's cluster, 0..k-1
   * @param seed the run's seed (reported only)
   * @return the diagnostics
   */
  public static ClusterDiagnostics of(List<FlClient> clients, int[] cluster, long seed) {
    int n = clients.size();
    if (cluster.length != n) {
      throw new IllegalArgumentException(n + " stations but " + cluster.length + " assignments");
    }
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = standardised(clients.get(i).profile());
    }
    int len = p[0].length;
    int k = Arrays.stream(cluster).max().orElse(0) + 1;
    double[][] centre = new double[k][len];
    double[] all = new double[len];
    int[] sizes = new int[k];
    for (int i = 0; i < n; i++) {
      sizes[cluster[i]]++;
      for (int t = 0; t < len; t++) {
        centre[cluster[i]][t] += p[i][t];
        all[t] += p[i][t] / n;
      }
    }
    double total = 0;
    double between = 0;
    for (int c = 0; c < k; c++) {
      for (int t = 0; t < len; t++) {
        double m = sizes[c] == 0 ? 0 : centre[c][t] / sizes[c];
        between += sizes[c] * (m - all[t]) * (m - all[t]);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < len; t++) {
        total += (p[i][t] - all[t]) * (p[i][t] - all[t]);
      }
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double r = 0;
        for (int t = 0; t < len; t++) {
          r += p[i][t] * p[j][t] / len;
        }
        sum += r;
        min = Math.min(min, r);
        pairs++;
      }
    }
    int[] sorted = Arrays.stream(sizes).boxed().sorted((a, b) -> b - a).mapToInt(x -> x).toArray();
    return new ClusterDiagnostics(
        seed,
        k,
        sorted,
        total > 0 ? between / total : Double.NaN,
        pairs > 0 ? sum / pairs : Double.NaN,
        pairs > 0 ? min : Double.NaN);
  }

  /**
   * The partition of the V-twin's last re-clustering for k clusters: the seed the synchronous
   * engine derives for round {@code t} ({@code Seeds.derive(runSeed, 1, t)}) at its last
   * re-clustering round, with the run seed the study gives the clustered V-twin.
   *
   * @param clients the stations
   * @param settings the V-twin's settings (rounds, re-clustering period, location weight)
   * @param k the clusters
   * @param seed the replication's seed
   * @return each station's cluster
   */
  static int[] vTwinPartition(List<FlClient> clients, SyncSettings settings, int k, long seed) {
    int every = settings.clustering().reclusterEvery();
    int last = (settings.rounds() - 1) / every * every;
    long runSeed = Seeds.derive(seed, ForecastingStudy.V_TWIN_SEED);
    return new StationClustering(k, settings.clustering().locationWeight())
        .assign(clients, Seeds.derive(runSeed, 1, last));
  }

  /** The columns of {@code clusters.csv}. */
  static final ResultTable<ClusterDiagnostics> TABLE =
      ResultTable.<ClusterDiagnostics>of()
          .column("seed", ClusterDiagnostics::seed)
          .column("k", ClusterDiagnostics::k)
          .column(
              "sizes",
              d ->
                  Arrays.stream(d.sizes)
                      .mapToObj(Integer::toString)
                      .collect(Collectors.joining(";")))
          .column("between_share", "%.4f", ClusterDiagnostics::betweenShare)
          .column("mean_correlation", "%.4f", ClusterDiagnostics::meanCorrelation)
          .column("min_correlation", "%.4f", ClusterDiagnostics::minCorrelation);

  /**
   * Writes {@code clusters.csv}: for each seed and k = 1..5, the V-twin's partition and its
   * diagnostics.
   *
   * @param file the CSV
   * @param study the study (its stations)
   * @param settings the clustered V-twin's settings
   * @param seeds the seeds
   */
  static void write(Path file, ForecastingStudy study, SyncSettings settings, List<Long> seeds) {
    List<ClusterDiagnostics> rows = new ArrayList<>();
    for (long seed : seeds) {
      List<FlClient> clients = study.clients(seed);
      for (int k = 1; k <= MAX_K; k++) {
        rows.add(of(clients, vTwinPartition(clients, settings, k, seed), seed));
      }
    }
    TABLE.write(file, rows);
  }

  /** The largest k written to {@code clusters.csv}. */
  static final int MAX_K = 5;

  private static double[] standardised(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x / v.length;
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    double sd = Math.sqrt(ss / v.length);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = sd > 0 ? (v[i] - m) / sd : 0;
    }
    return out;
  }
}
