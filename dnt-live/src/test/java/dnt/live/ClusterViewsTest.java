package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.live.cluster.ClusterStatus;
import dnt.live.cluster.NodesUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-wide views (docs/cluster.md, "Cluster-wide views"): on three nodes in this JVM (one
 * shared PostgreSQL journal, cells spread over all three), two days of telemetry ingested through
 * node A give, through every node, the same integrity alerts and the same board of newest slots as
 * one node alone given the same batches (the reference, on the embedded journal). Then node B's
 * view stops answering: the alerts and the board through A and C fail with {@link
 * NodesUnavailableException} naming B, never a partial answer. Skipped, saying why, without a
 * PostgreSQL ({@link TestPostgres}).
 */
final class ClusterViewsTest {
  /** Enough cells, far apart in number, that the shards spread over all three nodes. */
  private static final int[] CELLS = IntStream.rangeClosed(1, 36).map(i -> i * 277).toArray();

  /** Slots per batch: a batch is two hours of every cell. */
  private static final int PER_BATCH = 12;

  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(TestRows.DAY + 3 * 144 * TestRows.SLOT), ZoneOffset.UTC);

  @TempDir Path tmp;

  /**
   * Two days of a daily sine with noise per cell, one country code; every third cell's stream is 4
   * times too high from slot 130 of the second day, so its alert is still up at the end (as in
   * {@code IntegrityTest}), and every fifth cell's for slots 60 to 70 only, so its alert clears.
   */
  private static List<List<RawRow>> batches() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(14);
    List<List<RawRow>> out = new ArrayList<>();
    for (int from = 0; from < 2 * 144; from += PER_BATCH) {
      List<RawRow> batch = new ArrayList<>();
      for (int t = from; t < from + PER_BATCH; t++) {
        int slotOfDay = t % 144;
        double level = 100 + 50 * Math.sin(2 * Math.PI * slotOfDay / 144);
        for (int k = 0; k < CELLS.length; k++) {
          boolean secondDay = t >= 144;
          boolean stuck = k % 3 == 0 && secondDay && slotOfDay >= 130;
          boolean blip = k % 5 == 0 && secondDay && slotOfDay >= 60 && slotOfDay < 70;
          double factor = stuck || blip ? 4 : 1;
          double[] v = new double[5];
          for (int s = 0; s < 5; s++) {
            v[s] = Math.max(0, factor * level * (s + 1) / 15.0 + rng.nextGaussian() * 0.5);
          }
          batch.add(
              new RawRow(
                  CELLS[k], TestRows.DAY + t * TestRows.SLOT, 39, v[0], v[1], v[2], v[3], v[4]));
        }
      }
      out.add(batch);
    }
    return out;
  }

  private static LiveSettings settings(Path state) {
    return LiveSettings.defaults(state)
        .withClock(CLOCK, Duration.ZERO)
        .withForecast(ForecastSettings.off());
  }

  private static void ingest(LiveTwin twin, List<List<RawRow>> batches) {
    for (List<RawRow> b : batches) {
      assertThat(twin.ingest(b).toCompletableFuture().join().accepted()).isEqualTo(b.size());
    }
  }

  /**
   * Waits for a view's answer, retrying while a member has not registered its view yet (it is found
   * through the Receptionist, which learns of a new node's view by gossip).
   */
  private static <T> T settled(Supplier<CompletionStage<T>> view) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return view.get().toCompletableFuture().join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof NodesUnavailableException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(200);
    }
  }

  private static ClusterStatus awaitAllUp(LiveTwin node) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    ClusterStatus s = null;
    while (System.nanoTime() < deadline) {
      try {
        s = node.cluster().toCompletableFuture().join();
        if (s.members().size() == 3
            && s.members().stream().allMatch(m -> m.status().equals("Up") && m.reachable())) {
          return s;
        }
      } catch (CompletionException e) {
        // the cluster is still forming
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the cluster did not form in 60 s: " + s);
  }

  @Test
  void everyNodeAnswersTheAlertsAndTheBoardOfOneNodeAndAMissingMemberIsNamed() throws Exception {
    List<List<RawRow>> batches = batches();
    List<CellId> alone;
    List<CellLatest> aloneLatest;
    try (LiveTwin single = LiveTwins.start(settings(tmp.resolve("single")))) {
      ingest(single, batches);
      alone = single.alerts().toCompletableFuture().join();
      aloneLatest = single.latest().toCompletableFuture().join();
    }
    // the reference is worth comparing with: some cells flagged, not all; every cell on the board
    List<CellId> stuck = new ArrayList<>();
    for (int k = 0; k < CELLS.length; k += 3) {
      stuck.add(CellId.of(CELLS[k]));
    }
    assertThat(alone).containsAll(stuck).hasSizeLessThan(CELLS.length);
    assertThat(aloneLatest).hasSize(CELLS.length);
    assertThat(aloneLatest)
        .allMatch(l -> l.slotMillis() == TestRows.DAY + (2 * 144 - 1) * TestRows.SLOT);

    try (TestPostgres pg = TestPostgres.schemaOrSkip()) {
      int[] ports = TestPorts.freePorts(3);
      List<ClusterSettings.SeedNode> seeds =
          List.of(new ClusterSettings.SeedNode(ClusterSettings.LOCALHOST, ports[0]));
      LiveTwin[] nodes = new LiveTwin[3];
      try {
        for (int i = 0; i < 3; i++) {
          nodes[i] =
              LiveTwins.start(
                  settings(tmp.resolve("node-" + i)).withJournal(pg.journal()),
                  new ClusterSettings(
                      ClusterSettings.LOCALHOST, ClusterSettings.LOCALHOST, ports[i], seeds));
        }
        awaitAllUp(nodes[2]);
        ingest(nodes[0], batches);

        // the cells live on all three nodes, so every view holds only a part of them
        ClusterStatus status = nodes[2].cluster().toCompletableFuture().join();
        ClusterStatus.EntityType cells =
            status.entityTypes().stream()
                .filter(t -> t.name().equals("cell"))
                .findFirst()
                .orElseThrow();
        assertThat(cells.nodes()).hasSize(3).allMatch(n -> n.entities() > 0);

        for (int i = 0; i < 3; i++) {
          LiveTwin node = nodes[i];
          assertThat(settled(node::alerts)).as("alerts through node " + i).isEqualTo(alone);
          // CellLatest compares its five services with Arrays.equals: bit for bit, the same sums
          assertThat(settled(node::latest)).as("board through node " + i).isEqualTo(aloneLatest);
        }

        String addressB = "pekko://dnt-live@127.0.0.1:" + ports[1];
        ((PekkoLiveTwin) nodes[1]).silenceView();
        for (LiveTwin node : List.of(nodes[0], nodes[2])) {
          for (Supplier<CompletionStage<?>> view :
              List.<Supplier<CompletionStage<?>>>of(node::alerts, node::latest)) {
            assertThatThrownBy(() -> view.get().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(NodesUnavailableException.class)
                .hasMessageContaining(addressB)
                .satisfies(
                    e ->
                        assertThat(((NodesUnavailableException) e).nodes())
                            .containsExactly(addressB));
          }
        }
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
