package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.store.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private void killAndRestart(Map<String, String> properties) throws Exception {
    Path state = tmp.resolve("state");
    Path acks = tmp.resolve("acks.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of(KillTarget.class.getName(), state.toString(), acks.toString()));
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (ackCount(acks) < 20) {
        assertThat(child.isAlive()).as("the child JVM runs; see child.log").isTrue();
        assertThat(System.nanoTime())
            .as("20 acknowledged batches in 2 minutes")
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no coordinated shutdown
      child.waitFor(30, TimeUnit.SECONDS);
    }
    List<String> acked = Files.readAllLines(acks);
    int lastAcked = Integer.parseInt(acked.get(acked.size() - 1).strip());
    // the restart runs the settings of the killed JVM (Pekko reads them from system properties);
    // the values before are restored after
    Map<String, @Nullable String> before = TestProperties.current(properties.keySet());
    TestProperties.set(properties);
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
    } finally {
      TestProperties.set(before);
    }
  }

  private static int ackCount(Path acks) throws java.io.IOException {
    return Files.exists(acks) ? Files.readAllLines(acks).size() : 0;
  }
}
