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
 * <p>At city scale (thousands of cells) a V-twin round trains a seeded sample of at most {@code
 * clientsPerRound} cells, the fraction {@code C = clientsPerRound / n} of clients per round of
 * FedAvg (McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized
 * Data", AISTATS 2017), and an H-twin day dispatches at most as many; every cell still gets its
 * cluster twin and scaler. A client trains on at most its newest {@code maxWindows} windows. With
 * fewer cells than the cap, every cell trains every round, as without a cap.
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
 * @param clientsPerRound the most clients trained in a V-twin round or dispatched on an H-twin day
 *     (at least 1)
 * @param maxWindows the most training windows (the newest) a client trains on (at least 1)
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
    long seed,
    int clientsPerRound,
    int maxWindows) {
  /** No cap: every client every round, on all its windows. */
  public static final int UNCAPPED = Integer.MAX_VALUE;

  /**
   * Settings without a cap on clients or windows.
   *
   * @param architecture the forecaster
   * @param rounds V-twin rounds
   * @param clusters cluster twins
   * @param locationWeight weight of location in the clustering
   * @param mixing pull towards the global model
   * @param recipe the V-twin's recipe
   * @param dayRecipe the H-twin's recipe
   * @param alpha the server's H-twin step
   * @param staleness the staleness function
   * @param historyDays days an H-twin update trains on
   * @param seed the seed
   */
  public OnlineSettings(
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
    this(
        architecture,
        rounds,
        clusters,
        locationWeight,
        mixing,
        recipe,
        dayRecipe,
        alpha,
        staleness,
        historyDays,
        seed,
        UNCAPPED,
        UNCAPPED);
  }

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
    if (clientsPerRound < 1) {
      throw new IllegalArgumentException(
          "clientsPerRound must be at least 1, got " + clientsPerRound);
    }
    if (maxWindows < 1) {
      throw new IllegalArgumentException("maxWindows must be at least 1, got " + maxWindows);
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
   * The V-twin's synchronous settings: a fraction {@code C = min(1, clientsPerRound / n)} of the
   * cells every round, clustered once at the start, the model scored after every round.
   *
   * @param n the cells taking part
   * @return the settings
   */
  SyncSettings sync(int n) {
    return new SyncSettings(
        rounds,
        clientFraction(n),
        recipe,
        new ClusterSettings(clusters > 1, clusters, rounds, locationWeight, mixing),
        0,
        1);
  }

  /**
   * McMahan et al.'s fraction C of clients trained per round.
   *
   * @param n the clients
   * @return {@code min(1, clientsPerRound / n)}, 1 for no clients
   */
  public double clientFraction(int n) {
    return n <= clientsPerRound ? 1.0 : (double) clientsPerRound / n;
  }
}
