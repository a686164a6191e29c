package dnt.live.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of the ingest log: a sharded, event-sourced entity (persistence id {@code
 * ingest|p}) that makes a whole HTTP batch durable in ONE journal event ({@link Logged}), then
 * hands each touched cell twin its rows ({@link CellTwin.Apply}) and answers the batch once every
 * cell has applied them in memory. The cell twins journal what they applied later, coalesced over
 * many batches ({@link CellTwin.Flushed}), and confirm it ({@link Confirm}); until then the batch
 * stays pending here and is sent again after the partition recovers and whenever it has been
 * pending for {@link IngestSettings#resendAfter()} (a cell twin restarted and lost its unjournaled
 * rows, or its shard moved to another node). A cell applies a batch once: it keeps the newest
 * position it applied per partition and ignores one at or below it; {@link CellRows#prev()} (the
 * partition's previous batch for that cell) lets it see a gap and ask for the missing batches
 * ({@link Resend}) instead of applying a newer batch before an older one.
 *
 * <p>This is the design of issue 12's "one durable event per HTTP batch"; the paper asks only that
 * the twin stay in sync with its physical counterpart (Sec. III-C1) and says nothing about how the
 * telemetry is made durable: the log, its positions and the redelivery are reconstructed here, as a
 * write-ahead log in front of the cell twins' own journals.
 *
 * <p>Pekko semantics this relies on: commands that arrive while an event is being persisted are
 * stashed and handled after its side effects ran (Pekko docs, "Persistence - Event Sourcing",
 * "Effects and Side Effects" and "Stash"), so the {@link CellTwin.Apply} messages of consecutive
 * batches leave in position order; messages from one sender to one entity through Cluster Sharding
 * keep their order while the entity stays where it is (docs, "Cluster Sharding", "How it works"),
 * and a reordering while a shard moves is caught by {@link CellRows#prev()}. A snapshot every
 * {@link IngestSettings#snapshotEvery()} events deletes the events before it (docs, "Snapshotting",
 * "Event deletion"), so the rows are not stored twice for long: the snapshot keeps only the pending
 * batches. Confirmations are not journaled: after a recovery the batches confirmed since the last
 * snapshot are sent once more, and the cells ignore them (at-least-once delivery, exactly-once
 * effect).
 */
public final class IngestLog
    extends EventSourcedBehavior<IngestLog.Command, IngestLog.Event, IngestLog.LogState> {

  /** The sharding type; the entity id is the partition number. */
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "ingest");

  private static final Logger LOG = LoggerFactory.getLogger(IngestLog.class);

  private final int partition;
  private final IngestSettings settings;

  /**
   * Whether this partition is beyond the configured count ({@code partition >= P}): one of an
   * earlier start's with more partitions (or with the log on, where it is off now) that the journal
   * still holds. It drains: it recovers and sends its pending batches again as any partition, takes
   * no new batch, and stops once every batch is confirmed.
   */
  private final boolean draining;

  /**
   * Whether the recovered state held pending batches: a draining partition then journals that it
   * drained.
   */
  private boolean recoveredPending;

  private final IntFunction<RecipientRef<CellTwin.Command>> cells;
  private final ActorRef<Command> self;

  /** Batches whose cells have not all applied them yet, by position: whom to answer. */
  private final TreeMap<Long, Waiter> waiting = new TreeMap<>();

  /** The cells that have not applied a batch sent again after the recovery, by position. */
  private final Map<Long, Set<Integer>> recovering = new HashMap<>();

  /** Who waits for {@link #recovering} to empty. */
  private final List<ActorRef<Stats>> settling = new ArrayList<>();

  private long recoveredNanos;

  /** The shard that runs this partition (it passivates a drained one), or null outside sharding. */
  private final @Nullable ActorRef<ClusterSharding.ShardCommand> shard;

  private IngestLog(
      int partition,
      IngestSettings settings,
      IntFunction<RecipientRef<CellTwin.Command>> cells,
      @Nullable ActorRef<ClusterSharding.ShardCommand> shard,
      ActorContext<Command> context) {
    super(
        PersistenceId.of(TYPE_KEY.name(), Integer.toString(partition)),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.partition = partition;
    this.settings = settings;
    this.draining = partition >= settings.partitions();
    this.cells = cells;
    this.shard = shard;
    this.self = context.getSelf();
  }

  /**
   * The behavior of one partition; a partition at or beyond {@link IngestSettings#partitions()}
   * drains (docs/live.md, "The ingest log", "Changing the partitions").
   *
   * @param partition the partition number, the entity id
   * @param settings the log's settings
   * @param cells the cell twin of a cell number (through sharding, or an actor in tests)
   * @return the behavior
   */
  public static Behavior<Command> create(
      int partition, IngestSettings settings, IntFunction<RecipientRef<CellTwin.Command>> cells) {
    return create(partition, settings, cells, null);
  }

  /**
   * The behavior of one partition run by Cluster Sharding: a drained partition asks its shard to
   * passivate it ({@link ClusterSharding.Passivate}) rather than stopping itself, so that a message
   * that reaches the shard meanwhile (a node's {@link Settled} at its start) is kept and starts the
   * partition again instead of dying with it.
   *
   * @param partition the partition number, the entity id
   * @param settings the log's settings
   * @param cells the cell twin of a cell number
   * @param shard the entity's shard ({@code EntityContext.getShard()}), or null to stop directly
   * @return the behavior
   */
  public static Behavior<Command> create(
      int partition,
      IngestSettings settings,
      IntFunction<RecipientRef<CellTwin.Command>> cells,
      @Nullable ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> new IngestLog(partition, settings, cells, shard, ctx));
  }

  /** What a log partition is told. */
  public sealed interface Command extends CrossNode
      permits Append, Applied, Confirm, Resend, Tick, Settled {}

  /**
   * The rows of one cell in a batch.
   *
   * @param cell the cell number
   * @param prev the position of the partition's previous batch that touched the cell, 0 for none
   *     (ignored in an {@link Append})
   * @param rows the rows, in batch order
   */
  public record CellRows(int cell, long prev, List<Observation> rows) {
    /** Copies the rows. */
    public CellRows {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Make a batch durable and apply it.
   *
   * @param cells the rows per touched cell
   * @param replyTo answered once the batch is journaled and every cell applied its rows
   */
  public record Append(List<CellRows> cells, ActorRef<Appended> replyTo) implements Command {
    /** Copies the list. */
    public Append {
      cells = List.copyOf(cells);
    }
  }

  /**
   * The answer to an {@link Append}.
   *
   * @param accepted rows of the batch
   * @param replaced how many replaced a row the cells held with the same key
   */
  public record Appended(int accepted, int replaced) implements CrossNode {}

  /**
   * A cell twin applied (or had applied before) its rows of a batch.
   *
   * @param position the batch's position
   * @param cell the cell
   * @param replaced rows that replaced a held one (0 for a batch applied before)
   */
  public record Applied(long position, int cell, int replaced) implements Command {}

  /**
   * A cell twin has journaled every batch of this partition up to a position.
   *
   * @param cell the cell
   * @param upTo the position
   */
  public record Confirm(int cell, long upTo) implements Command {}

  /**
   * A cell twin saw a gap: send it the pending batches after a position again.
   *
   * @param cell the cell
   * @param after the newest position it applied
   */
  public record Resend(int cell, long after) implements Command {}

  /**
   * The keep-alive: starts the partition if it is not running, sends its overdue batches again, and
   * answers its counters, so that one walk over the partitions both keeps them running and brings
   * the node the rows of every node's batches ({@link TwinRuntime#refreshCount}).
   *
   * @param replyTo gets {@link Stats}; null for a tick of a node of an earlier version ({@code
   *     ingest-tick-1}), which asked for none
   */
  public record Tick(@Nullable ActorRef<Stats> replyTo) implements Command {}

  /**
   * The partition's counters once the batches it sent again after its recovery have been applied by
   * their cells (or, for a cell that does not answer, once {@link IngestSettings#resendAfter()} has
   * passed since the recovery): a node starting on a state folder asks it before it serves, so a
   * query right after the start shows the rows that only the log held.
   *
   * @param replyTo gets {@link Stats}
   */
  public record Settled(ActorRef<Stats> replyTo) implements Command {}

  /**
   * The answer to {@link Tick} and {@link Settled}.
   *
   * @param rows rows of every batch logged since the partition was created
   * @param position the newest batch's position
   * @param pending batches some cell has not confirmed yet
   */
  public record Stats(long rows, long position, int pending) implements CrossNode {}

  /** What a partition journals. */
  public sealed interface Event extends Journaled permits Logged, Drained {}

  /**
   * The event: one batch.
   *
   * @param position the batch's position in the partition, from 1
   * @param cells the rows per touched cell, with each cell's previous position
   */
  public record Logged(long position, List<CellRows> cells) implements Event {
    /** Copies the list. */
    public Logged {
      cells = List.copyOf(cells);
    }

    /**
     * The rows of the batch.
     *
     * @return their count
     */
    public int rows() {
      int n = 0;
      for (CellRows c : cells) {
        n += c.rows().size();
      }
      return n;
    }
  }

  /**
   * A draining partition's last event: every batch it held is confirmed. It changes nothing in the
   * state; its snapshot ({@link #shouldSnapshot}), with no batch pending, is what the next start
   * recovers, so a drained partition then stops at once instead of sending its last batches again.
   */
  public record Drained() implements Event {}

  /**
   * The journaled snapshot of a partition.
   *
   * @param position the newest position
   * @param rows rows logged so far
   * @param pending the pending batches, each with only the cells that have not confirmed it
   */
  public record LogSnapshot(long position, long rows, List<Logged> pending) implements Journaled {
    /** Copies the list. */
    public LogSnapshot {
      pending = List.copyOf(pending);
    }
  }

  /** A batch some cells have not confirmed: their rows, and when it was last sent. */
  private static final class Pending {
    final Map<Integer, CellRows> unconfirmed = new LinkedHashMap<>();
    long sentNanos = System.nanoTime();

    Pending(List<CellRows> cells) {
      for (CellRows c : cells) {
        unconfirmed.put(c.cell(), c);
      }
    }
  }

  /** Whom to answer once the cells of a batch applied it. */
  private static final class Waiter {
    final ActorRef<Appended> replyTo;
    final Set<Integer> cells = new HashSet<>();
    final int rows;
    int replaced;

    Waiter(ActorRef<Appended> replyTo, List<CellRows> cells, int rows) {
      this.replyTo = replyTo;
      for (CellRows c : cells) {
        this.cells.add(c.cell());
      }
      this.rows = rows;
    }
  }

  /**
   * A partition's state: the counters, the pending batches and each cell's newest batch. Mutable,
   * touched only by the entity's thread.
   */
  public static final class LogState {
    long position;
    long rows;
    final TreeMap<Long, Pending> pending = new TreeMap<>();
    final Map<Integer, Long> last = new HashMap<>();

    void add(Logged e) {
      position = e.position();
      rows += e.rows();
      pending.put(e.position(), new Pending(e.cells()));
      for (CellRows c : e.cells()) {
        last.put(c.cell(), e.position());
      }
    }

    /** A cell journaled every batch up to a position: it no longer waits for that cell. */
    void confirm(int cell, long upTo) {
      Iterator<Pending> it = pending.headMap(upTo, true).values().iterator();
      while (it.hasNext()) {
        Pending p = it.next();
        if (p.unconfirmed.remove(cell) != null && p.unconfirmed.isEmpty()) {
          it.remove();
        }
      }
    }

    LogSnapshot snapshot() {
      List<Logged> list = new ArrayList<>(pending.size());
      pending.forEach((pos, p) -> list.add(new Logged(pos, List.copyOf(p.unconfirmed.values()))));
      return new LogSnapshot(position, rows, list);
    }

    /**
     * The state a snapshot holds. A cell's newest batch is known only where one is pending: for a
     * cell without one, 0 is as good, since it has journaled (and so applied) every batch of it.
     */
    static LogState of(LogSnapshot s) {
      LogState st = new LogState();
      for (Logged e : s.pending()) {
        st.pending.put(e.position(), new Pending(e.cells()));
        for (CellRows c : e.cells()) {
          st.last.put(c.cell(), e.position());
        }
      }
      st.position = s.position();
      st.rows = s.rows();
      return st;
    }
  }

  @Override
  public LogState emptyState() {
    return new LogState();
  }

  @Override
  public CommandHandler<Command, Event, LogState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Append.class,
            (state, cmd) -> {
              if (draining) {
                // every node sends batches to partitions 0..P-1 only: a node with another P (the
                // docs say every node runs the same) gets no answer, its ask fails, and the batch
                // is not acknowledged
                LOG.warn(
                    "ingest log partition {} drains (not among the {} configured): a batch sent to"
                        + " it is refused; does every node run the same"
                        + " dnt-live.ingest-log.partitions?",
                    partition,
                    settings.partitions());
                return Effect().none();
              }
              long position = state.position + 1;
              List<CellRows> rows = new ArrayList<>(cmd.cells().size());
              for (CellRows c : cmd.cells()) {
                rows.add(new CellRows(c.cell(), state.last.getOrDefault(c.cell(), 0L), c.rows()));
              }
              Logged event = new Logged(position, rows);
              return Effect()
                  .persist(event)
                  .thenRun(
                      s -> {
                        if (rows.isEmpty()) {
                          cmd.replyTo().tell(new Appended(0, 0));
                          return;
                        }
                        waiting.put(position, new Waiter(cmd.replyTo(), rows, event.rows()));
                        for (CellRows c : rows) {
                          send(position, c);
                        }
                      });
            })
        .onCommand(
            Applied.class,
            (state, cmd) -> {
              Set<Integer> r = recovering.get(cmd.position());
              if (r != null && r.remove(cmd.cell()) && r.isEmpty()) {
                recovering.remove(cmd.position());
                settle(state, false);
              }
              Waiter w = waiting.get(cmd.position());
              if (w != null && w.cells.remove(cmd.cell())) {
                w.replaced += cmd.replaced();
                answerIfDone(cmd.position(), w);
              }
              return Effect().none();
            })
        .onCommand(
            Confirm.class,
            (state, cmd) -> {
              state.confirm(cmd.cell(), cmd.upTo());
              // a cell journaled its rows up to upTo, so it applied every batch up to there: a
              // batch still waiting for its Applied (lost, or behind the confirm) waits no more
              // (its replaced count then lacks that cell's)
              for (Iterator<Map.Entry<Long, Waiter>> it =
                      waiting.headMap(cmd.upTo(), true).entrySet().iterator();
                  it.hasNext(); ) {
                Map.Entry<Long, Waiter> e = it.next();
                Waiter w = e.getValue();
                if (w.cells.remove(cmd.cell()) && w.cells.isEmpty()) {
                  it.remove();
                  w.replyTo.tell(new Appended(w.rows, w.replaced));
                }
              }
              return stopIfDrained(state);
            })
        .onCommand(
            Resend.class,
            (state, cmd) -> {
              for (Map.Entry<Long, Pending> e :
                  state.pending.tailMap(cmd.after(), false).entrySet()) {
                CellRows c = e.getValue().unconfirmed.get(cmd.cell());
                if (c != null) {
                  send(e.getKey(), c);
                }
              }
              return Effect().none();
            })
        .onCommand(
            Tick.class,
            (state, cmd) -> {
              long now = System.nanoTime();
              long after = settings.resendAfter().toNanos();
              settle(state, now - recoveredNanos >= after);
              for (Map.Entry<Long, Pending> e : state.pending.entrySet()) {
                Pending p = e.getValue();
                if (now - p.sentNanos >= after) {
                  resend(e.getKey(), p, now);
                }
              }
              ActorRef<Stats> replyTo = cmd.replyTo();
              if (replyTo != null) {
                replyTo.tell(stats(state));
              }
              return stopIfDrained(state);
            })
        .onCommand(
            Settled.class,
            (state, cmd) -> {
              settling.add(cmd.replyTo());
              settle(state, false);
              return stopIfDrained(state);
            })
        .build();
  }

  /**
   * Stops this partition after the effect: through its shard where it has one (messages sent to it
   * meanwhile wait in the shard for its next incarnation), else at once.
   */
  private EffectBuilder<Event, LogState> passivate(EffectBuilder<Event, LogState> effect) {
    ActorRef<ClusterSharding.ShardCommand> s = shard;
    if (s == null) {
      return effect.thenStop();
    }
    return effect.thenRun(state -> s.tell(new ClusterSharding.Passivate<>(self)));
  }

  private static Stats stats(LogState state) {
    return new Stats(state.rows, state.position, state.pending.size());
  }

  /**
   * A draining partition with no batch pending stops (after it answered): at once if it recovered
   * that way, else once it has journaled {@link Drained}, whose snapshot the next start recovers.
   * Anyone still waiting for {@link Settled} is answered first (every batch is confirmed, so
   * applied).
   */
  private EffectBuilder<Event, LogState> stopIfDrained(LogState state) {
    if (!draining || !state.pending.isEmpty()) {
      return Effect().none();
    }
    settle(state, true);
    if (!recoveredPending) {
      return passivate(Effect().none());
    }
    recoveredPending = false;
    LOG.info(
        "ingest log partition {} drained: every batch it held is journaled by its cells; it stops",
        partition);
    return passivate(Effect().persist(new Drained()));
  }

  private void answerIfDone(long position, Waiter w) {
    if (w.cells.isEmpty()) {
      waiting.remove(position);
      w.replyTo.tell(new Appended(w.rows, w.replaced));
    }
  }

  /**
   * The bound of the commands that wait in the partition's stash while it journals a batch: the
   * cells' {@link Applied} answers (one per touched cell and batch, up to about 1,000 per batch at
   * 10,000 cells) and {@link Confirm}s (one per flushing cell) arrive then, and Pekko's default
   * bound ({@code pekko.persistence.typed.stash-capacity}, 4,096, overflow strategy {@code drop})
   * dropped them on a loaded node (a replayed city day's asks timed out). Each is a small record
   * (tens of bytes), so a million is tens of megabytes at most.
   */
  static final int STASH_CAPACITY = 1 << 20;

  @Override
  public Optional<Integer> stashCapacity() {
    return Optional.of(STASH_CAPACITY);
  }

  /** Answers who waits for the recovery's batches once they are applied, or at once if forced. */
  private void settle(LogState state, boolean force) {
    if (recovering.isEmpty() || force) {
      recovering.clear();
      Stats stats = stats(state);
      settling.forEach(r -> r.tell(stats));
      settling.clear();
    }
  }

  private void send(long position, CellRows c) {
    cells.apply(c.cell()).tell(new CellTwin.Apply(partition, position, c.prev(), c.rows(), self));
  }

  private void resend(long position, Pending p, long now) {
    p.sentNanos = now;
    for (CellRows c : p.unconfirmed.values()) {
      send(position, c);
    }
  }

  @Override
  public EventHandler<LogState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            Logged.class,
            (state, event) -> {
              state.add(event);
              return state;
            })
        .onEvent(Drained.class, (state, event) -> state)
        .build();
  }

  /**
   * Besides every {@link IngestSettings#snapshotEvery()} events: a snapshot after {@link Drained}.
   */
  @Override
  public boolean shouldSnapshot(LogState state, Event event, long sequenceNr) {
    return event instanceof Drained;
  }

  @Override
  public SignalHandler<LogState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // after a restart nobody waits for an answer (the asks timed out); every pending
              // batch goes again to the cells that have not confirmed it, in position order
              waiting.clear();
              recovering.clear();
              long now = System.nanoTime();
              recoveredNanos = now;
              recoveredPending = !state.pending.isEmpty();
              if (draining && recoveredPending) {
                LOG.info(
                    "ingest log partition {} is not among the {} configured now: it sends its {}"
                        + " pending batches to their cells again, takes no new batch, and stops"
                        + " once they are journaled",
                    partition,
                    settings.partitions(),
                    state.pending.size());
              }
              state.pending.forEach(
                  (pos, p) -> {
                    recovering.put(pos, new HashSet<>(p.unconfirmed.keySet()));
                    resend(pos, p, now);
                  });
            })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 1)
        .withDeleteEventsOnSnapshot();
  }

  @Override
  public SnapshotAdapter<LogState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(LogState state) {
        return state.snapshot();
      }

      @Override
      public LogState fromJournal(Object from) {
        return LogState.of((LogSnapshot) from);
      }
    };
  }
}
