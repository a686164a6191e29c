package dnt.live.runtime;

import dnt.core.CellId;
import dnt.core.geo.Position;
import dnt.data.milan.MilanGrid;
import dnt.learn.forecast.Forecaster;
import dnt.learn.online.CellHistory;
import dnt.learn.online.CellModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.jspecify.annotations.Nullable;

/**
 * The forecasting part of the runtime: the {@link FlClientEntity}s (children of their cell twins,
 * created through the node's {@link FlClients}), the {@link FlAggregator} cluster singleton, this
 * node's reporter of the cells it holds (to the singleton, wherever it runs), the training executor
 * (one daemon thread, so training never runs on an actor thread and takes at most one core from
 * ingest), and the forecasts, computed on Pekko's blocking-I/O dispatcher from the aggregator's
 * model and the cell twin's newest slots.
 */
public final class ForecastRuntime implements AutoCloseable {
  /** The aggregator singleton's name. */
  public static final String AGGREGATOR = "fl-aggregator";

  private final ActorRef<FlAggregator.Command> aggregator;
  private final CellHistories histories;
  private final Asks asks;
  private final Executor predict;
  private final @Nullable ExecutorService own;
  private final int slotsPerDay;

  /**
   * A cell's forecast.
   *
   * @param cell the cell number
   * @param originSlot the first forecast slot (the one after the cell's newest)
   * @param internet internet activity per slot from the origin
   * @param model the architecture's registry name
   * @param version the twinning's version
   * @param lastError observed minus one-step forecast of the cell's newest slot, NaN if unknown
   * @param lastZError the same error in the cell's standardised units (divided by the standard
   *     deviation of the cell's z-score, the units the forecaster is trained and scored in), NaN if
   *     unknown
   */
  public record Forecast(
      int cell,
      long originSlot,
      double[] internet,
      String model,
      long version,
      double lastError,
      double lastZError) {}

  /** There is no model for the cell; the message names the training progress. */
  public static final class NoModel extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoModel(String message) {
      super(message, null, false, false);
    }
  }

  private ForecastRuntime(
      ActorRef<FlAggregator.Command> aggregator,
      CellHistories histories,
      Asks asks,
      Executor predict,
      @Nullable ExecutorService own,
      int slotsPerDay) {
    this.aggregator = aggregator;
    this.histories = histories;
    this.asks = asks;
    this.predict = predict;
    this.own = own;
    this.slotsPerDay = slotsPerDay;
  }

  static ForecastRuntime start(
      ActorSystem<Void> system,
      ClusterSharding sharding,
      HeldCells held,
      ModelBoard models,
      FlClients clients,
      Asks asks,
      FlAggregator.Params params,
      @Nullable Executor training,
      Executor predict,
      IntFunction<double[]> position) {
    onePyTorchThread(System.getProperties());
    ExecutorService own = null;
    Executor trainer = training;
    if (trainer == null) {
      own = trainingExecutor(TRAINING_THREAD);
      trainer = own;
    }
    Executor exec = trainer;
    CellHistories histories = new CellHistories(sharding, held, asks);
    String node = Cluster.get(system).selfMember().address().toString();
    clients.start(cell -> FlClientEntity.create(cell, node, histories, params.settings(), exec));
    ActorRef<FlAggregator.Command> aggregator =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    Behaviors.supervise(
                            FlAggregator.create(params, sharding, models, position, asks))
                        .onFailure(SupervisorStrategy.restart()),
                    AGGREGATOR));
    system.systemActorOf(
        FlAggregator.reporter(node, held, aggregator, params.tick()),
        "fl-span-reporter",
        Props.empty());
    return new ForecastRuntime(
        aggregator, histories, asks, predict, own, params.settings().windows().slotsPerDay());
  }

  /** The training thread's name. */
  static final String TRAINING_THREAD = "dnt-forecast-training";

  /**
   * The node's training executor: one daemon thread, which first brings its PyTorch intra-op thread
   * count (OpenMP's and MKL's) to the process's ({@link Forecaster#useProcessThreadCount}). DJL
   * applies {@code ai.djl.pytorch.num_threads} only on the thread that loads the engine, which in
   * the live twin is not this one; without it, every client's update ran MKL's products on a team
   * of one thread per core whose helper spun, so training took two cores from ingest where it
   * should take one (docs/PERFORMANCE.md, "Where the forecasters' time goes").
   *
   * @param name the thread's name
   * @return the executor
   */
  static ExecutorService trainingExecutor(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t =
              new Thread(
                  () -> {
                    Forecaster.useProcessThreadCount();
                    r.run();
                  },
                  name);
          t.setDaemon(true);
          return t;
        });
  }

  /** A Milan cell's centroid in metres, (0, 0) for another id. */
  static double[] milanPosition(int cell) {
    if (cell < 1 || cell > CellId.MAX) {
      return new double[2];
    }
    Position p = MilanGrid.load().centroid(CellId.of(cell));
    return new double[] {p.x(), p.y()};
  }

  /**
   * Where the federation stands.
   *
   * @return the aggregator's status
   */
  public CompletionStage<FlAggregator.Status> status() {
    return asks.ask(aggregator, FlAggregator.GetStatus::new);
  }

  /**
   * A cell's forecast of its next slots.
   *
   * @param cell the cell number
   * @param steps slots to forecast
   * @return the forecast; fails with {@link NoModel} while there is no model for the cell
   */
  public CompletionStage<Forecast> forecast(int cell, int steps) {
    return asks.ask(
            aggregator,
            (ActorRef<FlAggregator.ModelAnswer> r) -> new FlAggregator.GetModel(cell, r))
        .thenCompose(
            a -> {
              CellModel m = a.model();
              if (m == null) {
                return CompletableFuture.failedFuture(new NoModel(a.why()));
              }
              return forecast(cell, m, steps);
            });
  }

  private CompletionStage<Forecast> forecast(int cell, CellModel m, int steps) {
    return histories
        .latest(cell, m.history() + 1, slotsPerDay)
        .thenApplyAsync(
            h -> {
              if (h == null || h.length() < m.history()) {
                throw new NoModel("cell " + cell + " holds too few slots for a forecast");
              }
              return compute(cell, m, h, steps);
            },
            predict);
  }

  private static Forecast compute(int cell, CellModel m, CellHistory h, int steps) {
    double error = m.lastError(h);
    return new Forecast(
        cell,
        h.firstSlot() + h.length(),
        m.forecast(h, steps),
        m.architecture().name(),
        m.version(),
        error,
        error / m.scaler().std());
  }

  /**
   * Every client cell's forecast, for map layers.
   *
   * @param steps slots to forecast
   * @return the forecasts, in the aggregator's client order; cells without data left out
   */
  public CompletionStage<List<Forecast>> forecastAll(int steps) {
    return asks.<FlAggregator.Command, FlAggregator.Models>ask(
            aggregator, FlAggregator.GetModels::new)
        .thenCompose(
            models -> {
              List<CompletableFuture<@Nullable Forecast>> all = new ArrayList<>();
              for (CellModel m : models.models()) {
                int cell = Integer.parseInt(m.cell());
                all.add(
                    forecast(cell, m, steps)
                        .toCompletableFuture()
                        .<@Nullable Forecast>thenApply(f -> f)
                        .exceptionally(e -> null));
              }
              return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v -> {
                        List<Forecast> out = new ArrayList<>();
                        for (CompletableFuture<@Nullable Forecast> f : all) {
                          Forecast x = f.join();
                          if (x != null) {
                            out.add(x);
                          }
                        }
                        return out;
                      });
            });
  }

  /**
   * The series a client reads for training, as the V-twin's clients read it: the cell twin's
   * internet totals, with the slots before its first row and the masked slots excluded.
   *
   * @param cell the cell number
   * @param fromSlot first slot (a day boundary)
   * @param toSlot slot after the last
   * @return the history, or null when the cell twin holds nothing
   */
  public CompletionStage<@Nullable CellHistory> trainingHistory(
      int cell, long fromSlot, long toSlot) {
    return histories.fetch(cell, 0, 0, fromSlot, toSlot);
  }

  /** PyTorch's thread settings, read by DJL when it loads the engine. */
  static final List<String> PYTORCH_THREADS =
      List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads");

  /**
   * Gives PyTorch one intra-op and one inter-op thread where the settings do not say otherwise, as
   * {@code ./dnt} and the tests run it, so that the training thread takes at most one core from
   * ingest. Left to PyTorch, a JVM started without them (a plain {@code java -cp}, as the live
   * benchmarks were) trains with one OpenMP thread per core whose waits spin: an H-twin client's
   * update (MLP of 32 units, 288 windows, 2 epochs) took 336 ms of CPU instead of 35 ms on the
   * loaded 2-core machine (docs/PERFORMANCE.md). Has no effect once the engine is loaded.
   *
   * @param props the system properties
   */
  static void onePyTorchThread(java.util.Properties props) {
    for (String p : PYTORCH_THREADS) {
      if (props.getProperty(p) == null) {
        props.setProperty(p, "1");
      }
    }
  }

  /** Stops the training thread (a V-twin in progress ends with the JVM or when done). */
  @Override
  public void close() {
    ExecutorService e = own;
    if (e != null) {
      e.shutdownNow();
    }
  }
}
