package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.store.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL mid-ingest: after a restart on its state folder, every acknowledged
 * batch is there whole, and a batch in flight is either whole or absent.
 */
final class KillRecoveryTest {
  @TempDir Path tmp;

  @Test
  void everyAcknowledgedBatchSurvivesKillNine() throws Exception {
    Path state = tmp.resolve("state");
    Path acks = tmp.resolve("acks.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KillTarget.class.getName(),
                state.toString(),
                acks.toString())
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
    }
  }

  private static int ackCount(Path acks) throws java.io.IOException {
    return Files.exists(acks) ? Files.readAllLines(acks).size() : 0;
  }
}
