package dnt.live;

import dnt.core.InvalidInputException;
import dnt.learn.fl.StalenessFunction;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.OnlineSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the live twin forecasts (docs/live.md, "Forecasting online"): the network every cell shares,
 * its windows, the V-twin that trains it once {@code minDays} complete days of telemetry are held,
 * and the H-twin updates after every new day. The defaults are small (a one-layer MLP, 5 rounds) so
 * that the V-twin on the bundled 25-cell subset takes seconds on two cores.
 *
 * @param enabled whether the twin forecasts at all (tests that do not need it turn it off)
 * @param architecture the forecaster by registry name ({@link Architectures#REGISTRY}: mlp,
 *     dual-lstm, lstm, gru)
 * @param hidden hidden units per layer
 * @param layers hidden or stacked layers
 * @param closeness the newest slots a forecast reads (10-minute slots)
 * @param period the same slot on this many previous days
 * @param rounds V-twin rounds of clustered FedAvg
 * @param clusters cluster twins (1: no clustering)
 * @param minDays complete days (of 144 slots, UTC) held before the V-twin starts; at least {@code
 *     period + 1}, so every cell has a day of training windows
 * @param historyDays an H-twin update trains on the newest this many complete days
 * @param localEpochs local epochs of a V-twin round and of an H-twin update
 * @param seed the seed of initialisation, clustering and training
 * @param roundTimeout how long a V-twin round, or an H-twin day, waits for its clients' updates;
 *     the clients that did not answer by then (a lost node's) are dropped from it, and it goes on
 */
public record ForecastSettings(
    boolean enabled,
    String architecture,
    int hidden,
    int layers,
    int closeness,
    int period,
    int rounds,
    int clusters,
    int minDays,
    int historyDays,
    int localEpochs,
    long seed,
    Duration roundTimeout) {

  /** Slots a day: the live twin's slots are 10 minutes. */
  public static final int SLOTS_PER_DAY = 144;

  /** Slots a forecast covers: the next hour. */
  public static final int STEPS = 6;

  /**
   * The most cells trained in a V-twin round or dispatched on an H-twin day: McMahan et al.'s
   * (2017) client fraction {@code C = 256 / n} once a twin has more cells, so a city of 10,000
   * cells trains 256 a round (four batched groups of 64) and every cell of a smaller twin, such as
   * the bundled 25-cell subset, trains every round as before.
   */
  public static final int CLIENTS_PER_ROUND = 256;

  /** The most training windows (the newest) a client trains on: two days of targets. */
  public static final int MAX_WINDOWS = 2 * SLOTS_PER_DAY;

  /** Default {@link #roundTimeout()}: ample for a round of 256 clients on a loaded node. */
  public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Settings with the default round timeout.
   *
   * @param enabled whether the twin forecasts
   * @param architecture the forecaster's registry name
   * @param hidden hidden units per layer
   * @param layers layers
   * @param closeness the newest slots a forecast reads
   * @param period previous days read
   * @param rounds V-twin rounds
   * @param clusters cluster twins
   * @param minDays complete days held before the V-twin starts
   * @param historyDays days an H-twin update trains on
   * @param localEpochs local epochs
   * @param seed the seed
   */
  public ForecastSettings(
      boolean enabled,
      String architecture,
      int hidden,
      int layers,
      int closeness,
      int period,
      int rounds,
      int clusters,
      int minDays,
      int historyDays,
      int localEpochs,
      long seed) {
    this(
        enabled,
        architecture,
        hidden,
        layers,
        closeness,
        period,
        rounds,
        clusters,
        minDays,
        historyDays,
        localEpochs,
        seed,
        DEFAULT_ROUND_TIMEOUT);
  }

  /**
   * Validates the settings.
   *
   * @throws InvalidInputException naming the field at fault
   */
  public ForecastSettings {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(roundTimeout, "roundTimeout");
    if (roundTimeout.isNegative() || roundTimeout.isZero()) {
      throw new InvalidInputException("forecast.roundTimeout " + roundTimeout + " is not positive");
    }
    try {
      architecture = Architectures.REGISTRY.canonicalName(architecture);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("forecast.architecture: " + e.getMessage(), e);
    }
    if (Architectures.spatial(architecture)) {
      throw new InvalidInputException(
          "forecast.architecture: "
              + architecture
              + " reads the cell's neighbourhood, which the live twin's stations do not exchange;"
              + " use a per-cell architecture (dual-lstm, lstm, gru, mlp)");
    }
    positive(hidden, "forecast.hidden");
    positive(layers, "forecast.layers");
    positive(closeness, "forecast.closeness");
    positive(rounds, "forecast.rounds");
    positive(clusters, "forecast.clusters");
    positive(historyDays, "forecast.historyDays");
    positive(localEpochs, "forecast.localEpochs");
    if (period < 0) {
      throw new InvalidInputException("forecast.period " + period + " is negative");
    }
    if (closeness > SLOTS_PER_DAY) {
      throw new InvalidInputException(
          "forecast.closeness " + closeness + " is more than a day of slots");
    }
    if (minDays < period + 1) {
      throw new InvalidInputException(
          "forecast.minDays " + minDays + " is below period + 1 = " + (period + 1));
    }
  }

  private static void positive(int v, String name) {
    if (v < 1) {
      throw new InvalidInputException(name + " " + v + " is below 1");
    }
  }

  /**
   * The defaults: an MLP of one hidden layer of 32 units reading the newest 6 slots and the same
   * slot a day earlier; the V-twin runs 5 rounds over 3 cluster twins once 2 complete days are
   * held; an H-twin update trains 2 epochs on the newest 2 days.
   *
   * @return the settings
   */
  public static ForecastSettings defaults() {
    return new ForecastSettings(true, "mlp", 32, 1, 6, 1, 5, 3, 2, 2, 2, 1);
  }

  /**
   * The defaults, off.
   *
   * @return the settings
   */
  public static ForecastSettings off() {
    return defaults().withEnabled(false);
  }

  /**
   * These settings on or off.
   *
   * @param on whether to forecast
   * @return new settings
   */
  public ForecastSettings withEnabled(boolean on) {
    return new ForecastSettings(
        on,
        architecture,
        hidden,
        layers,
        closeness,
        period,
        rounds,
        clusters,
        minDays,
        historyDays,
        localEpochs,
        seed,
        roundTimeout);
  }

  /**
   * These settings with other V-twin rounds and days.
   *
   * @param r the rounds
   * @param days the complete days held before the V-twin starts
   * @return new settings
   */
  public ForecastSettings withRounds(int r, int days) {
    return new ForecastSettings(
        enabled,
        architecture,
        hidden,
        layers,
        closeness,
        period,
        r,
        clusters,
        days,
        historyDays,
        localEpochs,
        seed,
        roundTimeout);
  }

  /**
   * These settings with another round timeout.
   *
   * @param timeout how long a round waits for its clients
   * @return new settings
   */
  public ForecastSettings withRoundTimeout(Duration timeout) {
    return new ForecastSettings(
        enabled,
        architecture,
        hidden,
        layers,
        closeness,
        period,
        rounds,
        clusters,
        minDays,
        historyDays,
        localEpochs,
        seed,
        timeout);
  }

  /**
   * The domain settings these describe: no exogenous inputs, newest first, no dropout; Adam
   * (batches of 32, shuffled) with learning rate 0.005 in the V-twin and 0.001 in an H-twin update;
   * at most {@link #CLIENTS_PER_ROUND} clients a round or day, each on at most its newest {@link
   * #MAX_WINDOWS} windows; the H-twin's server step {@code alpha = 0.1} with polynomial staleness
   * {@code (tau + 1)^-0.5} (the forecasting study's staleness function); cluster twins mixed
   * halfway to the global model after every round and day. The small H-twin step and rate keep the
   * cluster twins stable although every cell of a cluster adds its update in turn each day (with
   * the study's {@code alpha = 0.5} and rate 0.005, the bundled subset's forecasts diverged within
   * days of replay; docs/live.md).
   *
   * @return the settings
   */
  OnlineSettings online() {
    WindowSpec spec = new WindowSpec(closeness, period, SLOTS_PER_DAY, true, false, false);
    Architecture net =
        Architectures.REGISTRY
            .factory(architecture)
            .apply(new Architectures.Options(spec, hidden, layers, 0.0));
    TrainingRecipe recipe =
        new TrainingRecipe(localEpochs, 32, TrainingRecipe.Optimizer.ADAM, 0.005, 0.9, true);
    TrainingRecipe dayRecipe =
        new TrainingRecipe(localEpochs, 32, TrainingRecipe.Optimizer.ADAM, 0.001, 0.9, true);
    return new OnlineSettings(
        net,
        rounds,
        clusters,
        1.0,
        0.5,
        recipe,
        dayRecipe,
        0.1,
        new StalenessFunction.Polynomial(0.5),
        historyDays,
        seed,
        CLIENTS_PER_ROUND,
        MAX_WINDOWS);
  }
}
