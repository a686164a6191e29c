package dnt.live.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.core.geo.LocalProjection;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import dnt.data.integrity.IntegrityParams;
import dnt.data.network.OwnNetwork;
import dnt.live.cluster.ClusterStatus;
import dnt.live.radio.RadioRegion;
import dnt.live.radio.RegionPlan;
import dnt.live.radio.RegionRadio;
import dnt.live.radio.RegionSerializer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.jspecify.annotations.Nullable;

/**
 * The running Pekko system behind a live twin: a one-node cluster (Artery on the configured host,
 * joined to itself) with Cluster Sharding of {@link CellTwin}s, the {@link TwinStats} entity and,
 * where it is on, the partitions of the {@link IngestLog}, persisted through {@code
 * pekko-persistence-jdbc}. A cluster of several nodes differs only in configuration (seed nodes and
 * a shared PostgreSQL journal).
 *
 * <p>Configuration: {@code dnt-live.conf} on the class path, with the journal database and the
 * address set from {@link RuntimeSettings}, Java system properties on top, Pekko's own {@code
 * reference.conf} files underneath.
 */
public final class TwinRuntime implements AutoCloseable {
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration CLUSTER_JOIN_TIMEOUT = Duration.ofSeconds(60);

  /**
   * How long the shard statistics wait for every node's region: a node that is leaving or
   * unreachable is reported with the shards that answered, not waited for the ask timeout.
   */
  private static final Duration STATS_TIMEOUT = Duration.ofSeconds(3);

  /** The actor system's name, the same on every node: part of every node's address. */
  public static final String SYSTEM_NAME = "dnt-live";

  private static final String NO_RADIO = "this live twin runs no radio twin";

  private final RuntimeSettings settings;
  private final ActorSystem<Void> system;
  private final ClusterSharding sharding;
  private final Asks asks;
  private final @Nullable ActorRef<RadioTwin.Command> radio;
  private final Executor blocking;
  private final WriteGate writes;
  private final CountBatcher counts;
  private final AlertSet alerts;
  private final HeldCells held = new HeldCells();
  private final ModelBoard models;
  private final FlClients clients = new FlClients();
  private @Nullable ForecastRuntime forecasting;
  private final LatestBoard latest;
  private final ActorRef<NodeView.Command> view;
  private final ClusterViews views;
  private final @Nullable LocalProjection radioProjection;
  private final IntFunction<double[]> cellPosition;
  private @Nullable ReadSide readSide;
  private @Nullable ReadSideProjection projection;
  private volatile @Nullable CellStarter starter;
  private final IngestSettings ingest;
  private final CellRetention retention;
  private final AtomicLong nextPartition = new AtomicLong();

  /**
   * The ingest log partitions in the journal beyond {@link IngestSettings#partitions()}: an earlier
   * start's with more partitions (or with the log on, where it is off now). They drain ({@link
   * IngestLog}) and take no new batch.
   */
  private final List<Integer> retired;

  /** Of {@link #retired}, those the keep-alive walk has not yet seen with nothing pending. */
  private final Set<Integer> draining = ConcurrentHashMap.newKeySet();

  /**
   * The rows of the {@link #retired} partitions, which take no new batch: read once at start
   * ({@link #counted()}) and part of every total after.
   */
  private volatile long retiredRows;

  /** Told each total of the keep-alive walk ({@link #refreshCount}); null until then. */
  private volatile @Nullable LongConsumer countListener;

  private TwinRuntime(
      RuntimeSettings settings,
      ActorSystem<Void> system,
      Duration askTimeout,
      @Nullable ActorRef<RadioTwin.Command> radio,
      @Nullable LocalProjection radioProjection,
      IntFunction<double[]> cellPosition,
      NodeBoards boards,
      IngestSettings ingest,
      CellRetention retention,
      List<Integer> retired) {
    this.settings = settings;
    this.alerts = boards.alerts();
    this.latest = boards.latest();
    this.view = boards.view();
    this.models = boards.models();
    this.system = system;
    this.cellPosition = cellPosition;
    this.radioProjection = radioProjection;
    this.asks = new Asks(system, askTimeout);
    this.radio = radio;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    // half the journal's write buffer: the rest is headroom for the counter and other writers
    this.writes =
        new WriteGate(
            Math.max(1, system.settings().config().getInt("jdbc-journal.bufferSize") / 2),
            system.executionContext());
    this.sharding = ClusterSharding.get(system);
    this.ingest = ingest;
    this.retention = retention;
    this.retired = List.copyOf(retired);
    this.draining.addAll(retired);
    this.views = new ClusterViews(system, asks, alerts, latest);
    ClusterSharding sh = sharding;
    Asks a = asks;
    this.counts =
        new CountBatcher(
            rows ->
                a.ask(
                    sh.entityRefFor(TwinStats.TYPE_KEY, TwinStats.ENTITY_ID),
                    (ActorRef<Long> replyTo) -> new TwinStats.Count(rows, replyTo)));
  }

  /**
   * Creates the journal tables if missing, starts the system, joins it to itself and starts
   * sharding; returns once the node is up.
   *
   * @param settings the settings
   * @return the running runtime
   * @throws SQLException if the journal database cannot be reached or prepared
   * @throws IllegalStateException if the node does not come up in time
   */
  public static TwinRuntime start(RuntimeSettings settings) throws SQLException {
    return start(settings, NodeSettings.single(settings.host(), settings.port()));
  }

  /**
   * Creates the journal tables if missing, starts the system as a node of a cluster (joined to
   * itself without seed nodes, else to the seed nodes, which Pekko contacts in order) and starts
   * sharding; returns once the node is up.
   *
   * @param settings the settings (their host and port are replaced by the node's)
   * @param node where the node sits in the cluster
   * @return the running runtime
   * @throws SQLException if the journal database cannot be reached or prepared
   * @throws IllegalStateException if the node does not come up in time
   */
  public static TwinRuntime start(RuntimeSettings settings, NodeSettings node) throws SQLException {
    Config config = config(settings, node);
    // before anything is created: a bad dnt-live.ingest-log setting or retention window is one
    // sentence naming it (InvalidInputException, exit 2 from dnt serve); LiveTwins checks the same
    // before it touches the state folder
    LiveConfig own = LiveConfig.of(config);
    IngestSettings ingestSettings = own.ingest();
    CellRetention retention = own.retention();
    JournalSchema.ensure(settings);
    // partitions of an earlier start beyond the count now: they drain (IngestLog)
    List<Integer> retiredPartitions =
        JournalSchema.ingestPartitions(settings, ingestSettings.partitions());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config);
    try {
      // the node's view registers with the Receptionist before the node is up, so other nodes
      // find it as soon as they see the node up (ClusterViews)
      AlertSet nodeAlerts = new AlertSet();
      LatestBoard nodeLatest = new LatestBoard();
      ModelBoard nodeModels = new ModelBoard();
      NodeBoards boards =
          new NodeBoards(
              nodeAlerts,
              nodeLatest,
              nodeModels,
              system.systemActorOf(
                  NodeView.create(nodeAlerts, nodeLatest, nodeModels), "node-view", Props.empty()));
      Cluster cluster = Cluster.get(system);
      if (node.seedNodes().isEmpty()) {
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      Duration timeout = node.seedNodes().isEmpty() ? JOIN_TIMEOUT : CLUSTER_JOIN_TIMEOUT;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!cluster.selfMember().status().equals(MemberStatus.up())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              node.seedNodes().isEmpty()
                  ? "the live twin's node did not join itself in time"
                  : "the node did not join the cluster of seed nodes "
                      + String.join(", ", node.seedNodes())
                      + " within "
                      + timeout.toSeconds()
                      + " s (is the first seed node running, and are the addresses right?)");
        }
        Thread.sleep(20);
      }
      OwnNetwork network = settings.network();
      RadioCoupling coupling =
          settings.radioUsers() < 0
              ? null
              : network != null
                  ? RadioCoupling.own(
                      network,
                      settings.radioUsers(),
                      settings.radioSeed(),
                      settings.radioMbpsPerActivity())
                  : RadioCoupling.milan(
                      settings.radioUsers(), settings.radioSeed(), settings.radioMbpsPerActivity());
      ActorRef<RadioTwin.Command> radio =
          coupling == null
              ? null
              : system.systemActorOf(
                  settings.radioRegionTileM() > 0
                      ? RegionRouter.create(
                          RegionRadio.start(
                              system,
                              new RegionPlan(
                                  coupling.twin(),
                                  coupling.usersByCell(),
                                  coupling.mbpsPerActivity(),
                                  settings.radioRegionTileM()),
                              settings.askTimeout()))
                      : RadioTwin.create(coupling),
                  "radio-twin",
                  Props.empty());
      TwinRuntime rt =
          new TwinRuntime(
              settings,
              system,
              settings.askTimeout(),
              radio,
              coupling == null ? null : coupling.projection(),
              network == null ? ForecastRuntime::milanPosition : ownPosition(network),
              boards,
              ingestSettings,
              retention,
              retiredPartitions);
      AlertSet alerts = rt.alerts;
      HeldCells held = rt.held;
      ModelBoard models = rt.models;
      LatestBoard latest = rt.latest;
      FlClients clients = rt.clients;
      int every = settings.snapshotEvery();
      IntegrityParams integrity = settings.integrity();
      IngestSettings ingest = rt.ingest;
      ClusterSharding sharding = rt.sharding;
      WriteGate gate = rt.writes;
      Duration permitTimeout = settings.askTimeout();
      // with the ingest log (docs/live.md, "The ingest log") cell twins apply in memory and
      // journal coalesced; sharding's stop message makes them journal their buffer first
      Entity<CellTwin.Command, ShardingEnvelope<CellTwin.Command>> cells =
          Entity.of(
              CellTwin.TYPE_KEY,
              ctx ->
                  Behaviors.<CellTwin.Command>withTimers(
                      timers ->
                          Behaviors.setup(
                              actor -> {
                                CellTwin twin =
                                    CellTwin.create(
                                            ctx.getEntityId(),
                                            every,
                                            integrity,
                                            radio,
                                            alerts,
                                            latest)
                                        .withHeld(held)
                                        .withRetention(retention.slots())
                                        .withModels(models)
                                        .withClients(clients, actor);
                                return ingest.enabled()
                                    ? twin.withIngest(
                                        ingest,
                                        p ->
                                            sharding.entityRefFor(
                                                IngestLog.TYPE_KEY, Integer.toString(p)),
                                        timers,
                                        gate,
                                        actor.getSelf(),
                                        permitTimeout)
                                    : twin;
                              })));
      // without the log a cell twin journals each batch of a draining partition at once (in order
      // with its Observed events) and needs no stop message
      rt.sharding.init(ingest.enabled() ? cells.withStopMessage(new CellTwin.Stop()) : cells);
      if (ingest.enabled() || !rt.retired.isEmpty()) {
        rt.sharding.init(
            Entity.of(
                IngestLog.TYPE_KEY,
                ctx ->
                    IngestLog.create(
                        Integer.parseInt(ctx.getEntityId()),
                        ingest,
                        c -> sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(c)),
                        ctx.getShard())));
        var unused =
            system
                .scheduler()
                .scheduleWithFixedDelay(
                    Duration.ZERO, ingest.keepAlive(), rt::walk, system.executionContext());
      }
      rt.sharding.init(Entity.of(TwinStats.TYPE_KEY, ctx -> TwinStats.create(ctx.getEntityId())));
      rt.startReadSide(settings.readSideFile());
      rt.starter = CellStarter.start(system, rt::integrity);
      return rt;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      throw new IllegalStateException("interrupted while the live twin started", e);
    } catch (RuntimeException | SQLException e) {
      system.terminate();
      throw e;
    }
  }

  /**
   * One keep-alive walk, at once and then every {@link IngestSettings#keepAlive()}: ONE message per
   * partition ({@link IngestLog.Tick}) both keeps it running (every node ticks every partition
   * through sharding, so the partitions recover and send their pending batches again after a
   * restart or a node loss even when no new batch arrives) and answers its rows, whose sum with the
   * counter entity's and the {@link #retired} partitions' goes to {@link #refreshCount}'s consumer.
   * Draining partitions are ticked too (their re-sending runs on it) until one answers with nothing
   * pending; it stops itself then.
   */
  private void walk() {
    LongConsumer listener = countListener;
    @Nullable CompletableFuture<Long> total =
        listener == null || !ingest.enabled()
            ? null
            : asks.ask(
                sharding.entityRefFor(TwinStats.TYPE_KEY, TwinStats.ENTITY_ID), TwinStats.Get::new);
    for (int p = 0; p < ingest.partitions(); p++) {
      CompletableFuture<IngestLog.Stats> part = tick(p);
      if (total != null) {
        total = total.thenCombine(part, (t, s) -> t + s.rows());
      }
    }
    for (int p : draining) {
      var unused =
          tick(p)
              .thenAccept(
                  s -> {
                    if (s.pending() == 0) {
                      draining.remove(p);
                    }
                  });
    }
    if (total != null && listener != null) {
      // a partition that does not answer in time (moving to another node) is counted at the next
      // walk
      var unused = total.thenAccept(t -> listener.accept(t + retiredRows));
    }
  }

  private CompletableFuture<IngestLog.Stats> tick(int partition) {
    return asks.ask(
        sharding.entityRefFor(IngestLog.TYPE_KEY, Integer.toString(partition)),
        IngestLog.Tick::new);
  }

  /**
   * The partitions of the journal beyond the configured count that have not drained yet, as the
   * keep-alive walk last saw them ({@link #retired}).
   *
   * @return partition numbers, ascending
   */
  public List<Integer> drainingPartitions() {
    return draining.stream().sorted().toList();
  }

  /**
   * The ingest log's settings; {@link IngestSettings#enabled()} says whether batches go through it.
   *
   * @return the settings
   */
  public IngestSettings ingestLog() {
    return ingest;
  }

  /**
   * Makes a batch durable as one event of an ingest log partition (round robin), then applies it in
   * the touched cells' memory ({@link IngestLog}); waits in the {@link WriteGate} like a cell's
   * write.
   *
   * @param cells the rows per touched cell
   * @return completes once the batch is journaled and every touched cell has applied its rows
   */
  public CompletionStage<IngestLog.Appended> append(Map<Integer, List<Observation>> cells) {
    List<IngestLog.CellRows> rows = new ArrayList<>(cells.size());
    cells.forEach((cell, obs) -> rows.add(new IngestLog.CellRows(cell, 0, obs)));
    String partition = Long.toString(nextPartition.getAndIncrement() % ingest.partitions());
    // the answer waits for every touched cell, some of which may first recover from the journal:
    // one ask timeout per write-gate's worth of cells, as the per-cell writes had when the gate
    // sent them in waves (ColdStartTest: 3,000 cells in one batch)
    Duration wait =
        asks.timeout()
            .multipliedBy(Math.max(1, (cells.size() + writes.limit() - 1) / writes.limit()));
    return writes.submit(
        () ->
            asks.ask(
                sharding.entityRefFor(IngestLog.TYPE_KEY, partition),
                (ActorRef<IngestLog.Appended> replyTo) -> new IngestLog.Append(rows, replyTo),
                wait));
  }

  /** A node's boards and the view that serves them to the other nodes. */
  private record NodeBoards(
      AlertSet alerts, LatestBoard latest, ModelBoard models, ActorRef<NodeView.Command> view) {}

  /** A cell's centroid on the own network's plane, metres; (0, 0) for a cell it lacks. */
  static IntFunction<double[]> ownPosition(OwnNetwork network) {
    return cell -> {
      dnt.data.network.CellGrid.Cell c = network.grid().cell(cell);
      return c == null ? new double[2] : new double[] {c.centroid().x(), c.centroid().y()};
    };
  }

  private void startReadSide(Path file) throws SQLException {
    ReadSide rs;
    try {
      rs = new ReadSide(file);
    } catch (SQLException e) {
      throw new SQLException(
          "the read side " + file + " cannot be opened (" + e.getMessage() + ")", e);
    }
    readSide = rs;
    projection = ReadSideProjection.start(system, rs);
  }

  /**
   * The configuration of a node: system properties (as for any Pekko system, e.g. {@code
   * -Djdbc-journal.parallelism=4}) over the settings' journal and the node's Artery addresses and
   * seed nodes over {@code dnt-live.conf} over Pekko's reference configuration.
   *
   * @param s the settings
   * @param node the node
   * @return the resolved configuration
   */
  static Config config(RuntimeSettings s, NodeSettings node) {
    String db = "pekko-persistence-jdbc.shared-databases.dnt.";
    List<String> seeds = new ArrayList<>();
    for (String seed : node.seedNodes()) {
      seeds.add("pekko://" + SYSTEM_NAME + "@" + seed);
    }
    Config overrides =
        ConfigFactory.parseMap(
            Map.of(
                db + "profile",
                s.slickProfile(),
                db + "db.url",
                s.journalUrl(),
                db + "db.user",
                s.journalUser(),
                db + "db.password",
                s.journalPassword(),
                db + "db.driver",
                s.driver(),
                "pekko.remote.artery.canonical.hostname",
                node.host(),
                "pekko.remote.artery.canonical.port",
                node.port(),
                "pekko.remote.artery.bind.hostname",
                node.bindHost(),
                "pekko.cluster.seed-nodes",
                seeds,
                // the owner stops the runtime in order on SIGTERM (close(): batches in flight,
                // then the system, then the journal database), not Pekko's own JVM hook at once
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook",
                "off"));
    ClassLoader loader = TwinRuntime.class.getClassLoader();
    if (s.radioUsers() >= 0 && s.radioRegionTileM() > 0) {
      overrides = overrides.withFallback(ConfigFactory.parseString(RegionSerializer.BINDING));
    }
    if (s.journalUrl().startsWith("jdbc:h2:")) {
      // the read side's query reads the tags through a view on H2, where it plans well
      // (JournalSchema.H2_TAG_VIEW); the journal still writes the table
      overrides =
          overrides.withFallback(
              ConfigFactory.parseMap(
                  Map.of(
                      "jdbc-read-journal.tables.event_tag.tableName", JournalSchema.H2_TAG_VIEW)));
    }
    return ConfigFactory.defaultOverrides(loader)
        .withFallback(overrides)
        .withFallback(ConfigFactory.parseResources(loader, LiveConfig.RESOURCE))
        .withFallback(ConfigFactory.defaultReference(loader))
        .resolve();
  }

  /**
   * Sends one cell its rows as one event, once fewer than the journal's write limit are in flight
   * ({@link WriteGate}): a batch touching thousands of cells waits for journal capacity instead of
   * overflowing the journal's buffer, and the ask's timeout counts from its sending.
   *
   * @param cell the cell number
   * @param rows the rows
   * @return completes with the acknowledgement once the event is journaled
   */
  public CompletionStage<CellTwin.Ack> observe(int cell, List<Observation> rows) {
    return writes.submit(
        () ->
            asks.ask(
                sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell)),
                (ActorRef<CellTwin.Ack> replyTo) -> new CellTwin.Observe(rows, replyTo)));
  }

  /**
   * Per-slot totals of a cell.
   *
   * @param cell the cell number
   * @param fromSlot first slot
   * @param toSlot slot after the last
   * @param masked whether a masked slot shows the prediction (the twin's view) instead of the
   *     observation
   * @return {@code totals[slot - fromSlot][service]}
   */
  public CompletionStage<double[][]> totals(int cell, long fromSlot, long toSlot, boolean masked) {
    return asks.ask(
            sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell)),
            (ActorRef<CellTwin.SlotTotals> replyTo) ->
                new CellTwin.Totals(fromSlot, toSlot, masked, replyTo))
        .thenCompose(t -> beforeWindow(cell, t, toSlot, masked));
  }

  /**
   * A cell twin's totals with the slots before its retention window filled from the read side
   * (docs/live.md, "The retention window"): the twin no longer holds them, the journal's events and
   * the read side do.
   */
  private CompletionStage<double[][]> beforeWindow(
      int cell, CellTwin.SlotTotals t, long toSlot, boolean masked) {
    long from = t.fromSlot();
    long split = Math.min(toSlot, t.heldFrom());
    if (split <= from) {
      return CompletableFuture.completedFuture(t.totals());
    }
    return history(cell, from, split, masked)
        .thenApply(
            old -> {
              double[][] out = t.totals();
              System.arraycopy(old, 0, out, 0, old.length);
              return out;
            });
  }

  /**
   * The retention window of this node's cell twins ({@code dnt-live.cell.retention}).
   *
   * @return the window
   */
  public CellRetention retention() {
    return retention;
  }

  /**
   * The slots of a cell masked by the integrity check before a slot, from the read side (the slots
   * a cell twin's retention window dropped; docs/live.md, "The retention window").
   *
   * @param cell the cell number
   * @param beforeSlot the slot after the last one asked
   * @return the masked slots, ascending
   */
  public CompletionStage<long[]> maskedBefore(int cell, long beforeSlot) {
    ReadSide rs = readSide;
    if (rs == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no read side"));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return rs.maskedSlots(cell, beforeSlot);
          } catch (SQLException e) {
            throw new IllegalStateException("the read side failed: " + e.getMessage(), e);
          }
        },
        blocking);
  }

  /**
   * The integrity state of a cell's stream.
   *
   * @param cell the cell number
   * @return whether it diverges, observations checked, masked slots
   */
  public CompletionStage<CellTwin.IntegrityState> integrity(int cell) {
    return asks.ask(
        sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell)), CellTwin.Integrity::new);
  }

  /**
   * Per-slot totals of a cell from the read side (DuckDB): the journal's events up to the offset
   * the projection has reached.
   *
   * @param cell the cell number
   * @param fromSlot first slot
   * @param toSlot slot after the last
   * @param masked whether a masked slot shows the prediction (the twin's view) instead of the
   *     observation
   * @return {@code totals[slot - fromSlot][service]}
   */
  public CompletionStage<double[][]> history(int cell, long fromSlot, long toSlot, boolean masked) {
    ReadSide rs = readSide;
    if (rs == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no read side"));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return rs.totals(cell, fromSlot, toSlot, masked);
          } catch (SQLException e) {
            throw new IllegalStateException("the read side failed: " + e.getMessage(), e);
          }
        },
        blocking);
  }

  /**
   * The radio twin's KPIs now.
   *
   * @return the KPIs; fails with {@link UnsupportedOperationException} without a radio twin
   */
  public CompletionStage<TwinKpis> radioKpis() {
    ActorRef<RadioTwin.Command> r = radio;
    if (r == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(NO_RADIO));
    }
    return asks.ask(r, RadioTwin.Kpis::new);
  }

  /**
   * A copy of the radio twin now.
   *
   * @return the fork; fails with {@link UnsupportedOperationException} without a radio twin
   */
  public CompletionStage<NetworkTwin> radioFork() {
    ActorRef<RadioTwin.Command> r = radio;
    if (r == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(NO_RADIO));
    }
    return asks.ask(r, RadioTwin.Fork::new);
  }

  /**
   * Where the background start of the cell twins that hold events in the journal stands (they
   * recover from it before traffic reaches them; {@link CellStarter}).
   *
   * @return the progress
   */
  public CellStartup cellStartup() {
    CellStarter s = starter;
    return s == null ? new CellStartup(0, 0, true) : s.progress();
  }

  /**
   * The cells whose stream is flagged now in the whole cluster, from the alert sets the cell twins
   * of every node keep (no cell twin is asked; {@link ClusterViews}). On a node alone it is read
   * from its own set at once.
   *
   * @return cell numbers, ascending; fails with {@link dnt.live.cluster.NodesUnavailableException}
   *     naming the members that did not answer
   */
  public CompletionStage<int[]> alerts() {
    return views.alerts();
  }

  /**
   * Every cell's newest slot in the whole cluster, from the boards the cell twins of every node
   * keep (no cell twin is asked; {@link ClusterViews}). On a node alone it is read from its own
   * board at once.
   *
   * @return one entry per cell that holds telemetry, by ascending cell; fails with {@link
   *     dnt.live.cluster.NodesUnavailableException} naming the members that did not answer
   */
  public CompletionStage<List<LatestBoard.Entry>> latest() {
    return views.latest();
  }

  /**
   * Makes this node's view stop answering the other nodes (it stays registered and the node stays a
   * member), as a node whose view has failed: for the tests of the cluster views' error.
   */
  public void silenceView() {
    view.tell(new NodeView.Silence());
  }

  /**
   * The version of every cell's forecasting model on this node's board (the cell twins' integrity
   * check reads it), for the tests of its replication.
   *
   * @return cell to version
   */
  public Map<Integer, Long> modelVersions() {
    return models.versions();
  }

  /**
   * The projection from lon/lat (WGS84) to the radio twin's plane.
   *
   * @return the projection, or null without a radio twin
   */
  public @Nullable LocalProjection radioProjection() {
    return radioProjection;
  }

  /**
   * Counts acknowledged rows durably: coalesced with the counts of other batches that finish while
   * one is being journaled ({@link CountBatcher}), and not queued in the {@link WriteGate} (at most
   * one count event is in flight, so the gate's margin below the journal's buffer holds it).
   *
   * @param rows rows of a batch
   * @return the total after a count that includes them
   */
  public CompletionStage<Long> count(long rows) {
    return counts.count(rows).thenApply(t -> t + retiredRows);
  }

  /**
   * The rows acknowledged so far; with the ingest log, once every partition has recovered and its
   * cells applied the batches it sent again. Partitions of the journal beyond the configured count
   * ({@link #retired}) are asked too: their rows count, and their batches are in the cells before
   * the node serves.
   *
   * @return the total
   */
  public CompletionStage<Long> counted() {
    // with the ingest log, the rows of its batches (recovered with each partition) add to the
    // count of the batches acknowledged before it was turned on; each partition answers once the
    // batches it sent again on recovery are applied (IngestLog.Settled), so the node serves the
    // rows only the log held from its first query on
    CompletableFuture<Long> total =
        asks.ask(
            sharding.entityRefFor(TwinStats.TYPE_KEY, TwinStats.ENTITY_ID), TwinStats.Get::new);
    for (int p = 0; p < ingest.partitions(); p++) {
      total = total.thenCombine(settled(p), (t, s) -> t + s.rows());
    }
    CompletableFuture<Long> old = CompletableFuture.completedFuture(0L);
    for (int p : retired) {
      old = old.thenCombine(settled(p), (t, s) -> t + s.rows());
    }
    return total.thenCombine(
        old,
        (t, r) -> {
          retiredRows = r;
          return t + r;
        });
  }

  private CompletableFuture<IngestLog.Stats> settled(int partition) {
    return asks.ask(
        sharding.entityRefFor(IngestLog.TYPE_KEY, Integer.toString(partition)),
        IngestLog.Settled::new);
  }

  /**
   * Tells {@code total} the rows acknowledged on every node (the counter of the batches from before
   * the ingest log plus every log partition's rows) after every keep-alive walk ({@link #walk}): a
   * node adds its own batches to its count at once, the other nodes' batches reach it this way.
   * Does nothing without the ingest log (the counter entity counts every batch there).
   *
   * @param total told each fresh total
   */
  public void refreshCount(LongConsumer total) {
    if (ingest.enabled()) {
      countListener = total;
    }
  }

  /**
   * The cluster as this node sees it now: its members, the shards of every entity type per node
   * with their running entities (Pekko's {@code GetClusterShardingStats}, which asks every node's
   * region), and where the aggregator singleton runs (the oldest member that is up).
   *
   * @return the status
   */
  public CompletionStage<ClusterStatus> clusterStatus() {
    Cluster cluster = Cluster.get(system);
    org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state = cluster.state();
    List<ClusterStatus.Member> members = new ArrayList<>();
    org.apache.pekko.cluster.Member oldest = null;
    for (org.apache.pekko.cluster.Member m : state.getMembers()) {
      members.add(
          new ClusterStatus.Member(
              m.address().toString(),
              m.status().toString(),
              new java.util.TreeSet<>(m.getRoles()).stream().toList(),
              !state.getUnreachable().contains(m)));
      if (m.status().equals(MemberStatus.up()) && (oldest == null || m.isOlderThan(oldest))) {
        oldest = m;
      }
    }
    members.sort(java.util.Comparator.comparing(ClusterStatus.Member::address));
    org.apache.pekko.actor.Address leader = state.getLeader();
    List<ClusterStatus.Singleton> singletons = new ArrayList<>();
    List<EntityTypeKey<?>> types = new ArrayList<>(List.of(CellTwin.TYPE_KEY, TwinStats.TYPE_KEY));
    if (ingest.enabled()) {
      types.add(IngestLog.TYPE_KEY);
    }
    if (settings.radioUsers() >= 0 && settings.radioRegionTileM() > 0) {
      types.add(RadioRegion.TYPE_KEY);
    }
    if (forecasting() != null) {
      singletons.add(
          new ClusterStatus.Singleton(
              ForecastRuntime.AGGREGATOR, oldest == null ? null : oldest.address().toString()));
    }
    List<CompletableFuture<ClusterStatus.EntityType>> perType = new ArrayList<>();
    for (EntityTypeKey<?> type : types) {
      perType.add(shardsOf(type).toCompletableFuture());
    }
    String self = cluster.selfMember().address().toString();
    String leaderAddress = leader == null ? null : leader.toString();
    RemoteTraffic.Sent sent =
        RemoteTraffic.sent(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
    return CompletableFuture.allOf(perType.toArray(CompletableFuture[]::new))
        .thenApply(
            v ->
                new ClusterStatus(
                    self,
                    leaderAddress,
                    members,
                    perType.stream().map(CompletableFuture::join).toList(),
                    singletons,
                    new ClusterStatus.RemoteSent(sent.messages(), sent.bytes())));
  }

  private CompletionStage<ClusterStatus.EntityType> shardsOf(EntityTypeKey<?> type) {
    return asks.<ClusterShardingQuery, ShardRegion.ClusterShardingStats>ask(
            sharding.shardState(),
            replyTo -> new GetClusterShardingStats(type, STATS_TIMEOUT, replyTo),
            STATS_TIMEOUT.multipliedBy(2))
        .thenApply(
            stats -> {
              List<ClusterStatus.NodeShards> nodes = new ArrayList<>();
              stats
                  .getRegions()
                  .forEach(
                      (address, region) -> {
                        List<ClusterStatus.Shard> shards = new ArrayList<>();
                        region
                            .getStats()
                            .forEach(
                                (id, n) ->
                                    shards.add(
                                        new ClusterStatus.Shard(id, ((Number) n).intValue())));
                        shards.sort(java.util.Comparator.comparing(ClusterStatus.Shard::id));
                        List<String> failed = new ArrayList<>(region.getFailed());
                        failed.sort(null);
                        nodes.add(new ClusterStatus.NodeShards(address.toString(), shards, failed));
                      });
              nodes.sort(java.util.Comparator.comparing(ClusterStatus.NodeShards::address));
              return new ClusterStatus.EntityType(type.name(), nodes);
            });
  }

  /**
   * Starts the federated forecasters: FL client entities and the aggregator singleton ({@link
   * ForecastRuntime}).
   *
   * @param params the aggregator's settings
   * @param training where training runs, or null for a dedicated daemon thread
   * @return the forecasting handle, closed with this runtime
   */
  public synchronized ForecastRuntime startForecasting(
      FlAggregator.Params params, @Nullable Executor training) {
    if (forecasting != null) {
      throw new IllegalStateException("forecasting is already started");
    }
    retention.requireFor(params);
    String never = retention.vtwinNeverStarts(params);
    if (never != null) {
      system.log().warn(never);
    }
    ForecastRuntime f =
        ForecastRuntime.start(
            system,
            sharding,
            held,
            models,
            clients,
            asks,
            params,
            training,
            blocking,
            cellPosition);
    forecasting = f;
    return f;
  }

  /**
   * The forecasting part, once started.
   *
   * @return it, or null when forecasting is off
   */
  public synchronized @Nullable ForecastRuntime forecasting() {
    return forecasting;
  }

  /**
   * Runs Pekko's coordinated shutdown (the node leaves, sharding hands off, the journal's pool
   * closes) and waits for the system to terminate.
   */
  @Override
  public void close() {
    ForecastRuntime f = forecasting;
    if (f != null) {
      f.close();
    }
    ReadSideProjection p = projection;
    if (p != null) {
      p.stop();
      try {
        p.done().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // the read side keeps its last committed prefix and resumes from it
      }
    }
    ReadSide rs = readSide;
    if (rs != null) {
      try {
        rs.close();
      } catch (SQLException e) {
        // closing a read-only handle; nothing to recover
      }
    }
    try {
      CoordinatedShutdown.get(system)
          .runAll(CoordinatedShutdown.unknownReason())
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      system.terminate();
      throw new IllegalStateException("the live twin did not shut down cleanly", e);
    } finally {
      // last: the embedded journal database, which no longer closes itself on JVM exit
      JournalSchema.closeEmbedded(settings);
    }
  }
}
