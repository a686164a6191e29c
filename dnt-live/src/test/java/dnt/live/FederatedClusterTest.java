package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.TwinningFile;
import dnt.live.cluster.ClusterStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federated training across nodes (docs/cluster.md): the V-twin on one node (embedded journal) and
 * on three in-JVM nodes (one shared PostgreSQL journal, clients spread over the nodes, each trained
 * on the node that hosts its cell twin) gives the same models bit for bit; and a node whose clients
 * stop answering makes every round time out, drop exactly that node's clients, record it with its
 * bytes, and go on to a model. Skipped, saying why, without a PostgreSQL ({@link TestPostgres}).
 */
final class FederatedClusterTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final int S = 144;

  /** Enough cells that the shards spread over all three nodes. */
  private static final int[] CELLS = IntStream.rangeClosed(1, 45).map(i -> i * 97).toArray();

  @TempDir Path tmp;

  private static ForecastSettings forecast(Duration roundTimeout) {
    return ForecastSettings.defaults().withRounds(2, 2).withRoundTimeout(roundTimeout);
  }

  private static LiveSettings settings(Path state, Duration roundTimeout) {
    return LiveSettings.defaults(state)
        .withClock(
            Clock.fixed(Instant.ofEpochMilli(DAY + 10L * S * SLOT), ZoneOffset.UTC), Duration.ZERO)
        .withForecast(forecast(roundTimeout));
  }

  /** Slots [from, to) of every cell: a daily sine per cell with seeded noise. */
  private static List<RawRow> slots(int from, int to) {
    List<RawRow> rows = new ArrayList<>();
    for (int t = from; t < to; t++) {
      for (int c = 0; c < CELLS.length; c++) {
        Random r = new Random(31L * t + c);
        double level = 200 + 100 * Math.sin(2 * Math.PI * (t + 7 * c) / S) + 3 * r.nextGaussian();
        rows.add(new RawRow(CELLS[c], DAY + t * SLOT, 39, 1, 1, 1, 1, level));
      }
    }
    return rows;
  }

  /**
   * Two complete days, then (once every node has reported them) the first slot of the third: the
   * V-twin starts on exactly the two days, on every layout.
   */
  private static void feed(LiveTwin twin) throws InterruptedException {
    List<RawRow> rows = slots(0, 2 * S);
    for (int i = 0; i < rows.size(); i += 1_000) {
      twin.ingest(rows.subList(i, Math.min(rows.size(), i + 1_000))).toCompletableFuture().join();
    }
    Thread.sleep(3_000); // three reports (one a second) from every node
    twin.ingest(slots(2 * S, 2 * S + 1)).toCompletableFuture().join();
  }

  private static FederatedStatus awaitModel(LiveTwin twin) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (true) {
      FederatedStatus s = null;
      try {
        s = twin.federated().toCompletableFuture().join();
        if (s.phase().equals("horizontal") || s.phase().equals("failed")) {
          assertThat(s.phase()).as("%s", s.error()).isEqualTo("horizontal");
          return s;
        }
      } catch (CompletionException e) {
        // the singleton may still be starting
      }
      assertThat(System.nanoTime()).as("the V-twin did not finish: %s", s).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static void awaitUp(LiveTwin node, int members) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        ClusterStatus s = node.cluster().toCompletableFuture().join();
        if (s.members().size() == members
            && s.members().stream().allMatch(m -> m.status().equals("Up") && m.reachable())) {
          return;
        }
      } catch (CompletionException e) {
        // not yet
      }
      assertThat(System.nanoTime()).as("the cluster did not form").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static OnlineTwinning read(Path state) throws Exception {
    OnlineSettings os = forecast(ForecastSettings.DEFAULT_ROUND_TIMEOUT).online();
    return TwinningFile.read(state.resolve(LiveTwins.FORECAST_FILE), os);
  }

  /**
   * Three nodes on one PostgreSQL journal; node i trains on {@code training[i]} (null: its own).
   */
  private static LiveTwin[] cluster(
      Path tmp, TestPostgres pg, Duration roundTimeout, @Nullable Executor[] training)
      throws java.io.IOException {
    int[] ports = TestPorts.freePorts(3);
    List<ClusterSettings.SeedNode> seeds =
        List.of(new ClusterSettings.SeedNode(ClusterSettings.LOCALHOST, ports[0]));
    LiveTwin[] nodes = new LiveTwin[3];
    for (int i = 0; i < 3; i++) {
      nodes[i] =
          LiveTwins.start(
              settings(tmp.resolve("node-" + i), roundTimeout).withJournal(pg.journal()),
              new ClusterSettings(
                  ClusterSettings.LOCALHOST, ClusterSettings.LOCALHOST, ports[i], seeds),
              training[i]);
    }
    return nodes;
  }

  private static void close(LiveTwin[] nodes) {
    for (int i = nodes.length - 1; i >= 0; i--) {
      if (nodes[i] != null) {
        nodes[i].close();
      }
    }
  }

  @Test
  void theSameRunOnOneNodeAndOnThreeNodesGivesTheSameModelBitForBit() throws Exception {
    try (TestPostgres pg = TestPostgres.schemaOrSkip()) {
      Path one = tmp.resolve("one");
      FederatedStatus single;
      try (LiveTwin twin = LiveTwins.start(settings(one, Duration.ofSeconds(60)))) {
        feed(twin);
        single = awaitModel(twin);
      }
      LiveTwin[] nodes = cluster(tmp, pg, Duration.ofSeconds(60), new Executor[3]);
      FederatedStatus three;
      Map<Integer, String> cellNodes;
      try {
        awaitUp(nodes[2], 3);
        feed(nodes[0]);
        three = awaitModel(nodes[2]);
        cellNodes = cellNodes(nodes[2].cluster().toCompletableFuture().join());
        everyNodeJudgesByTheCurrentModel(nodes, pg);
      } finally {
        close(nodes);
      }
      // every client ran on the node that hosts its cell twin: the node it answered from is the
      // node whose region holds the cell's shard; and the cells are spread over all three nodes
      assertThat(three.clients()).hasSize(CELLS.length);
      for (FederatedStatus.Client c : three.clients()) {
        assertThat(c.node()).as("cell %s", c.cell()).isEqualTo(cellNodes.get(c.cell()));
      }
      assertThat(new HashSet<>(cellNodes.values())).hasSize(3);
      // the clients trained on all three nodes, and none was dropped
      for (FederatedStatus.Round r : three.traffic()) {
        assertThat(r.dropped()).isEmpty();
        assertThat(r.nodes()).hasSize(3).allMatch(n -> n.bytesReceived() > 0);
      }
      assertThat(single.traffic()).hasSize(2).allMatch(r -> r.nodes().size() == 1);
      // the same clients in every round (the bytes differ only by the lengths of the addresses
      // and reply references the messages carry)
      for (int r = 0; r < 2; r++) {
        assertThat(three.traffic().get(r).sent()).isEqualTo(single.traffic().get(r).sent());
        assertThat(total(three.traffic().get(r))).isPositive();
      }
      assertThat(three.losses()).isEqualTo(single.losses());

      OnlineTwinning a = read(one);
      OnlineTwinning b = read(tmp.resolve("node-0"));
      assertThat(b.clients()).isEqualTo(a.clients()).hasSize(CELLS.length);
      for (OnlineTwinning.ClientStatus c : a.clients()) {
        CellModel x = java.util.Objects.requireNonNull(a.model(c.cell()));
        CellModel y = java.util.Objects.requireNonNull(b.model(c.cell()));
        assertThat(y.parameters()).as("cell %s", c.cell()).containsExactly(x.parameters());
        assertThat(y.scaler()).isEqualTo(x.scaler());
      }
    }
  }

  /**
   * Every node's board holds every cell's model of the aggregator's current version (the aggregator
   * runs on node A, the oldest), so the cell twins on B and C judge their next slots by the
   * forecaster as those on A do; a node that joins later gets the current version too.
   */
  private void everyNodeJudgesByTheCurrentModel(LiveTwin[] nodes, TestPostgres pg)
      throws Exception {
    long version = awaitBoards(nodes);
    // three more slots through A: every cell's newest judged slot, wherever the cell lives, was
    // judged by its model (before the boards were replicated, the cells on B and C said
    // seasonal-naive here)
    nodes[0].ingest(slots(2 * S + 1, 2 * S + 4)).toCompletableFuture().join();
    Set<String> nodesOfCells = new HashSet<>();
    Map<Integer, String> cellNodes = cellNodes(nodes[2].cluster().toCompletableFuture().join());
    for (int cell : CELLS) {
      IntegrityReport r = nodes[2].integrity(new CellId(cell)).toCompletableFuture().join();
      assertThat(r.predictor())
          .as("cell %s on %s", cell, cellNodes.get(cell))
          .isEqualTo("forecaster");
      nodesOfCells.add(cellNodes.get(cell));
    }
    assertThat(nodesOfCells).hasSize(3);
    // a fourth node joins later and gets the current version from the aggregator
    int port = TestPorts.freePorts(1)[0];
    String seed = nodes[0].cluster().toCompletableFuture().join().self();
    int seedPort = Integer.parseInt(seed.substring(seed.lastIndexOf(':') + 1));
    try (LiveTwin late =
        LiveTwins.start(
            settings(tmp.resolve("node-late"), Duration.ofSeconds(60)).withJournal(pg.journal()),
            new ClusterSettings(
                ClusterSettings.LOCALHOST,
                ClusterSettings.LOCALHOST,
                port,
                List.of(new ClusterSettings.SeedNode(ClusterSettings.LOCALHOST, seedPort))))) {
      awaitUp(late, 4);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!boardOf(late).equals(boardOf(nodes[0]))) {
        assertThat(System.nanoTime())
            .as("the late node's board: %s", boardOf(late))
            .isLessThan(deadline);
        Thread.sleep(200);
      }
      assertThat(boardOf(late)).hasSize(CELLS.length).containsValue(version);
    }
  }

  /** Waits until every node's board holds every cell at the aggregator's version; returns it. */
  private static long awaitBoards(LiveTwin[] nodes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      long version = nodes[1].federated().toCompletableFuture().join().version();
      boolean all = version > 0;
      for (LiveTwin n : nodes) {
        Map<Integer, Long> board = boardOf(n);
        all &= board.size() == CELLS.length && board.values().stream().allMatch(v -> v == version);
      }
      if (all) {
        return version;
      }
      assertThat(System.nanoTime())
          .as("the boards: %s, %s, %s", boardOf(nodes[0]), boardOf(nodes[1]), boardOf(nodes[2]))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Map<Integer, Long> boardOf(LiveTwin node) {
    return ((PekkoLiveTwin) node).modelVersions();
  }

  /** The node hosting each cell twin of {@link #CELLS}, from the shards each node reports. */
  private static Map<Integer, String> cellNodes(ClusterStatus status) {
    // sharding's default extractor, with Pekko's default of 1000 shards (dnt-live.conf keeps it)
    HashCodeMessageExtractor<Object> shards = new HashCodeMessageExtractor<>(1000);
    Map<String, String> nodeOfShard = new HashMap<>();
    for (ClusterStatus.EntityType t : status.entityTypes()) {
      if (t.name().equals("cell")) {
        for (ClusterStatus.NodeShards n : t.nodes()) {
          n.shards().forEach(s -> nodeOfShard.put(s.id(), n.address()));
        }
      }
    }
    Map<Integer, String> out = new HashMap<>();
    for (int cell : CELLS) {
      String node = nodeOfShard.get(shards.shardId(Integer.toString(cell)));
      assertThat(node).as("the node hosting cell %s", cell).isNotNull();
      out.put(cell, node);
    }
    return out;
  }

  private static long total(FederatedStatus.Round r) {
    return r.nodes().stream().mapToLong(n -> n.bytesSent() + n.bytesReceived()).sum();
  }

  @Test
  void aRoundTimesOutDropsTheClientsOfANodeThatStoppedAnsweringAndGoesOn() throws Exception {
    try (TestPostgres pg = TestPostgres.schemaOrSkip()) {
      // node C's training never runs: its clients describe their cells but never send a model
      Executor stopped = r -> {};
      LiveTwin[] nodes =
          cluster(tmp, pg, Duration.ofSeconds(10), new Executor[] {null, null, stopped});
      try {
        awaitUp(nodes[0], 3);
        feed(nodes[0]);
        FederatedStatus s = awaitModel(nodes[0]);
        String c = nodes[2].cluster().toCompletableFuture().join().self();
        assertThat(s.roundTimeoutMillis()).isEqualTo(10_000);
        assertThat(s.traffic()).hasSize(2);
        Set<Integer> droppedOnce = new HashSet<>();
        for (FederatedStatus.Round r : s.traffic()) {
          assertThat(r.phase()).isEqualTo("vertical");
          assertThat(r.dropped()).isNotEmpty();
          assertThat(r.received()).isEqualTo(r.sent() - r.dropped().size());
          FederatedStatus.NodeBytes onC =
              r.nodes().stream().filter(n -> n.node().equals(c)).findFirst().orElseThrow();
          // exactly C's clients were dropped: sent their model, nothing came back
          assertThat(onC.clients()).isEqualTo(r.dropped().size());
          assertThat(onC.bytesSent()).isPositive();
          assertThat(onC.bytesReceived()).isZero();
          assertThat(r.nodes())
              .filteredOn(n -> !n.node().equals(c))
              .allMatch(n -> n.bytesReceived() > 0);
          droppedOnce.addAll(r.dropped());
        }
        // every cell still has its cluster twin: the dropped ones too
        assertThat(s.clients()).hasSize(CELLS.length);
        assertThat(droppedOnce).isNotEmpty();
        assertThat(s.losses()).hasSize(2).allMatch(Double::isFinite);
      } finally {
        close(nodes);
      }
    }
  }
}
