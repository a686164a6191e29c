package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.cluster.ClusterStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes of one cluster in this JVM (three actor systems on 127.0.0.1, one shared PostgreSQL
 * journal, sharded cell twins; docs/cluster.md): rows ingested through node A read back through
 * node C equal to the expected per-cell series; after A leaves, its cells move to B and C, recover
 * from the journal, and read back equal again. Skipped, saying why, without a PostgreSQL ({@link
 * TestPostgres}).
 */
final class ThreeNodeClusterTest {
  /** Enough cells that the shards spread over all three nodes. */
  private static final int[] CELLS = IntStream.rangeClosed(1, 60).map(i -> i * 97).toArray();

  private static final int SLOTS = 18;

  @TempDir Path tmp;

  private static ClusterStatus awaitStatus(LiveTwin node, Predicate<ClusterStatus> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    ClusterStatus s = null;
    while (true) {
      try {
        s = node.cluster().toCompletableFuture().join();
        if (done.test(s)) {
          return s;
        }
      } catch (CompletionException e) {
        // a node that leaves may leave a status query unanswered while the cluster changes
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the cluster did not settle in 60 s: " + s);
      }
      Thread.sleep(200);
    }
  }

  private static boolean allUp(ClusterStatus s, int members) {
    return s.members().size() == members
        && s.members().stream().allMatch(m -> m.status().equals("Up") && m.reachable());
  }

  private static ClusterStatus.EntityType cells(ClusterStatus s) {
    return s.entityTypes().stream().filter(t -> t.name().equals("cell")).findFirst().orElseThrow();
  }

  private static void readAll(LiveTwin node, List<List<RawRow>> batches, String when) {
    for (int cell : CELLS) {
      TestRows.assertSeries(
          node.traffic(
                  CellId.of(cell),
                  TestRows.DAY,
                  TestRows.DAY + SLOTS * TestRows.SLOT,
                  Resolution.TEN_MINUTES)
              .toCompletableFuture()
              .join(),
          TestRows.expected(batches, cell, SLOTS),
          "cell " + cell + " " + when);
    }
  }

  @Test
  void ingestThroughAReadsBackThroughCBeforeAndAfterALeaves() throws Exception {
    try (TestPostgres pg = TestPostgres.schemaOrSkip()) {
      int[] ports = TestPorts.freePorts(3);
      List<ClusterSettings.SeedNode> seeds =
          List.of(new ClusterSettings.SeedNode(ClusterSettings.LOCALHOST, ports[0]));
      LiveTwin[] nodes = new LiveTwin[3];
      try {
        for (int i = 0; i < 3; i++) {
          LiveSettings s =
              LiveSettings.defaults(tmp.resolve("node-" + i))
                  .withJournal(pg.journal())
                  .withClock(
                      Clock.fixed(
                          Instant.ofEpochMilli(TestRows.DAY + 144 * TestRows.SLOT), ZoneOffset.UTC),
                      Duration.ofHours(1))
                  .withForecast(ForecastSettings.off());
          nodes[i] =
              LiveTwins.start(
                  s,
                  new ClusterSettings(
                      ClusterSettings.LOCALHOST, ClusterSettings.LOCALHOST, ports[i], seeds));
        }
        LiveTwin a = nodes[0];
        LiveTwin c = nodes[2];
        String addressA = "pekko://dnt-live@127.0.0.1:" + ports[0];
        awaitStatus(c, s -> allUp(s, 3));

        List<List<RawRow>> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          List<RawRow> b = TestRows.random(100 + i, 400, CELLS);
          batches.add(b);
          assertThat(a.ingest(b).toCompletableFuture().join().accepted()).isEqualTo(400);
        }
        readAll(c, batches, "through C");
        // C acknowledged none of them: its count comes from the keep-alive walk, whose one message
        // per partition answers that partition's rows (every keep-alive, 2 s by default)
        long counted = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (c.status().rowsAccepted() < 5L * 400 && System.nanoTime() < counted) {
          Thread.sleep(100);
        }
        assertThat(c.status().rowsAccepted()).isEqualTo(5L * 400);

        ClusterStatus before = c.cluster().toCompletableFuture().join();
        assertThat(before.self()).isEqualTo("pekko://dnt-live@127.0.0.1:" + ports[2]);
        ClusterStatus.EntityType cellType = cells(before);
        // every node hosts cell twins, and every cell runs once in the cluster
        assertThat(cellType.nodes()).hasSize(3);
        assertThat(cellType.nodes()).allMatch(n -> n.entities() > 0);
        assertThat(cellType.nodes().stream().mapToInt(ClusterStatus.NodeShards::entities).sum())
            .isEqualTo(CELLS.length);
        // A sent every cell twin on B and C at least one Observe (its batches' rows of that cell),
        // besides the cluster's own messages; C only its reads' commands and the cluster's
        ClusterStatus fromA = a.cluster().toCompletableFuture().join();
        int elsewhere =
            cellType.nodes().stream()
                .filter(n -> !n.address().equals(addressA))
                .mapToInt(ClusterStatus.NodeShards::entities)
                .sum();
        assertThat(elsewhere).isPositive();
        assertThat(fromA.remoteSent().messages()).isGreaterThanOrEqualTo(elsewhere);
        assertThat(fromA.remoteSent().bytes()).isGreaterThan(fromA.remoteSent().messages());
        assertThat(before.remoteSent().messages()).isPositive();

        a.close();
        ClusterStatus after = awaitStatus(c, s -> allUp(s, 2));
        assertThat(after.members()).noneMatch(m -> m.address().equals(addressA));
        readAll(c, batches, "through C after A left");
        ClusterStatus.EntityType moved = cells(c.cluster().toCompletableFuture().join());
        assertThat(moved.nodes()).noneMatch(n -> n.address().equals(addressA));
        assertThat(moved.nodes().stream().mapToInt(ClusterStatus.NodeShards::entities).sum())
            .isEqualTo(CELLS.length);
      } finally {
        for (int i = nodes.length - 1; i >= 0; i--) {
          if (nodes[i] != null) {
            nodes[i].close();
          }
        }
      }
    }
  }
}
