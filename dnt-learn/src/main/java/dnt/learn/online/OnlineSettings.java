package dnt.learn.online;

import dnt.learn.fl.ClusterSettings;
import dnt.learn.fl.StalenessFunction;
import dnt.learn.fl.SyncSettings;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import java.util.Objects;

/**
 * How a live twin twins its forecasters online: the network, the V-twin (rounds of clustered
 * FedAvg) and the H-twin (one asynchronous update per cell and new day, scaled by staleness).
 *
 * @param architecture the forecaster every cell shares (its windows fix the inputs)
 * @param rounds synchronous rounds of the V-twin (at least 1)
 * @param clusters cluster twins (k-means++ on location and traffic profile; 1 for none)
 * @param locationWeight weight of location against the profile in the clustering
 * @param mixing pull of each cluster twin towards the global model after a round, in [0, 1]
 * @param recipe the local recipe of a V-twin round
 * @param dayRecipe the local recipe of an H-twin update on new days
 * @param alpha the server's mixing rate of an H-twin update, in (0, 1]
 * @param staleness how an update computed on an older model counts (Xie et al. 2019)
 * @param historyDays an H-twin update trains on the newest this many complete days
 * @param seed the seed of initialisation, clustering and local training
 */
public record OnlineSettings(
    Architecture architecture,
    int rounds,
    int clusters,
    double locationWeight,
    double mixing,
    TrainingRecipe recipe,
    TrainingRecipe dayRecipe,
    double alpha,
    StalenessFunction staleness,
    int historyDays,
    long seed) {
  /** Checks the fields. */
  public OnlineSettings {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(dayRecipe, "dayRecipe");
    Objects.requireNonNull(staleness, "staleness");
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    if (clusters < 1) {
      throw new IllegalArgumentException("clusters must be at least 1, got " + clusters);
    }
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    if (historyDays < 1) {
      throw new IllegalArgumentException("historyDays must be at least 1, got " + historyDays);
    }
    // checks locationWeight and mixing
    new ClusterSettings(true, clusters, rounds, locationWeight, mixing);
  }

  /**
   * The windows the network reads.
   *
   * @return the spec
   */
  public WindowSpec windows() {
    return architecture.windows();
  }

  /**
   * The V-twin's synchronous settings: every cell every round, clustered once at the start, the
   * model scored after every round.
   *
   * @return the settings
   */
  SyncSettings sync() {
    return new SyncSettings(
        rounds,
        1.0,
        recipe,
        new ClusterSettings(clusters > 1, clusters, rounds, locationWeight, mixing),
        0,
        1);
  }
}
