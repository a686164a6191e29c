package dnt.live.runtime;

import dnt.core.util.Seeds;
import dnt.learn.fl.LocalTraining;
import dnt.learn.online.CellHistory;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.TwinningFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federated aggregator of the live twin's forecasters, a cluster singleton (one per cluster, on
 * one node today): it watches how many complete days the cell twins hold ({@link HeldCells}), runs
 * the V-twin once {@code minDays} are in (the clients read their cells' series, the rounds train on
 * the training executor, never on an actor thread), and then, whenever a new day is complete, sends
 * every client its cluster twin for an H-twin update and applies the updates as they arrive,
 * staleness-weighted ({@link OnlineTwinning}). The trained twinning is saved to the state folder
 * after the V-twin and after every day, and read back on start.
 *
 * <p>At city scale a V-twin round trains a sample of at most {@link
 * OnlineSettings#clientsPerRound()} cells (batched, on half the available cores) and an H-twin day
 * dispatches a sample as large; a cell that first holds a complete training window after the V-twin
 * is admitted to the cluster twin that predicts it best ({@link OnlineTwinning#assess}) within a
 * tick or two, without a restart.
 *
 * <p>Phases: {@code waiting} (too few days held), {@code vertical} (V-twin rounds running), {@code
 * horizontal} (a model exists; H-twin updates follow new days), {@code failed} (the V-twin failed;
 * the error says why).
 */
public final class FlAggregator {
  private static final Logger LOG = LoggerFactory.getLogger(FlAggregator.class);

  private FlAggregator() {}

  /** What the aggregator is told or asked. */
  public sealed interface Command
      permits Tick,
          VerticalData,
          VerticalDone,
          RoundLoss,
          NewcomerData,
          Admitted,
          Update,
          GetStatus,
          GetModel,
          GetModels {}

  /** Look at the days held (a timer; the aggregator's own message, never crosses nodes). */
  enum Tick implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** The clients' series for the V-twin (internal). */
  record VerticalData(List<CellHistory> histories, long through)
      implements Command, NoSerializationVerificationNeeded {}

  /** The V-twin finished (internal). */
  record VerticalDone(@Nullable OnlineTwinning twinning, @Nullable Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  /** A V-twin round ended (internal, from the training thread). */
  record RoundLoss(int round, int rounds, double loss)
      implements Command, NoSerializationVerificationNeeded {}

  /** The series of cells first seen after the V-twin (internal). */
  record NewcomerData(List<CellHistory> histories)
      implements Command, NoSerializationVerificationNeeded {}

  /** The cluster twins chosen for new cells (internal, from the training thread). */
  record Admitted(List<OnlineTwinning.Admission> admissions, @Nullable Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A client's H-twin update.
   *
   * @param cell the cell number
   * @param baseVersion the cluster twin's version it trained from
   * @param through the slot after the newest day it trained on
   * @param result the update, or null when it had no usable window
   * @param failure why it failed, or null
   */
  public record Update(
      int cell,
      long baseVersion,
      long through,
      LocalTraining.@Nullable Result result,
      @Nullable String failure)
      implements Command, CrossNode {}

  /**
   * The status.
   *
   * @param replyTo gets it
   */
  public record GetStatus(ActorRef<Status> replyTo) implements Command, CrossNode {}

  /**
   * One cell's model.
   *
   * @param cell the cell number
   * @param replyTo gets it
   */
  public record GetModel(int cell, ActorRef<ModelAnswer> replyTo) implements Command, CrossNode {}

  /**
   * Every client's model.
   *
   * @param replyTo gets them
   */
  public record GetModels(ActorRef<Models> replyTo) implements Command, CrossNode {}

  /**
   * The answer to {@link GetModels}.
   *
   * @param models every client's model, in the aggregator's client order
   */
  public record Models(List<CellModel> models) implements CrossNode {
    /** Copies the list. */
    public Models {
      models = List.copyOf(models);
    }
  }

  /**
   * The answer to {@link GetModel}.
   *
   * @param model the cell's model, or null
   * @param why why there is none (names the training progress)
   */
  public record ModelAnswer(@Nullable CellModel model, String why) implements CrossNode {}

  /**
   * Where the federation stands.
   *
   * @param phase waiting, vertical, horizontal or failed
   * @param round V-twin rounds done
   * @param rounds V-twin rounds in all
   * @param losses the V-twin's loss per round so far
   * @param clusters cluster twins (0 before the V-twin)
   * @param clients each client's standing
   * @param applied H-twin updates applied
   * @param rejected H-twin updates rejected
   * @param version the twinning's version, 0 before the V-twin
   * @param daysHeld complete days of telemetry held
   * @param minDays days needed before the V-twin starts
   * @param trainedThroughSlot the slot after the newest day trained on, 0 before the V-twin
   * @param error why the V-twin failed, or null
   */
  public record Status(
      String phase,
      int round,
      int rounds,
      List<Double> losses,
      int clusters,
      List<OnlineTwinning.ClientStatus> clients,
      long applied,
      long rejected,
      long version,
      int daysHeld,
      int minDays,
      long trainedThroughSlot,
      @Nullable String error)
      implements CrossNode {}

  /**
   * What the aggregator needs.
   *
   * @param settings the twinning's settings
   * @param minDays complete days held before the V-twin starts
   * @param stateFile where the twinning is saved
   * @param tick how often the days held are looked at
   */
  public record Params(OnlineSettings settings, int minDays, Path stateFile, Duration tick) {}

  static Behavior<Command> create(
      Params params,
      ClusterSharding sharding,
      HeldCells held,
      ModelBoard models,
      Executor training,
      IntFunction<double[]> position,
      Asks asks) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, params.tick());
                  return new Run(ctx, params, sharding, held, models, training, position, asks)
                      .behavior();
                }));
  }

  /** The aggregator's state, confined to its actor. */
  private static final class Run {
    private final ActorContext<Command> ctx;
    private final Params params;
    private final ClusterSharding sharding;
    private final HeldCells held;
    private final ModelBoard models;
    private final Executor training;
    private final IntFunction<double[]> position;
    private final Asks asks;
    private final int slotsPerDay;
    private String phase = "waiting";
    private @Nullable OnlineTwinning twinning;
    private @Nullable String error;
    private int round;
    private final List<Double> losses = new ArrayList<>();
    private int daysHeld;
    private int pending;
    private long roundThrough;
    private boolean admitting;

    /** Cells assessed for admission, and the newest slot they held then. */
    private final Map<Integer, Long> assessed = new HashMap<>();

    Run(
        ActorContext<Command> ctx,
        Params params,
        ClusterSharding sharding,
        HeldCells held,
        ModelBoard models,
        Executor training,
        IntFunction<double[]> position,
        Asks asks) {
      this.ctx = ctx;
      this.params = params;
      this.sharding = sharding;
      this.held = held;
      this.models = models;
      this.training = training;
      this.position = position;
      this.asks = asks;
      this.slotsPerDay = params.settings().windows().slotsPerDay();
      restore();
    }

    private void restore() {
      Path file = params.stateFile();
      if (!Files.exists(file)) {
        return;
      }
      try {
        OnlineTwinning t = TwinningFile.read(file, params.settings());
        twinning = t;
        models.publish(t);
        phase = "horizontal";
        round = params.settings().rounds();
        losses.addAll(t.losses());
        LOG.info(
            "forecasting: read the trained models (version {}, {} cells) from {}",
            t.version(),
            t.clients().size(),
            file);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("forecasting: {} is not used, the V-twin trains again: {}", file, e.getMessage());
      }
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessageEquals(Tick.INSTANCE, this::tick)
          .onMessage(VerticalData.class, this::verticalData)
          .onMessage(VerticalDone.class, this::verticalDone)
          .onMessage(RoundLoss.class, this::roundLoss)
          .onMessage(NewcomerData.class, this::newcomerData)
          .onMessage(Admitted.class, this::admitted)
          .onMessage(Update.class, this::update)
          .onMessage(GetStatus.class, this::status)
          .onMessage(GetModel.class, this::model)
          .onMessage(GetModels.class, this::models)
          .build();
    }

    private Behavior<Command> tick() {
      Map<Integer, HeldCells.Span> spans = held.all();
      if (spans.isEmpty()) {
        return Behaviors.same();
      }
      long origin = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      for (HeldCells.Span s : spans.values()) {
        origin = Math.min(origin, s.oldest());
        newest = Math.max(newest, s.newest());
      }
      long firstFullDay = Math.floorDiv(origin + slotsPerDay - 1, slotsPerDay) * slotsPerDay;
      long complete = Math.floorDiv(newest, slotsPerDay) * slotsPerDay;
      daysHeld = (int) Math.max(0, (complete - firstFullDay) / slotsPerDay);
      OnlineTwinning t = twinning;
      if (phase.equals("waiting") && daysHeld >= params.minDays()) {
        startVertical(spans, Math.floorDiv(origin, slotsPerDay) * slotsPerDay, complete);
      } else if (phase.equals("horizontal") && t != null) {
        if (pending == 0 && complete > t.trainedThrough()) {
          startDay(t, complete);
        }
        if (!admitting) {
          admitNewcomers(t, spans);
        }
      }
      return Behaviors.same();
    }

    /** The most new cells read and assessed at once. */
    private static final int ADMIT_AT_ONCE = 1_000;

    /**
     * Reads the series of cells that are not clients and now hold more than a training window's
     * history (at most {@link #ADMIT_AT_ONCE}; a cell assessed without a window is assessed again
     * once it holds a day more).
     */
    private void admitNewcomers(OnlineTwinning t, Map<Integer, HeldCells.Span> spans) {
      int history = params.settings().windows().history();
      long days =
          (long) params.settings().historyDays()
              + Math.floorDiv(history + slotsPerDay - 1, slotsPerDay);
      List<CompletableFuture<FlClientEntity.Prepared>> prepared = new ArrayList<>();
      for (Map.Entry<Integer, HeldCells.Span> e : spans.entrySet()) {
        int cell = e.getKey();
        HeldCells.Span span = e.getValue();
        Long before = assessed.get(cell);
        if (span.newest() - span.oldest() <= history
            || t.isClient(Integer.toString(cell))
            || (before != null && span.newest() < before + slotsPerDay)) {
          continue;
        }
        assessed.put(cell, span.newest());
        // the newest slot may still be filling: read up to it, from a day boundary, the newest
        // days an H-twin update would read
        long to = span.newest();
        long first =
            Math.max(
                    Math.floorDiv(span.oldest(), slotsPerDay),
                    Math.floorDiv(to, slotsPerDay) - days)
                * slotsPerDay;
        double[] xy = position.apply(cell);
        prepared.add(
            asks.ask(
                sharding.entityRefFor(FlClientEntity.TYPE_KEY, Integer.toString(cell)),
                (ActorRef<FlClientEntity.Prepared> replyTo) ->
                    new FlClientEntity.Prepare(xy[0], xy[1], first, to, replyTo)));
        if (prepared.size() >= ADMIT_AT_ONCE) {
          break;
        }
      }
      if (prepared.isEmpty()) {
        return;
      }
      admitting = true;
      ctx.pipeToSelf(
          CompletableFuture.allOf(prepared.toArray(CompletableFuture[]::new))
              .handle(
                  (v, e) -> {
                    List<CellHistory> h = new ArrayList<>();
                    for (CompletableFuture<FlClientEntity.Prepared> a : prepared) {
                      if (!a.isCompletedExceptionally()) {
                        CellHistory x = a.join().history();
                        if (x != null) {
                          h.add(x);
                        }
                      }
                    }
                    return new NewcomerData(h);
                  }),
          (d, e) -> d != null ? d : new NewcomerData(List.of()));
    }

    private Behavior<Command> newcomerData(NewcomerData d) {
      OnlineTwinning t = twinning;
      if (t == null || d.histories().isEmpty()) {
        admitting = false;
        return Behaviors.same();
      }
      OnlineSettings s = params.settings();
      List<float[]> twins = t.twinsCopy();
      CompletableFuture<List<OnlineTwinning.Admission>> run =
          CompletableFuture.supplyAsync(
              () -> {
                List<OnlineTwinning.Admission> out = new ArrayList<>();
                for (CellHistory h : d.histories()) {
                  OnlineTwinning.Admission a = OnlineTwinning.assess(s, twins, h);
                  if (a != null) {
                    out.add(a);
                  }
                }
                return out;
              },
              training);
      ctx.pipeToSelf(run, (a, e) -> new Admitted(a == null ? List.of() : a, e));
      return Behaviors.same();
    }

    private Behavior<Command> admitted(Admitted a) {
      admitting = false;
      OnlineTwinning t = twinning;
      Throwable failure = a.failure();
      if (failure != null) {
        LOG.warn("forecasting: new cells could not be assessed: {}", String.valueOf(failure));
        return Behaviors.same();
      }
      if (t == null || a.admissions().isEmpty()) {
        return Behaviors.same();
      }
      int n = 0;
      for (OnlineTwinning.Admission x : a.admissions()) {
        if (t.admit(x)) {
          n++;
        }
      }
      LOG.info(
          "forecasting: {} cells first seen after the V-twin joined their cluster twins ({} clients"
              + " now)",
          n,
          t.clients().size());
      save(t);
      return Behaviors.same();
    }

    private void startVertical(Map<Integer, HeldCells.Span> spans, long from, long through) {
      phase = "vertical";
      round = 0;
      losses.clear();
      OnlineSettings s = params.settings();
      LOG.info(
          "forecasting: V-twin starts on {} cells, {} complete days ({} rounds of clustered"
              + " FedAvg, {} clients a round)",
          spans.size(),
          daysHeld,
          s.rounds(),
          Math.min(spans.size(), s.clientsPerRound()));
      List<CompletableFuture<FlClientEntity.Prepared>> prepared = new ArrayList<>();
      for (int cell : spans.keySet().stream().sorted().toList()) {
        double[] xy = position.apply(cell);
        prepared.add(
            asks.ask(
                sharding.entityRefFor(FlClientEntity.TYPE_KEY, Integer.toString(cell)),
                (ActorRef<FlClientEntity.Prepared> replyTo) ->
                    new FlClientEntity.Prepare(xy[0], xy[1], from, through, replyTo)));
      }
      CompletableFuture<VerticalData> all =
          CompletableFuture.allOf(prepared.toArray(CompletableFuture[]::new))
              .thenApply(
                  v -> {
                    List<CellHistory> h = new ArrayList<>();
                    for (CompletableFuture<FlClientEntity.Prepared> a : prepared) {
                      CellHistory x = a.join().history();
                      if (x != null) {
                        h.add(x);
                      }
                    }
                    return new VerticalData(h, through);
                  });
      ctx.pipeToSelf(
          all, (d, e) -> d != null ? d : new VerticalDone(null, e == null ? failure() : e));
    }

    private static Throwable failure() {
      return new IllegalStateException("no data");
    }

    private Behavior<Command> verticalData(VerticalData d) {
      ActorRef<Command> self = ctx.getSelf();
      OnlineSettings s = params.settings();
      CompletableFuture<OnlineTwinning> run =
          CompletableFuture.supplyAsync(
              () -> {
                try (LocalTraining pool = new LocalTraining(s.architecture(), trainingThreads())) {
                  return OnlineTwinning.vertical(
                      s,
                      d.histories(),
                      d.through(),
                      pool,
                      (r, n, loss) -> self.tell(new RoundLoss(r, n, loss)));
                }
              },
              training);
      ctx.pipeToSelf(run, VerticalDone::new);
      return Behaviors.same();
    }

    /** Half the available cores (at least one): the other half stays with ingest. */
    private static int trainingThreads() {
      return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private Behavior<Command> roundLoss(RoundLoss r) {
      if (phase.equals("vertical")) {
        round = r.round();
        losses.add(r.loss());
        LOG.info("forecasting: V-twin round {} of {}, loss {}", r.round(), r.rounds(), r.loss());
      }
      return Behaviors.same();
    }

    private Behavior<Command> verticalDone(VerticalDone d) {
      OnlineTwinning t = d.twinning();
      if (t == null) {
        Throwable e = d.failure();
        Throwable cause = e != null && e.getCause() != null ? e.getCause() : e;
        phase = "failed";
        error = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        LOG.warn("forecasting: the V-twin failed: {}", error);
        return Behaviors.same();
      }
      twinning = t;
      phase = "horizontal";
      round = params.settings().rounds();
      losses.clear();
      losses.addAll(t.losses());
      LOG.info(
          "forecasting: V-twin done on {} cells in {} cluster twins ({} local updates); forecasts"
              + " are available",
          t.clients().size(),
          t.clusterCount(),
          t.verticalUpdates());
      save(t);
      return Behaviors.same();
    }

    private void startDay(OnlineTwinning t, long through) {
      long days =
          (long) params.settings().historyDays()
              + Math.floorDiv(params.settings().windows().history() + slotsPerDay - 1, slotsPerDay);
      long history = days * slotsPerDay;
      long from = Math.max(0, through - history);
      roundThrough = through;
      for (String c : t.dayClients(through)) {
        OnlineTwinning.Dispatch d = t.dispatch(c);
        if (d == null) {
          continue;
        }
        int cell = Integer.parseInt(c);
        sharding
            .entityRefFor(FlClientEntity.TYPE_KEY, c)
            .tell(
                new FlClientEntity.TrainDays(
                    d,
                    from,
                    through,
                    Seeds.derive(params.settings().seed(), 3, through, cell),
                    ctx.getSelf()));
        pending++;
      }
      LOG.info(
          "forecasting: H-twin update of {} clients on the days up to slot {}", pending, through);
      if (pending == 0) {
        t.endRound(through);
      }
    }

    private Behavior<Command> update(Update u) {
      OnlineTwinning t = twinning;
      if (t == null || pending == 0) {
        return Behaviors.same();
      }
      LocalTraining.Result r = u.result();
      if (r != null) {
        OnlineTwinning.Applied a = t.apply(Integer.toString(u.cell()), r.delta(), u.baseVersion());
        LOG.debug(
            "forecasting: cell {} update {} (staleness {}, weight {})",
            u.cell(),
            a.accepted() ? "applied" : "rejected",
            a.staleness(),
            a.weight());
      } else if (u.failure() != null) {
        LOG.warn("forecasting: cell {} could not train: {}", u.cell(), u.failure());
      }
      pending--;
      if (pending == 0) {
        t.endRound(roundThrough);
        LOG.info(
            "forecasting: H-twin day done, version {}, {} updates applied, {} rejected",
            t.version(),
            t.applied(),
            t.rejected());
        save(t);
      }
      return Behaviors.same();
    }

    /** Publishes the models to the cell twins' integrity check and saves them. */
    private void save(OnlineTwinning t) {
      models.publish(t);
      try {
        TwinningFile.write(params.stateFile(), t);
      } catch (IOException e) {
        LOG.warn(
            "forecasting: the models could not be saved to {}: {}",
            params.stateFile(),
            e.getMessage());
      }
    }

    private Behavior<Command> status(GetStatus g) {
      OnlineTwinning t = twinning;
      g.replyTo()
          .tell(
              new Status(
                  phase,
                  round,
                  params.settings().rounds(),
                  List.copyOf(losses),
                  t == null ? 0 : t.clusterCount(),
                  t == null ? List.of() : t.clients(),
                  t == null ? 0 : t.applied(),
                  t == null ? 0 : t.rejected(),
                  t == null ? 0 : t.version(),
                  daysHeld,
                  params.minDays(),
                  t == null ? 0 : t.trainedThrough(),
                  error));
      return Behaviors.same();
    }

    private Behavior<Command> model(GetModel g) {
      OnlineTwinning t = twinning;
      CellModel m = t == null ? null : t.model(Integer.toString(g.cell()));
      g.replyTo().tell(new ModelAnswer(m, m != null ? "" : why(g.cell())));
      return Behaviors.same();
    }

    private String why(int cell) {
      return switch (phase) {
        case "waiting" ->
            "no forecast model yet: training (the V-twin) starts once "
                + params.minDays()
                + " complete days of telemetry are held, "
                + daysHeld
                + " so far";
        case "vertical" ->
            "no forecast model yet: the V-twin is training, round "
                + round
                + " of "
                + params.settings().rounds();
        case "failed" -> "no forecast model: the V-twin failed (" + error + ")";
        default ->
            "cell "
                + cell
                + " has no forecast model yet: it joins its cluster twin once it holds a complete"
                + " training window of telemetry (a day and an hour)";
      };
    }

    private Behavior<Command> models(GetModels g) {
      OnlineTwinning t = twinning;
      List<CellModel> out = new ArrayList<>();
      if (t != null) {
        for (OnlineTwinning.ClientStatus c : t.clients()) {
          CellModel m = t.model(c.cell());
          if (m != null) {
            out.add(m);
          }
        }
      }
      g.replyTo().tell(new Models(out));
      return Behaviors.same();
    }
  }
}
