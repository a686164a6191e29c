package dnt.live.runtime;

import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.jspecify.annotations.Nullable;

/**
 * The twin of one cell: an event-sourced, sharded entity holding the cell's telemetry, keyed by
 * (slot, country code). A batch of rows for the cell becomes one {@link Observed} event; the reply
 * comes only after the event is in the journal. A row whose key the twin already holds replaces the
 * held one, so replaying a batch changes nothing (exactly-once effect over at-least-once delivery).
 *
 * <p>If the journal fails to write, the entity stops without applying the event and restarts with
 * back-off, recovering from the journal; the asker's reply never comes and its ask times out.
 *
 * <p>The cell's federated-learning client ({@link FlClientEntity}) is this entity's child: the
 * aggregator sends it its messages through this entity's shard ({@link FlClientEntity.Command} is a
 * {@link Command}), and the twin forwards them to the child, which it spawns on the first one
 * ({@link #withClients}). A client is therefore always on the node that hosts its cell, by
 * construction: when sharding moves the cell's shard (a node joins or leaves), the client stops
 * with its parent and starts again beside it on the new node at the next message, and no allocation
 * has to keep two entity types' shards together (two coordinators rebalancing independently would
 * leave them apart for a while after every change of members). It reads the cell's series from the
 * twin on its own node, so the series never crosses the network.
 */
public final class CellTwin
    extends EventSourcedBehavior<CellTwin.Command, CellTwin.Event, CellState> {

  /** The sharding type of cell twins; the entity id is the cell number. */
  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "cell");

  /** The tag of every cell twin event, which the read side streams from the journal. */
  public static final String TAG = "cell";

  private final int snapshotEvery;
  private final IntegrityParams integrity;
  private final int cell;
  private final @Nullable ActorRef<RadioTwin.Command> radio;
  private final @Nullable AlertSet alerts;
  private @Nullable HeldCells held;
  private @Nullable ModelBoard models;
  private final @Nullable LatestBoard latest;
  private @Nullable FlClients clients;
  private @Nullable ActorContext<Command> context;

  /**
   * Slots of the retention window ({@link CellState}); {@link CellState#KEEP_ALL} for no window.
   */
  private long retention = CellState.KEEP_ALL;

  /** The name of the FL client child. */
  static final String CLIENT = "fl-client";

  private CellTwin(
      String cell,
      int snapshotEvery,
      IntegrityParams integrity,
      @Nullable ActorRef<RadioTwin.Command> radio,
      @Nullable AlertSet alerts,
      @Nullable LatestBoard latest) {
    super(
        PersistenceId.of(TYPE_KEY.name(), cell),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.snapshotEvery = snapshotEvery;
    this.integrity = integrity;
    this.cell = Integer.parseInt(cell);
    this.radio = radio;
    this.alerts = alerts;
    this.latest = latest;
  }

  /**
   * The behavior of one cell's twin.
   *
   * @param cell the entity id, the cell number
   * @param snapshotEvery events between snapshots
   * @param integrity how the stream's integrity is checked
   * @param radio the radio twin told the cell's newest internet activity after each event and once
   *     recovered, or {@code null} for none
   * @return the behavior
   */
  public static CellTwin create(
      String cell,
      int snapshotEvery,
      IntegrityParams integrity,
      @Nullable ActorRef<RadioTwin.Command> radio) {
    return new CellTwin(cell, snapshotEvery, integrity, radio, null, null);
  }

  /**
   * The behavior of one cell's twin that keeps its flag in an alert set.
   *
   * @param cell the entity id, the cell number
   * @param snapshotEvery events between snapshots
   * @param integrity how the stream's integrity is checked
   * @param radio the radio twin told the cell's newest internet activity after each event and once
   *     recovered, or {@code null} for none
   * @param alerts told whether the stream diverges after each event and after recovery
   * @param latest told the cell's newest slot after each event and after recovery
   * @return the behavior
   */
  public static CellTwin create(
      String cell,
      int snapshotEvery,
      IntegrityParams integrity,
      @Nullable ActorRef<RadioTwin.Command> radio,
      AlertSet alerts,
      LatestBoard latest) {
    return new CellTwin(cell, snapshotEvery, integrity, radio, alerts, latest);
  }

  /** What a cell twin is asked. */
  public sealed interface Command extends CrossNode
      permits Observe,
          Totals,
          Integrity,
          Apply,
          FlushDue,
          FlushPermit,
          Stop,
          FlClientEntity.Command {}

  /**
   * Apply the rows of this cell from a batch of the ingest log ({@link IngestLog}): at once in
   * memory, journaled later with other batches' rows in one {@link Flushed}. Ignored (but answered)
   * when the cell applied the position before; not applied when the cell has not applied {@code
   * prev} yet (it asks the partition for the batches it missed instead, {@link IngestLog.Resend}).
   *
   * @param partition the log partition
   * @param position the batch's position in the partition
   * @param prev the partition's previous batch for this cell, 0 for none
   * @param rows the rows, in batch order
   * @param replyTo the partition, told {@link IngestLog.Applied}
   */
  public record Apply(
      int partition,
      long position,
      long prev,
      List<Observation> rows,
      ActorRef<IngestLog.Command> replyTo)
      implements Command {
    /** Copies the rows. */
    public Apply {
      rows = List.copyOf(rows);
    }
  }

  /** The flush interval passed, or the buffer reached its bound: journal the buffered rows. */
  public record FlushDue() implements Command {}

  /**
   * The node's {@link WriteGate} lets this twin journal its buffered rows now (sent by the twin to
   * itself; the permit is freed once the flush is journaled).
   */
  public record FlushPermit() implements Command {}

  /**
   * Sharding's stop message (passivation, hand-off, coordinated shutdown) where the ingest log is
   * on: journal the buffered rows, then stop.
   */
  public record Stop() implements Command {}

  /**
   * Apply rows of this cell durably.
   *
   * @param rows the rows, in batch order
   * @param replyTo gets the acknowledgement once the event is journaled
   */
  public record Observe(List<Observation> rows, ActorRef<Ack> replyTo) implements Command {
    /** Copies the rows. */
    public Observe {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The acknowledgement of an {@link Observe}.
   *
   * @param accepted rows applied
   * @param replaced how many replaced a row with the same key
   */
  public record Ack(int accepted, int replaced) implements CrossNode {}

  /**
   * Per-slot totals over country codes for slots {@code [fromSlot, toSlot)}.
   *
   * @param fromSlot first slot number
   * @param toSlot slot number after the last
   * @param masked whether a masked slot shows the prediction that replaced it (the twin's view)
   *     instead of the observation
   * @param replyTo gets {@link SlotTotals}
   */
  public record Totals(long fromSlot, long toSlot, boolean masked, ActorRef<SlotTotals> replyTo)
      implements Command {}

  /**
   * The answer to {@link Totals}.
   *
   * @param fromSlot the first slot
   * @param totals {@code totals[slot - fromSlot][service]}; 0 for the slots before {@code heldFrom}
   * @param heldFrom the first slot of the twin's retention window: the slots before it are no
   *     longer held (the read side answers them), {@link CellSnapshot#ALL_HELD} when the twin
   *     dropped nothing (or a node of an earlier version answered)
   */
  public record SlotTotals(long fromSlot, double[][] totals, long heldFrom) implements CrossNode {
    /**
     * The answer of a twin that dropped nothing.
     *
     * @param fromSlot the first slot
     * @param totals the totals
     */
    public SlotTotals(long fromSlot, double[][] totals) {
      this(fromSlot, totals, CellSnapshot.ALL_HELD);
    }
  }

  /**
   * The integrity state of the cell's stream.
   *
   * @param replyTo gets {@link IntegrityState}
   */
  public record Integrity(ActorRef<IntegrityState> replyTo) implements Command {}

  /**
   * The answer to {@link Integrity}.
   *
   * @param diverging whether the stream is flagged now
   * @param checked observations checked so far
   * @param maskedSlots the masked slots, ascending
   * @param predictor what predicted the newest judged slot: {@code seasonal-naive}, {@code
   *     forecaster}, or {@code none} before the first judgement
   * @param span the oldest and newest slot the twin holds, null when it holds none (or when a node
   *     of an earlier version answered): an FL client on another node reads it from here
   */
  public record IntegrityState(
      boolean diverging,
      long checked,
      long[] maskedSlots,
      String predictor,
      HeldCells.@Nullable Span span)
      implements CrossNode {}

  /** The events of a cell twin. */
  public sealed interface Event extends Journaled permits Observed, Flushed {
    /**
     * The rows, in the order they were applied.
     *
     * @return the rows
     */
    List<Observation> rows();

    /**
     * The integrity verdicts of the slots the rows touched, in the order they were made.
     *
     * @return the verdicts
     */
    List<Verdict> verdicts();
  }

  /**
   * The event of a cell twin: rows of one batch, applied in order, and the integrity verdicts of
   * the slots they touched (flagged observations stay in the journal, marked).
   *
   * @param rows the rows
   * @param verdicts the verdicts, in slot order
   */
  public record Observed(List<Observation> rows, List<Verdict> verdicts) implements Event {
    /** Copies the lists. */
    public Observed {
      rows = List.copyOf(rows);
      verdicts = List.copyOf(verdicts);
    }
  }

  /**
   * The event of a cell twin fed by the ingest log: the rows of the batches it applied since its
   * last flush, in order, and their verdicts, in order; applying them at once gives the state that
   * applying them batch by batch gave (a row replaces by key in order, verdicts are per slot and in
   * order, and the judged-before slot is the newest of all). Journaled after the twin applied them,
   * so its event handler applies it only on recovery: when the state's positions do not cover
   * {@code covered} yet.
   *
   * @param rows the rows
   * @param verdicts the verdicts
   * @param covered the newest position of each log partition the twin had applied, all included
   */
  public record Flushed(List<Observation> rows, List<Verdict> verdicts, Map<Integer, Long> covered)
      implements Event {
    /** Copies the lists and the map. */
    public Flushed {
      rows = List.copyOf(rows);
      verdicts = List.copyOf(verdicts);
      covered = Map.copyOf(covered);
    }
  }

  /** What a cell twin fed by the ingest log needs from its node. */
  private record Ingest(
      IngestSettings settings,
      IntFunction<RecipientRef<IngestLog.Command>> logs,
      TimerScheduler<Command> timers,
      @Nullable WriteGate gate,
      ActorRef<Command> self,
      Duration permitTimeout) {}

  private @Nullable Ingest ingest;

  /** Rows applied since the last flush, and their verdicts. */
  private final List<Observation> bufferedRows = new ArrayList<>();

  private final List<Verdict> bufferedVerdicts = new ArrayList<>();

  /** Partitions whose batches the buffer holds. */
  private final Set<Integer> bufferedFrom = new HashSet<>();

  /** Whether a flush waits for the gate's permit. */
  private boolean flushQueued;

  /** Completed once the permitted flush is journaled: frees the gate's permit. */
  private final AtomicReference<@Nullable CompletableFuture<Void>> permit = new AtomicReference<>();

  /** Per partition, the position after which this twin asked for the batches again. */
  private final Map<Integer, Long> asked = new HashMap<>();

  private static final String FLUSH_TIMER = "flush";

  /**
   * This twin fed by the ingest log: it applies {@link Apply} in memory and journals what it
   * applied as one {@link Flushed} per flush interval.
   *
   * @param settings the log's settings
   * @param logs a log partition by number
   * @param timers this entity's timers
   * @param gate the node's write gate, which a flush waits for (null: flush at once)
   * @param self this entity
   * @param permitTimeout how long a flush holds the gate's permit at most
   * @return this twin
   */
  public CellTwin withIngest(
      IngestSettings settings,
      IntFunction<RecipientRef<IngestLog.Command>> logs,
      TimerScheduler<Command> timers,
      @Nullable WriteGate gate,
      ActorRef<Command> self,
      Duration permitTimeout) {
    this.ingest = new Ingest(settings, logs, timers, gate, self, permitTimeout);
    return this;
  }

  /**
   * This twin with a retention window: it holds (in memory and in its snapshots) only the slots of
   * the newest {@code slots} before its newest slot; the journal and the read side keep the rest
   * (docs/live.md, "The retention window").
   *
   * @param slots slots the window holds, {@link CellState#KEEP_ALL} for every slot
   * @return this twin
   */
  public CellTwin withRetention(long slots) {
    this.retention = slots;
    return this;
  }

  @Override
  public CellState emptyState() {
    return new CellState(integrity, retention);
  }

  @Override
  public CommandHandler<Command, Event, CellState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Apply.class, this::onApply)
        .onCommand(FlushDue.class, (state, cmd) -> requestFlush(state))
        .onCommand(
            FlushPermit.class,
            (state, cmd) -> {
              flushQueued = false;
              CompletableFuture<Void> done = permit.getAndSet(null);
              if (bufferedRows.isEmpty()) {
                release(done);
                return Effect().none();
              }
              return flush(state).thenRun(s -> release(done));
            })
        .onCommand(
            Stop.class,
            (state, cmd) -> bufferedRows.isEmpty() ? Effect().stop() : flush(state).thenStop())
        .onCommand(
            Observe.class,
            (state, cmd) -> {
              int replaced = state.replacements(cmd.rows());
              int accepted = cmd.rows().size();
              return Effect()
                  .persist(new Observed(cmd.rows(), state.judge(cmd.rows(), model())))
                  .thenRun(this::tellRadio)
                  .thenRun(this::tellAlerts)
                  .thenRun(this::tellHeld)
                  .thenRun(this::tellLatest)
                  .thenReply(cmd.replyTo(), s -> new Ack(accepted, replaced));
            })
        .onCommand(
            Totals.class,
            (state, cmd) ->
                Effect()
                    .reply(
                        cmd.replyTo(),
                        new SlotTotals(
                            cmd.fromSlot(),
                            state.totals(cmd.fromSlot(), cmd.toSlot(), cmd.masked()),
                            state.heldFrom())))
        .onCommand(
            Integrity.class,
            (state, cmd) ->
                Effect()
                    .reply(
                        cmd.replyTo(),
                        new IntegrityState(
                            state.diverging(),
                            state.checked(),
                            state.maskedSlots(),
                            state.predictor(),
                            state.size() > 0
                                ? new HeldCells.Span(state.oldestSlot(), state.newestSlot())
                                : null)))
        .onCommand(
            FlClientEntity.Command.class,
            (state, cmd) -> Effect().none().thenRun(s -> toClient(cmd)))
        .build();
  }

  private Effect<Event, CellState> onApply(CellState state, Apply cmd) {
    Ingest in = ingest;
    int p = cmd.partition();
    long at = state.applied(p);
    if (cmd.position() <= at) {
      // a batch sent again: applied before; the partition may wait for the answer
      cmd.replyTo().tell(new IngestLog.Applied(cmd.position(), cell, 0));
      if (!bufferedFrom.contains(p)) {
        // journaled too (nothing of the partition is buffered): confirm it again; a twin without
        // the log (a partition of an earlier start drains) confirms to the sender
        (in != null ? in.logs().apply(p) : cmd.replyTo()).tell(new IngestLog.Confirm(cell, at));
      }
      return Effect().none();
    }
    if (cmd.prev() > at) {
      // a batch before it is missing (this twin restarted and lost rows it had not journaled):
      // ask for the batches after the newest it applied, once per gap; they come in order
      if (asked.getOrDefault(p, -1L) != at) {
        asked.put(p, at);
        cmd.replyTo().tell(new IngestLog.Resend(cell, at));
      }
      return Effect().none();
    }
    int replaced = state.replacements(cmd.rows());
    List<Verdict> verdicts = state.judge(cmd.rows(), model());
    state.apply(cmd.rows(), verdicts);
    state.advance(Map.of(p, cmd.position()));
    bufferedRows.addAll(cmd.rows());
    bufferedVerdicts.addAll(verdicts);
    bufferedFrom.add(p);
    tellRadio(state);
    tellAlerts(state);
    tellHeld(state);
    tellLatest(state);
    cmd.replyTo().tell(new IngestLog.Applied(cmd.position(), cell, replaced));
    if (in == null) {
      // the log is off on this node and a partition of an earlier start drains (docs/live.md,
      // "The ingest log"): journal the batch at once, in order with the Observed events, and
      // confirm it to that partition
      ActorRef<IngestLog.Command> from = cmd.replyTo();
      long upTo = cmd.position();
      return flush(state).thenRun(s -> from.tell(new IngestLog.Confirm(cell, upTo)));
    }
    if (bufferedRows.size() >= in.settings().flushRows()) {
      return requestFlush(state);
    }
    if (!in.timers().isTimerActive(FLUSH_TIMER)) {
      in.timers().startSingleTimer(FLUSH_TIMER, new FlushDue(), in.settings().flushInterval());
    }
    return Effect().none();
  }

  /** Journals the buffer now without a gate, else once the node's write gate lets it. */
  private Effect<Event, CellState> requestFlush(CellState state) {
    Ingest in = ingest;
    WriteGate gate = in == null ? null : in.gate();
    if (bufferedRows.isEmpty()) {
      return Effect().none();
    }
    if (in == null || gate == null) {
      return flush(state);
    }
    if (!flushQueued) {
      flushQueued = true;
      ActorRef<Command> self = in.self();
      Duration timeout = in.permitTimeout();
      AtomicBoolean sent = new AtomicBoolean();
      var unused =
          gate.submit(
                  () -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    sent.set(true);
                    permit.set(done);
                    self.tell(new FlushPermit());
                    // a twin that stops or fails before it flushes frees the permit after the
                    // timeout
                    return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
                  })
              .whenComplete(
                  (v, e) -> {
                    if (e != null && !sent.get()) {
                      // the gate failed its waiting writes (the node is stopping): flush anyway
                      self.tell(new FlushPermit());
                    }
                  });
    }
    return Effect().none();
  }

  private static void release(@Nullable CompletableFuture<Void> done) {
    if (done != null) {
      done.complete(null);
    }
  }

  /**
   * Journals the buffered rows as one {@link Flushed}; once it is written, tells each partition
   * whose rows it holds the newest position it covers ({@link IngestLog.Confirm}).
   */
  private EffectBuilder<Event, CellState> flush(CellState state) {
    Map<Integer, Long> covered = state.positions();
    Flushed event = new Flushed(bufferedRows, bufferedVerdicts, covered);
    Set<Integer> from = Set.copyOf(bufferedFrom);
    bufferedRows.clear();
    bufferedVerdicts.clear();
    bufferedFrom.clear();
    Ingest in = ingest;
    if (in != null) {
      in.timers().cancel(FLUSH_TIMER);
    }
    return Effect()
        .persist(event)
        .thenRun(
            s -> {
              if (in != null) {
                for (int p : from) {
                  in.logs().apply(p).tell(new IngestLog.Confirm(cell, covered.getOrDefault(p, 0L)));
                }
              }
            });
  }

  /**
   * This twin with an FL client as its child, created by a node's {@link FlClients} once its
   * forecasting has started.
   *
   * @param clients how the node creates clients
   * @param context this entity's actor context (the child's parent)
   * @return this twin
   */
  CellTwin withClients(FlClients clients, ActorContext<Command> context) {
    this.clients = clients;
    this.context = context;
    return this;
  }

  /**
   * Forwards a client message to the child, spawning it first if it is not running (first message,
   * or after a restart of this twin stopped it). Without forecasting on this node the message is
   * dropped and logged: the aggregator's round timeout drops the client (every node of a cluster
   * runs the same forecasting settings).
   */
  private void toClient(FlClientEntity.Command cmd) {
    ActorContext<Command> c = context;
    FlClients f = clients;
    if (c == null || f == null) {
      return;
    }
    ActorRef<FlClientEntity.Command> child =
        c.getChild(CLIENT).map(r -> r.<FlClientEntity.Command>unsafeUpcast()).orElse(null);
    if (child == null) {
      Behavior<FlClientEntity.Command> b = f.create(cell);
      if (b == null) {
        c.getLog()
            .warn(
                "cell {}: an FL client message arrived before this node's forecasting started;"
                    + " dropped",
                cell);
        return;
      }
      child = c.spawn(b, CLIENT);
    }
    child.tell(cmd);
  }

  private void tellRadio(CellState state) {
    ActorRef<RadioTwin.Command> r = radio;
    if (r != null && state.size() > 0) {
      long slot = state.newestSlot();
      double internet = state.totals(slot, slot + 1, true)[0][Observation.SERVICES - 1];
      r.tell(new RadioTwin.CellTraffic(cell, slot, internet));
    }
  }

  /**
   * This twin's newest event sequence number (from the shared journal, so it grows wherever the
   * twin runs), which orders what the twin told the node's boards across nodes; 0 without an actor
   * context (a twin spawned outside sharding, in tests).
   */
  private long sequence() {
    ActorContext<Command> c = context;
    return c == null ? 0 : lastSequenceNumber(c);
  }

  private void tellAlerts(CellState state) {
    AlertSet a = alerts;
    if (a != null) {
      a.set(cell, sequence(), state.diverging());
    }
  }

  /**
   * This twin with the span of slots it holds kept in a node's {@link HeldCells}, which the
   * federated aggregator reads.
   *
   * @param cells the set
   * @return this twin
   */
  public CellTwin withHeld(HeldCells cells) {
    this.held = cells;
    return this;
  }

  /**
   * This twin with its integrity check predicting by the cell's forecasting model once the node's
   * {@link ModelBoard} has one (seasonal naive before).
   *
   * @param board the board
   * @return this twin
   */
  public CellTwin withModels(ModelBoard board) {
    this.models = board;
    return this;
  }

  private dnt.learn.online.@Nullable CellModel model() {
    ModelBoard b = models;
    return b == null ? null : b.get(cell);
  }

  private void tellHeld(CellState state) {
    HeldCells h = held;
    if (h != null && state.size() > 0) {
      h.set(cell, state.oldestSlot(), state.newestSlot());
    }
  }

  private void tellLatest(CellState state) {
    LatestBoard b = latest;
    if (b != null && state.size() > 0) {
      long slot = state.newestSlot();
      b.set(cell, sequence(), slot, state.totals(slot, slot + 1, false)[0]);
    }
  }

  @Override
  public SignalHandler<CellState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // a restart (a failed write) recovered the journaled state: what the buffer held
              // was lost with the write, and comes again from the ingest log
              bufferedRows.clear();
              bufferedVerdicts.clear();
              bufferedFrom.clear();
              flushQueued = false;
              asked.clear();
              Ingest in = ingest;
              if (in != null) {
                // ask every partition at once for what this twin may have lost (rows applied but
                // not journaled before a crash, a node loss or a failed write) instead of waiting
                // for their periodic re-sending
                for (int p = 0; p < in.settings().partitions(); p++) {
                  long at = state.applied(p);
                  asked.put(p, at);
                  in.logs().apply(p).tell(new IngestLog.Resend(cell, at));
                }
              }
              // the radio twin gets the newest slot as the twin shows it, as after every event: a
              // restarted node's radio twin (built from scratch) is thus restored as the cell twins
              // recover, which CellStarter does for every cell of the journal in the background
              tellRadio(state);
              tellAlerts(state);
              tellHeld(state);
              tellLatest(state);
            })
        .build();
  }

  @Override
  public EventHandler<CellState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            Observed.class,
            (state, event) -> {
              state.apply(event.rows(), event.verdicts());
              return state;
            })
        .onEvent(
            Flushed.class,
            (state, event) -> {
              // the live twin applied the rows when they came (onApply); recovery applies them here
              if (!state.covers(event.covered())) {
                state.apply(event.rows(), event.verdicts());
                state.advance(event.covered());
              }
              return state;
            })
        .build();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public SnapshotAdapter<CellState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(CellState state) {
        return state.snapshot();
      }

      @Override
      public CellState fromJournal(Object from) {
        return CellState.of((CellSnapshot) from, integrity, retention);
      }
    };
  }
}
