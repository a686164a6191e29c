package dnt.live.runtime;

import dnt.core.util.Seeds;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.FederatedRounds;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.LocalTraining;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.SeriesScaler;
import dnt.learn.online.TwinningFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federated aggregator of the live twin's forecasters, a cluster singleton (one per cluster, on
 * its oldest node). It learns every cell of the cluster from the span reports of every node ({@link
 * Spans}, sent by each node's reporter from its {@link HeldCells}), runs the V-twin once {@code
 * minDays} are held, and then, whenever a new day is complete, sends every client its cluster twin
 * for an H-twin update and applies the updates as they arrive, staleness-weighted ({@link
 * OnlineTwinning}). The trained twinning is saved to the state folder after the V-twin and after
 * every day, and read back on start.
 *
 * <p>The V-twin runs as real federated rounds ({@link FederatedRounds}, the server side of the
 * engine's clustered FedAvg): the clients describe their cells once (scaler, windows count and
 * daily profile, for the clustering), then every round the aggregator sends each sampled client its
 * cluster twin ({@link FlClientEntity.TrainRound}), the client trains on its own cell's history on
 * the node that hosts it, and sends the trained model back ({@link RoundUpdate}); only parameters
 * cross the network. The round aggregates in client (cell) order whatever order the replies arrive
 * in, with job seeds derived from (seed, round, client), so with no node lost the same seed gives
 * the same model on one node and on three, bit for bit. A round, or an H-twin day, waits at most
 * {@link Params#roundTimeout()}: the clients that did not answer by then (a lost node's) are
 * dropped from it and recorded, and it goes on. The serialized size of every message sent to and
 * received from a client is counted per round and per node ({@link RoundTraffic}, in the status and
 * the log).
 *
 * <p>At city scale a V-twin round trains a sample of at most {@link
 * OnlineSettings#clientsPerRound()} cells and an H-twin day dispatches a sample as large; a cell
 * that first holds a complete training window after the V-twin chooses, on its own node, the
 * cluster twin that predicts it best ({@link OnlineTwinning#assess}) within a tick or two.
 *
 * <p>Phases: {@code waiting} (too few days held), {@code vertical} (V-twin rounds running), {@code
 * horizontal} (a model exists; H-twin updates follow new days), {@code failed} (the V-twin failed;
 * the error says why).
 */
public final class FlAggregator {
  private static final Logger LOG = LoggerFactory.getLogger(FlAggregator.class);

  /** The most rounds and days whose traffic the status keeps (the newest). */
  static final int TRAFFIC_KEPT = 50;

  private FlAggregator() {}

  /** What the aggregator is told or asked. */
  public sealed interface Command
      permits Tick,
          Spans,
          VerticalDescribed,
          RoundUpdate,
          RoundTimeout,
          AssessedAll,
          Update,
          DayTimeout,
          GetStatus,
          GetModel,
          GetModels,
          ViewsListed {}

  /**
   * The nodes' views registered now (the Receptionist's listing, adapted; never crosses nodes): the
   * aggregator sends every published model version to each of them, and the current version to a
   * view it has not seen before (a node that joined later, or every node once the aggregator starts
   * again on another node).
   *
   * @param views the views
   */
  record ViewsListed(Set<ActorRef<NodeView.Command>> views)
      implements Command, NoSerializationVerificationNeeded {}

  /** Look at the days held (a timer; the aggregator's own message, never crosses nodes). */
  enum Tick implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /**
   * A node's cells and the slots each holds, from the node's reporter ({@link HeldCells}).
   *
   * @param node the node's address
   * @param spans cell number to span
   */
  public record Spans(String node, Map<Integer, HeldCells.Span> spans)
      implements Command, CrossNode {
    /** Copies the map. */
    public Spans {
      spans = Map.copyOf(spans);
    }
  }

  /** The clients' descriptions for the V-twin (internal). */
  record VerticalDescribed(List<FlClientEntity.Described> described, long from, long through)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A client's trained model of a V-twin round.
   *
   * @param cell the cell number
   * @param round the round, from 0
   * @param node the address of the node that trained it
   * @param trained the trained weights (empty when it could not train)
   * @param samples the windows it trained on
   * @param loss its mean training loss, z-score units
   * @param failure why it could not train, or null
   */
  public record RoundUpdate(
      int cell,
      int round,
      String node,
      float[] trained,
      long samples,
      double loss,
      @Nullable String failure)
      implements Command, CrossNode {}

  /** A V-twin round's time is up (a timer). */
  record RoundTimeout(int round) implements Command, NoSerializationVerificationNeeded {}

  /** The newcomers' choices (internal). */
  record AssessedAll(List<FlClientEntity.Assessed> assessed)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A client's H-twin update.
   *
   * @param cell the cell number
   * @param node the address of the node that trained it
   * @param baseVersion the cluster twin's version it trained from
   * @param through the slot after the newest day it trained on
   * @param result the update, or null when it had no usable window
   * @param failure why it failed, or null
   */
  public record Update(
      int cell,
      String node,
      long baseVersion,
      long through,
      LocalTraining.@Nullable Result result,
      @Nullable String failure)
      implements Command, CrossNode {}

  /** An H-twin day's time is up (a timer). */
  record DayTimeout(long through) implements Command, NoSerializationVerificationNeeded {}

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
   * The parameters exchanged with one node's clients in a round.
   *
   * @param node the node's address ({@code unreached} for clients that never answered and whose
   *     node is not known)
   * @param clients the clients sent to on it
   * @param bytesSent serialized bytes of the messages sent to them (the model going down)
   * @param bytesReceived serialized bytes of their replies (the trained model or update coming up)
   */
  public record NodeTraffic(String node, int clients, long bytesSent, long bytesReceived) {}

  /**
   * A round's traffic.
   *
   * @param phase {@code vertical} (a V-twin round) or {@code horizontal} (an H-twin day)
   * @param round the V-twin round (from 1), or the H-twin day's end slot
   * @param sent clients sent to
   * @param received clients that answered in time
   * @param dropped the cells that did not answer in time (sorted)
   * @param nodes per node, sorted by address
   */
  public record RoundTraffic(
      String phase,
      long round,
      int sent,
      int received,
      List<Integer> dropped,
      List<NodeTraffic> nodes) {
    /** Copies the lists. */
    public RoundTraffic {
      dropped = List.copyOf(dropped);
      nodes = List.copyOf(nodes);
    }
  }

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
   * @param roundTimeoutMillis how long a round waits for its clients
   * @param traffic the newest rounds' and days' traffic, oldest first
   * @param clientNodes the node each client last answered from (cell number to address): the node
   *     that hosts its cell, since a client is its cell twin's child
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
      @Nullable String error,
      long roundTimeoutMillis,
      List<RoundTraffic> traffic,
      Map<Integer, String> clientNodes)
      implements CrossNode {
    /** Copies the lists and the map. */
    public Status {
      losses = List.copyOf(losses);
      clients = List.copyOf(clients);
      traffic = List.copyOf(traffic);
      clientNodes = Map.copyOf(clientNodes);
    }

    /**
     * A status without the clients' nodes (as a node of version 2 of the format sends it).
     *
     * @param phase the phase
     * @param round V-twin rounds done
     * @param rounds V-twin rounds in all
     * @param losses the loss per round
     * @param clusters cluster twins
     * @param clients each client's standing
     * @param applied H-twin updates applied
     * @param rejected H-twin updates rejected
     * @param version the twinning's version
     * @param daysHeld complete days held
     * @param minDays days needed
     * @param trainedThroughSlot the slot after the newest day trained on
     * @param error why the V-twin failed, or null
     * @param roundTimeoutMillis how long a round waits for its clients
     * @param traffic the newest rounds' and days' traffic
     */
    public Status(
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
        @Nullable String error,
        long roundTimeoutMillis,
        List<RoundTraffic> traffic) {
      this(
          phase,
          round,
          rounds,
          losses,
          clusters,
          clients,
          applied,
          rejected,
          version,
          daysHeld,
          minDays,
          trainedThroughSlot,
          error,
          roundTimeoutMillis,
          traffic,
          Map.of());
    }
  }

  /**
   * What the aggregator needs.
   *
   * @param settings the twinning's settings
   * @param minDays complete days held before the V-twin starts
   * @param stateFile where the twinning is saved
   * @param tick how often the days held are looked at
   * @param roundTimeout how long a V-twin round or an H-twin day waits for its clients
   */
  public record Params(
      OnlineSettings settings, int minDays, Path stateFile, Duration tick, Duration roundTimeout) {}

  static Behavior<Command> create(
      Params params,
      ClusterSharding sharding,
      ModelBoard models,
      IntFunction<double[]> position,
      Asks asks) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, params.tick());
                  return new Run(ctx, timers, params, sharding, models, position, asks).behavior();
                }));
  }

  /** Counts one round's bytes per node. */
  private static final class Ledger {
    private final Map<String, long[]> byNode = new TreeMap<>();
    private final Map<Integer, Long> unanswered = new HashMap<>();
    private final Map<Integer, String> nodeOf;
    private final List<Integer> dropped = new ArrayList<>();
    private int sent;
    private int received;

    Ledger(Map<Integer, String> nodeOf) {
      this.nodeOf = nodeOf;
    }

    void sent(int cell, long bytes) {
      unanswered.put(cell, bytes);
      sent++;
    }

    /** A reply: the bytes sent to the client count on the node that answered. */
    boolean received(int cell, String node, long bytes) {
      Long down = unanswered.remove(cell);
      if (down == null) {
        return false;
      }
      nodeOf.put(cell, node);
      long[] n = byNode.computeIfAbsent(node, k -> new long[3]);
      n[0]++;
      n[1] += down;
      n[2] += bytes;
      received++;
      return true;
    }

    boolean waiting() {
      return !unanswered.isEmpty();
    }

    boolean waitingFor(int cell) {
      return unanswered.containsKey(cell);
    }

    /** Ends the round: the clients still unanswered are dropped. */
    RoundTraffic close(String phase, long round) {
      List<Integer> late = new ArrayList<>(unanswered.keySet());
      late.sort(null);
      unanswered.forEach(
          (cell, down) -> {
            long[] n =
                byNode.computeIfAbsent(nodeOf.getOrDefault(cell, "unreached"), k -> new long[3]);
            n[0]++;
            n[1] += down;
          });
      dropped.addAll(late);
      unanswered.clear();
      List<NodeTraffic> nodes = new ArrayList<>();
      byNode.forEach((node, n) -> nodes.add(new NodeTraffic(node, (int) n[0], n[1], n[2])));
      return new RoundTraffic(phase, round, sent, received, dropped, nodes);
    }
  }

  /** A V-twin in progress. */
  private static final class Vertical {
    final long from;
    final long through;
    final List<Integer> cells;
    final List<SeriesScaler> scalers;
    final FederatedRounds rounds;
    final Map<Integer, Integer> index = new HashMap<>();
    int round = -1;
    Ledger ledger;
    final Map<Integer, float[]> bases = new HashMap<>();
    final TreeMap<Integer, ClientUpdate> updates = new TreeMap<>();

    /** The clients' losses by client index: summed in client order, not in order of arrival. */
    final TreeMap<Integer, Double> losses = new TreeMap<>();

    long participants;

    Vertical(
        long from,
        long through,
        List<Integer> cells,
        List<SeriesScaler> scalers,
        FederatedRounds rounds,
        Map<Integer, String> nodeOf) {
      this.from = from;
      this.through = through;
      this.cells = cells;
      this.scalers = scalers;
      this.rounds = rounds;
      for (int i = 0; i < cells.size(); i++) {
        index.put(cells.get(i), i);
      }
      this.ledger = new Ledger(nodeOf);
    }
  }

  /** The aggregator's state, confined to its actor. */
  private static final class Run {
    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final Params params;
    private final ClusterSharding sharding;
    private final ModelBoard models;
    private final IntFunction<double[]> position;
    private final Asks asks;
    private final Serialization serialization;
    private final int slotsPerDay;
    private String phase = "waiting";
    private @Nullable OnlineTwinning twinning;
    private @Nullable String error;
    private int round;
    private final List<Double> losses = new ArrayList<>();
    private int daysHeld;
    private @Nullable Vertical vertical;
    private @Nullable Ledger day;
    private long roundThrough;
    private boolean admitting;
    private final ArrayDeque<RoundTraffic> traffic = new ArrayDeque<>();

    /** The nodes' views the Receptionist listed last; each has the current models. */
    private Set<ActorRef<NodeView.Command>> views = Set.of();

    /** Each node's newest span report. */
    private final Map<String, Map<Integer, HeldCells.Span>> nodeSpans = new TreeMap<>();

    /** The node each client last answered from. */
    private final Map<Integer, String> nodeOf = new HashMap<>();

    /** Cells assessed for admission, and the newest slot they held then. */
    private final Map<Integer, Long> assessed = new HashMap<>();

    Run(
        ActorContext<Command> ctx,
        TimerScheduler<Command> timers,
        Params params,
        ClusterSharding sharding,
        ModelBoard models,
        IntFunction<double[]> position,
        Asks asks) {
      this.ctx = ctx;
      this.timers = timers;
      this.params = params;
      this.sharding = sharding;
      this.models = models;
      this.position = position;
      this.asks = asks;
      this.serialization = SerializationExtension.get(Adapter.toClassic(ctx.getSystem()));
      this.slotsPerDay = params.settings().windows().slotsPerDay();
      ctx.getSystem()
          .receptionist()
          .tell(
              Receptionist.subscribe(
                  NodeView.KEY,
                  ctx.messageAdapter(
                      Receptionist.Listing.class,
                      l -> new ViewsListed(Set.copyOf(l.getServiceInstances(NodeView.KEY))))));
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
          .onMessage(Spans.class, this::spans)
          .onMessage(VerticalDescribed.class, this::verticalDescribed)
          .onMessage(RoundUpdate.class, this::roundUpdate)
          .onMessage(RoundTimeout.class, this::roundTimeout)
          .onMessage(AssessedAll.class, this::assessedAll)
          .onMessage(Update.class, this::update)
          .onMessage(DayTimeout.class, this::dayTimeout)
          .onMessage(GetStatus.class, this::status)
          .onMessage(GetModel.class, this::model)
          .onMessage(GetModels.class, this::models)
          .onMessage(ViewsListed.class, this::viewsListed)
          .build();
    }

    /** The serialized size of a message in the binding that carries it between nodes. */
    private long size(Object message) {
      return serialization.findSerializerFor(message).toBinary(message).length;
    }

    private Behavior<Command> spans(Spans s) {
      nodeSpans.put(s.node(), s.spans());
      return Behaviors.same();
    }

    /** Every cell of the cluster: the union of the nodes' reports, each cell's widest span. */
    private Map<Integer, HeldCells.Span> clusterSpans() {
      Map<Integer, HeldCells.Span> all = new HashMap<>();
      for (Map<Integer, HeldCells.Span> m : nodeSpans.values()) {
        m.forEach(
            (cell, s) ->
                all.merge(
                    cell,
                    s,
                    (a, b) ->
                        new HeldCells.Span(
                            Math.min(a.oldest(), b.oldest()), Math.max(a.newest(), b.newest()))));
      }
      return all;
    }

    private Behavior<Command> tick() {
      Map<Integer, HeldCells.Span> spans = clusterSpans();
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
        if (day == null && complete > t.trainedThrough()) {
          startDay(t, complete);
        }
        if (!admitting) {
          admitNewcomers(t, spans);
        }
      }
      return Behaviors.same();
    }

    /** The most new cells assessed at once. */
    private static final int ADMIT_AT_ONCE = 1_000;

    /**
     * Sends the cluster twins to cells that are not clients and now hold more than a training
     * window's history (at most {@link #ADMIT_AT_ONCE}); each chooses its twin on its own node. A
     * cell assessed without a window is assessed again once it holds a day more.
     */
    private void admitNewcomers(OnlineTwinning t, Map<Integer, HeldCells.Span> spans) {
      int history = params.settings().windows().history();
      long days =
          (long) params.settings().historyDays()
              + Math.floorDiv(history + slotsPerDay - 1, slotsPerDay);
      List<float[]> twins = null;
      List<CompletableFuture<FlClientEntity.Assessed>> asked = new ArrayList<>();
      for (Map.Entry<Integer, HeldCells.Span> e : new TreeMap<>(spans).entrySet()) {
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
        if (twins == null) {
          twins = t.twinsCopy();
        }
        List<float[]> send = twins;
        asked.add(
            asks.ask(
                    sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell)),
                    (ActorRef<FlClientEntity.Assessed> replyTo) ->
                        new FlClientEntity.Assess(xy[0], xy[1], first, to, send, replyTo))
                .toCompletableFuture());
        if (asked.size() >= ADMIT_AT_ONCE) {
          break;
        }
      }
      if (asked.isEmpty()) {
        return;
      }
      admitting = true;
      ctx.pipeToSelf(
          CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
              .handle((v, e) -> new AssessedAll(answered(asked))),
          (d, e) -> d != null ? d : new AssessedAll(List.of()));
    }

    /** The answers of the asks that succeeded, in order. */
    private static <T> List<T> answered(List<CompletableFuture<T>> asked) {
      List<T> out = new ArrayList<>();
      for (CompletableFuture<T> a : asked) {
        if (a.isDone() && !a.isCompletedExceptionally()) {
          out.add(a.join());
        }
      }
      return out;
    }

    private Behavior<Command> assessedAll(AssessedAll a) {
      admitting = false;
      OnlineTwinning t = twinning;
      if (t == null) {
        return Behaviors.same();
      }
      int n = 0;
      for (FlClientEntity.Assessed x : a.assessed()) {
        nodeOf.put(x.cell(), x.node());
        if (x.cluster() < 0) {
          continue;
        }
        double[] xy = position.apply(x.cell());
        if (t.admit(
            new OnlineTwinning.Admission(
                Integer.toString(x.cell()),
                xy[0],
                xy[1],
                x.cluster(),
                new SeriesScaler(x.mean(), x.std())))) {
          n++;
        }
      }
      if (n > 0) {
        LOG.info(
            "forecasting: {} cells first seen after the V-twin joined their cluster twins ({}"
                + " clients now)",
            n,
            t.clients().size());
        save(t);
      }
      return Behaviors.same();
    }

    private void startVertical(Map<Integer, HeldCells.Span> spans, long from, long through) {
      phase = "vertical";
      round = 0;
      losses.clear();
      OnlineSettings s = params.settings();
      LOG.info(
          "forecasting: V-twin starts on {} cells, {} complete days ({} rounds of clustered"
              + " FedAvg, {} clients a round, trained on their own nodes)",
          spans.size(),
          daysHeld,
          s.rounds(),
          Math.min(spans.size(), s.clientsPerRound()));
      List<CompletableFuture<FlClientEntity.Described>> asked = new ArrayList<>();
      for (int cell : spans.keySet().stream().sorted().toList()) {
        asked.add(
            asks.ask(
                    sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell)),
                    (ActorRef<FlClientEntity.Described> replyTo) ->
                        new FlClientEntity.Describe(from, through, replyTo))
                .toCompletableFuture());
      }
      ctx.pipeToSelf(
          CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
              .handle((v, e) -> new VerticalDescribed(answered(asked), from, through)),
          (d, e) -> d != null ? d : new VerticalDescribed(List.of(), from, through));
    }

    private Behavior<Command> verticalDescribed(VerticalDescribed d) {
      OnlineSettings s = params.settings();
      List<FlClient> clients = new ArrayList<>();
      List<Integer> cells = new ArrayList<>();
      List<SeriesScaler> scalers = new ArrayList<>();
      List<FlClientEntity.Described> sorted = new ArrayList<>(d.described());
      sorted.sort((a, b) -> Integer.compare(a.cell(), b.cell()));
      for (FlClientEntity.Described x : sorted) {
        nodeOf.put(x.cell(), x.node());
        if (x.windows() == 0) {
          continue;
        }
        double[] xy = position.apply(x.cell());
        clients.add(
            new FlClient(
                Integer.toString(x.cell()),
                xy[0],
                xy[1],
                FederatedRounds.noData(),
                List.of(),
                x.profile(),
                1,
                1e6));
        cells.add(x.cell());
        scalers.add(new SeriesScaler(x.mean(), x.std()));
      }
      if (clients.isEmpty()) {
        return failed("no cell has a complete training window yet");
      }
      FederatedRounds rounds =
          new FederatedRounds(
              OnlineTwinning.syncSettings(s, clients.size()),
              clients,
              OnlineTwinning.initialModel(s),
              OnlineTwinning.roundsSeed(s),
              false);
      Vertical v = new Vertical(d.from(), d.through(), cells, scalers, rounds, nodeOf);
      vertical = v;
      startRound(v, 0);
      return Behaviors.same();
    }

    private Behavior<Command> failed(String why) {
      phase = "failed";
      error = why;
      vertical = null;
      LOG.warn("forecasting: the V-twin failed: {}", why);
      return Behaviors.same();
    }

    private void startRound(Vertical v, int t) {
      v.round = t;
      v.ledger = new Ledger(nodeOf);
      v.bases.clear();
      v.updates.clear();
      v.losses.clear();
      for (int i : v.rounds.start(t)) {
        int cell = v.cells.get(i);
        float[] base = v.rounds.base(i);
        FlClientEntity.TrainRound m =
            new FlClientEntity.TrainRound(
                t, v.from, v.through, base, v.rounds.jobSeed(t, i), ctx.getSelf());
        v.bases.put(cell, base);
        v.ledger.sent(cell, size(m));
        sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell)).tell(m);
      }
      timers.startSingleTimer("round", new RoundTimeout(t), params.roundTimeout());
    }

    private Behavior<Command> roundUpdate(RoundUpdate u) {
      Vertical v = vertical;
      if (v == null || u.round() != v.round || !v.ledger.received(u.cell(), u.node(), size(u))) {
        return Behaviors.same(); // late (after its round timed out) or unknown
      }
      float[] base = v.bases.get(u.cell());
      Integer i = v.index.get(u.cell());
      if (u.failure() != null || base == null || i == null || u.trained().length != base.length) {
        LOG.warn(
            "forecasting: cell {} could not train round {}: {}",
            u.cell(),
            u.round() + 1,
            u.failure());
      } else {
        double[] delta = new double[base.length];
        float[] w = u.trained();
        for (int j = 0; j < delta.length; j++) {
          delta[j] = (double) w[j] - base[j]; // as LocalTraining computes it
        }
        v.updates.put(i, ClientUpdate.benign(Integer.toString(u.cell()), delta, 1));
        v.losses.put(i, u.loss());
      }
      if (!v.ledger.waiting()) {
        endRound(v);
      }
      return Behaviors.same();
    }

    private Behavior<Command> roundTimeout(RoundTimeout r) {
      Vertical v = vertical;
      if (v != null && r.round() == v.round && v.ledger.waiting()) {
        endRound(v);
      }
      return Behaviors.same();
    }

    private void endRound(Vertical v) {
      timers.cancel("round");
      int t = v.round;
      RoundTraffic traffic = v.ledger.close("vertical", t + 1L);
      record(traffic);
      // in client order, whatever order the replies came in
      int accepted = v.rounds.finish(new ArrayList<>(v.updates.values()));
      v.participants += accepted;
      double sum = 0;
      for (double l : v.losses.values()) {
        sum += l;
      }
      double loss = v.losses.isEmpty() ? Double.NaN : sum / v.losses.size();
      round = t + 1;
      losses.add(loss);
      int rounds = params.settings().rounds();
      LOG.info(
          "forecasting: V-twin round {} of {}, loss {}, {} of {} clients answered{}; {}",
          round,
          rounds,
          loss,
          traffic.received(),
          traffic.sent(),
          traffic.dropped().isEmpty()
              ? ""
              : " (dropped after " + params.roundTimeout() + ": " + traffic.dropped() + ")",
          bytes(traffic));
      if (round < rounds) {
        startRound(v, round);
        return;
      }
      vertical = null;
      int[] clusters = v.rounds.clusters();
      List<OnlineTwinning.Admission> clients = new ArrayList<>();
      for (int i = 0; i < v.cells.size(); i++) {
        int cell = v.cells.get(i);
        double[] xy = position.apply(cell);
        clients.add(
            new OnlineTwinning.Admission(
                Integer.toString(cell), xy[0], xy[1], clusters[i], v.scalers.get(i)));
      }
      OnlineTwinning tw =
          OnlineTwinning.fromRounds(
              params.settings(),
              clients,
              v.rounds.twins(),
              v.rounds.global(),
              losses,
              v.participants,
              v.through);
      twinning = tw;
      phase = "horizontal";
      LOG.info(
          "forecasting: V-twin done on {} cells in {} cluster twins ({} local updates); forecasts"
              + " are available",
          tw.clients().size(),
          tw.clusterCount(),
          tw.verticalUpdates());
      save(tw);
    }

    /** The bytes of a round per node, for the log. */
    private static String bytes(RoundTraffic r) {
      StringBuilder b = new StringBuilder("bytes sent/received per node:");
      for (NodeTraffic n : r.nodes()) {
        b.append(' ')
            .append(n.node())
            .append(' ')
            .append(n.bytesSent())
            .append('/')
            .append(n.bytesReceived());
      }
      return b.toString();
    }

    private void record(RoundTraffic r) {
      traffic.addLast(r);
      while (traffic.size() > TRAFFIC_KEPT) {
        traffic.removeFirst();
      }
    }

    private void startDay(OnlineTwinning t, long through) {
      long days =
          (long) params.settings().historyDays()
              + Math.floorDiv(params.settings().windows().history() + slotsPerDay - 1, slotsPerDay);
      long history = days * slotsPerDay;
      long from = Math.max(0, through - history);
      roundThrough = through;
      Ledger l = new Ledger(nodeOf);
      for (String c : t.dayClients(through)) {
        OnlineTwinning.Dispatch d = t.dispatch(c);
        if (d == null) {
          continue;
        }
        int cell = Integer.parseInt(c);
        FlClientEntity.TrainDays m =
            new FlClientEntity.TrainDays(
                d,
                from,
                through,
                Seeds.derive(params.settings().seed(), 3, through, cell),
                ctx.getSelf());
        l.sent(cell, size(m));
        sharding.entityRefFor(CellTwin.TYPE_KEY, c).tell(m);
      }
      LOG.info(
          "forecasting: H-twin update of {} clients on the days up to slot {}", l.sent, through);
      if (l.waiting()) {
        day = l;
        timers.startSingleTimer("day", new DayTimeout(through), params.roundTimeout());
      } else {
        t.endRound(through);
      }
    }

    private Behavior<Command> update(Update u) {
      OnlineTwinning t = twinning;
      Ledger l = day;
      if (t == null
          || l == null
          || u.through() != roundThrough
          || !l.waitingFor(u.cell())
          || !l.received(u.cell(), u.node(), size(u))) {
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
      if (!l.waiting()) {
        endDay(t, l);
      }
      return Behaviors.same();
    }

    private Behavior<Command> dayTimeout(DayTimeout d) {
      OnlineTwinning t = twinning;
      Ledger l = day;
      if (t != null && l != null && d.through() == roundThrough && l.waiting()) {
        endDay(t, l);
      }
      return Behaviors.same();
    }

    private void endDay(OnlineTwinning t, Ledger l) {
      timers.cancel("day");
      day = null;
      RoundTraffic r = l.close("horizontal", roundThrough);
      record(r);
      t.endRound(roundThrough);
      LOG.info(
          "forecasting: H-twin day done, version {}, {} updates applied, {} rejected, {} of {}"
              + " clients answered{}; {}",
          t.version(),
          t.applied(),
          t.rejected(),
          r.received(),
          r.sent(),
          r.dropped().isEmpty()
              ? ""
              : " (dropped after " + params.roundTimeout() + ": " + r.dropped() + ")",
          bytes(r));
      save(t);
    }

    /**
     * Publishes the models to the cell twins' integrity check, on this node and every node, and
     * saves them.
     */
    private void save(OnlineTwinning t) {
      models.publish(t);
      sendModels(t, views);
      try {
        TwinningFile.write(params.stateFile(), t);
      } catch (IOException e) {
        LOG.warn(
            "forecasting: the models could not be saved to {}: {}",
            params.stateFile(),
            e.getMessage());
      }
    }

    private Behavior<Command> viewsListed(ViewsListed l) {
      Set<ActorRef<NodeView.Command>> added = new HashSet<>(l.views());
      added.removeAll(views);
      views = l.views();
      OnlineTwinning t = twinning;
      if (t != null && !added.isEmpty()) {
        sendModels(t, added);
      }
      return Behaviors.same();
    }

    /**
     * Sends a twinning's models to nodes' views, in pages ({@link ModelBoard#pages}); each board
     * keeps a cell's newer version when pages of two versions cross.
     */
    private void sendModels(OnlineTwinning t, Set<ActorRef<NodeView.Command>> to) {
      if (to.isEmpty()) {
        return;
      }
      List<NodeView.Models> pages = ModelBoard.pages(t);
      long bytes = 0;
      for (NodeView.Models p : pages) {
        bytes += size(p);
        for (ActorRef<NodeView.Command> v : to) {
          v.tell(p);
        }
      }
      LOG.info(
          "forecasting: models version {} sent to {} node(s): {} page(s), {} bytes a node",
          t.version(),
          to.size(),
          pages.size(),
          bytes);
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
                  error,
                  params.roundTimeout().toMillis(),
                  List.copyOf(traffic),
                  nodeOf));
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

  /**
   * A node's reporter: sends the aggregator the cells its node holds ({@link Spans}) every tick
   * when they changed, and every tenth tick regardless (so a new or moved aggregator learns them).
   *
   * @param node this node's address
   * @param held this node's spans
   * @param aggregator the singleton's proxy
   * @param tick how often
   * @return the behavior
   */
  static Behavior<ReporterTick> reporter(
      String node, HeldCells held, ActorRef<Command> aggregator, Duration tick) {
    return Behaviors.withTimers(
        timers -> {
          timers.startTimerWithFixedDelay(ReporterTick.INSTANCE, tick);
          AtomicReference<Map<Integer, HeldCells.Span>> last = new AtomicReference<>(Map.of());
          int[] ticks = {0};
          return Behaviors.receiveMessage(
              t -> {
                Map<Integer, HeldCells.Span> now = held.all();
                if (!now.isEmpty() && (!now.equals(last.get()) || ++ticks[0] % 10 == 0)) {
                  last.set(now);
                  aggregator.tell(new Spans(node, now));
                }
                return Behaviors.same();
              });
        });
  }

  /** The reporter's timer. */
  enum ReporterTick implements NoSerializationVerificationNeeded {
    INSTANCE
  }
}
