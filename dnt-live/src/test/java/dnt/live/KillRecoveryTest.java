package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.store.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL mid-ingest: after a restart on its state folder, every acknowledged
 * batch is there whole, and a batch in flight is either whole or absent.
 */
final class KillRecoveryTest {
  @TempDir Path tmp;

  /** The default settings: the ingest log with its default flush interval. */
  @Test
  void everyAcknowledgedBatchSurvivesKillNine() throws Exception {
    killAndRestart(Map.of());
  }

  /** Without the ingest log: one event per touched cell twin per batch. */
  @Test
  void everyAcknowledgedBatchSurvivesKillNineOnThePerCellPath() throws Exception {
    killAndRestart(Map.of("dnt-live.ingest-log.partitions", "0"));
  }

  /**
   * With the ingest log, and cells that never flush before the kill (an hour's interval, no row
   * bound): every acknowledged row is only in the log's events when the JVM dies, so the restart
   * must recover it from there (docs/live.md, "The ingest log").
   */
  @Test
  void everyAcknowledgedBatchSurvivesKillNineBetweenTheAnswerAndTheCellsFlush() throws Exception {
    killAndRestart(
        Map.of(
            "dnt-live.ingest-log.partitions", "2",
            "dnt-live.ingest-log.flush-interval", "1h",
            "dnt-live.ingest-log.flush-rows", "100000000"));
  }

  /** Four partitions whose cells never flush before the kill. */
  private static final Map<String, String> FOUR_UNFLUSHED =
      Map.of(
          "dnt-live.ingest-log.partitions", "4",
          "dnt-live.ingest-log.flush-interval", "1h",
          "dnt-live.ingest-log.flush-rows", "100000000");

  /**
   * Killed with rows only in the log, restarted with the log off: the four partitions of the
   * journal still start, send their batches to the cells (which journal them at once) and drain;
   * every acknowledged row is there once and counted, and stays after a second start.
   */
  @Test
  void rowsOnlyTheLogHeldSurviveARestartWithTheLogOff() throws Exception {
    Map<String, String> off = Map.of("dnt-live.ingest-log.partitions", "0");
    int lastAcked =
        killAndRestart(
            FOUR_UNFLUSHED,
            off,
            twin -> {
              assertThat(((PekkoLiveTwin) twin).ingestLog()).isFalse();
              awaitDrained(twin);
              // the count holds the drained partitions' rows, and a batch on the per-cell path
              // adds its own to them
              long counted = twin.status().rowsAccepted();
              twin.ingest(KillTarget.batch(500)).toCompletableFuture().join();
              assertThat(twin.status().rowsAccepted()).isEqualTo(counted + KillTarget.ROWS);
            });
    // drained: the cells' own journals hold every row, and the partitions send nothing again
    restartAndCheck(FOUR_UNFLUSHED, off, lastAcked, twin -> {});
  }

  /**
   * Killed with four partitions holding the only copy of the rows, restarted with two: partitions 2
   * and 3 drain (their cells flush every 300 ms and confirm), 0 and 1 run on.
   */
  @Test
  void rowsOnlyTheLogHeldSurviveARestartWithFewerPartitions() throws Exception {
    killAndRestart(
        FOUR_UNFLUSHED,
        Map.of(
            "dnt-live.ingest-log.partitions", "2", "dnt-live.ingest-log.flush-interval", "300ms"),
        twin -> {
          assertThat(((PekkoLiveTwin) twin).ingestLog()).isTrue();
          awaitDrained(twin);
        });
  }

  /** The other direction: killed with the log off, restarted with it on. */
  @Test
  void rowsOfThePerCellPathSurviveARestartWithTheLogOn() throws Exception {
    killAndRestart(
        Map.of("dnt-live.ingest-log.partitions", "0"),
        Map.of("dnt-live.ingest-log.partitions", "2"),
        twin -> assertThat(((PekkoLiveTwin) twin).ingestLog()).isTrue());
  }

  /** The partitions beyond the count drain within the keep-alive walks of 30 s. */
  private static void awaitDrained(LiveTwin twin) throws InterruptedException {
    PekkoLiveTwin t = (PekkoLiveTwin) twin;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!t.drainingPartitions().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(t.drainingPartitions()).as("partitions still draining after 30 s").isEmpty();
  }

  /** What a test checks of the restarted twin besides its rows. */
  private interface Check {
    void accept(LiveTwin twin) throws Exception;
  }

  private void killAndRestart(Map<String, String> properties) throws Exception {
    killAndRestart(properties, properties, twin -> {});
  }

  /**
   * Kills a JVM ingesting with {@code kill}'s settings, restarts on its state folder with {@code
   * restart}'s and checks every acknowledged row.
   *
   * @return the last acknowledged batch
   */
  private int killAndRestart(Map<String, String> kill, Map<String, String> restart, Check check)
      throws Exception {
    Path state = tmp.resolve("state");
    Path acks = tmp.resolve("acks.txt");
    int lastAcked =
        ChildKill.killAfter(
            ChildKill.command(kill, KillTarget.class, state.toString(), acks.toString()),
            tmp.resolve("child.log"),
            acks,
            20,
            Duration.ofMinutes(2));
    restartAndCheck(kill, restart, lastAcked, check);
    return lastAcked;
  }

  /**
   * Starts a twin on the state folder with {@code restart}'s settings (Pekko reads them from system
   * properties; those of {@code kill} it does not name are cleared, and the values before are
   * restored after) and checks every acknowledged batch, whole, and nothing doubled.
   */
  private void restartAndCheck(
      Map<String, String> kill, Map<String, String> restart, int lastAcked, Check check)
      throws Exception {
    Path state = tmp.resolve("state");
    Set<String> keys = new HashSet<>(kill.keySet());
    keys.addAll(restart.keySet());
    Map<String, @Nullable String> before = TestProperties.current(keys);
    Map<String, @Nullable String> values = new HashMap<>();
    keys.forEach(k -> values.put(k, restart.get(k)));
    TestProperties.set(values);
    try (LiveTwin twin = LiveTwins.start(LiveSettings.defaults(state))) {
      int slots = lastAcked + 10;
      CellTraffic got =
          twin.traffic(CellId.of(1), 0, slots * 600_000L, Resolution.TEN_MINUTES)
              .toCompletableFuture()
              .join();
      for (int b = 0; b < slots; b++) {
        // integers below 2^53 are exact in double: ROWS * (b + 1) needs no tolerance
        double whole = (double) KillTarget.ROWS * (b + 1);
        double v = got.value(b, Service.SMS_IN);
        if (b <= lastAcked) {
          assertThat(v).as("acknowledged batch %d", b).isEqualTo(whole);
        } else {
          assertThat(v).as("unacknowledged batch %d is whole or absent", b).isIn(0.0, whole);
        }
      }
      assertThat(twin.status().rowsAccepted())
          .isGreaterThanOrEqualTo((long) KillTarget.ROWS * (lastAcked + 1));
      check.accept(twin);
    } finally {
      TestProperties.set(before);
    }
  }
}
