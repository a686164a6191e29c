package dnt.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.cli.Main;
import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.store.Resolution;
import dnt.live.CellTraffic;
import dnt.live.ForecastSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt serve} in a separate JVM, stopped with SIGTERM while it replays at maximum speed: it
 * exits within {@value #EXIT_BOUND_SECONDS} s (the batches in flight finish, then the replay, the
 * server, the twin and last the journal database stop), and a restart on its state folder has every
 * row the replay had acknowledged.
 */
final class ServeSigtermTest {
  /**
   * The stated bound from SIGTERM to exit. The stop itself takes a few seconds (Pekko's coordinated
   * shutdown of the one-node cluster); before the fix the embedded database was closed by its own
   * shutdown hook under the batches in flight, whose cell twins then waited out their 30 s asks.
   */
  static final int EXIT_BOUND_SECONDS = 25;

  private static final long T0 = java.time.Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final int CELLS = 400;
  private static final int SLOTS = 288;

  @TempDir Path tmp;

  /** Row of (cell, slot): smsIn = cell, internet = slot + 1, so every slot total is known. */
  private static Path rawFile(Path dir) throws Exception {
    Path f = dir.resolve("sms-call-internet-mi-2013-11-04.txt");
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      for (int t = 0; t < SLOTS; t++) {
        for (int c = 1; c <= CELLS; c++) {
          w.write(c + "\t" + (T0 + t * SLOT) + "\t39\t" + c + "\t\t\t\t" + (t + 1) + "\n");
        }
      }
    }
    return f;
  }

  @Test
  void sigtermDuringAMaxSpeedReplayExitsInTimeAndKeepsEveryAcknowledgedRow() throws Exception {
    Path state = tmp.resolve("state");
    Path data = rawFile(tmp);
    Path log = tmp.resolve("serve.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--port",
                "0",
                "--state",
                state.toString(),
                "--replay-from",
                data.toString(),
                "--speed",
                "max",
                "--radio",
                "off",
                "--forecast",
                "off")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long rowsSent;
    long sigterm;
    try {
      String url = awaitUrl(child, log);
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      JsonNode replay;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      do {
        assertThat(System.nanoTime()).as("the replay started; see serve.log").isLessThan(deadline);
        Thread.sleep(50);
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        replay = json.readTree(health.body()).get("replay");
      } while (replay.get("rowsSent").asLong() < 10L * CELLS);
      assertThat(replay.get("state").asText())
          .as("still replaying at SIGTERM")
          .isEqualTo("running");
      rowsSent = replay.get("rowsSent").asLong();
      sigterm = System.nanoTime();
      child.destroy(); // SIGTERM on Unix: the shutdown hooks run
      if (!child.waitFor(EXIT_BOUND_SECONDS + 30, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "dnt serve did not exit after SIGTERM; serve.log:\n"
                + Files.readString(log)
                + "\nits threads:\n"
                + threads(child));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - sigterm) / 1e9;
    System.out.printf(
        Locale.ROOT, "SIGTERM after %d acknowledged rows: exited in %.1f s%n", rowsSent, seconds);
    assertThat(seconds)
        .as("seconds from SIGTERM to exit; serve.log:%n%s", Files.readString(log))
        .isLessThan(EXIT_BOUND_SECONDS);
    assertThat(Files.readString(log)).doesNotContain("Exception");

    LiveSettings settings = LiveSettings.defaults(state).withForecast(ForecastSettings.off());
    try (LiveTwin twin = LiveTwins.start(settings)) {
      long accepted = twin.status().rowsAccepted();
      assertThat(accepted).isGreaterThanOrEqualTo(rowsSent);
      // the replay sends whole slots in time order, every cell of a slot before the next slot
      int slotsAcked = (int) (rowsSent / CELLS);
      for (int cell : new int[] {1, CELLS / 2, CELLS}) {
        CellTraffic got =
            twin.traffic(CellId.of(cell), T0, T0 + SLOTS * SLOT, Resolution.TEN_MINUTES)
                .toCompletableFuture()
                .join();
        for (int t = 0; t < SLOTS; t++) {
          // small integers are exact in double: no tolerance
          if (t < slotsAcked) {
            assertThat(got.value(t, Service.INTERNET))
                .as("cell %d slot %d", cell, t)
                .isEqualTo(t + 1.0);
            assertThat(got.value(t, Service.SMS_IN)).isEqualTo(cell);
          } else {
            assertThat(got.value(t, Service.INTERNET)).isIn(0.0, t + 1.0);
          }
        }
      }
    }
  }

  /** A thread dump of a running JVM, for the failure message. */
  private static String threads(Process p) {
    try {
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(p.pid()),
                  "Thread.print")
              .redirectErrorStream(true)
              .start();
      String out =
          new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(no thread dump: interrupted)";
    } catch (java.io.IOException e) {
      return "(no thread dump: " + e + ")";
    }
  }

  private static String awaitUrl(Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      assertThat(child.isAlive()).as("dnt serve runs; see serve.log").isTrue();
      assertThat(System.nanoTime()).as("dnt serve started").isLessThan(deadline);
      if (Files.exists(log)) {
        Optional<String> line =
            Files.readAllLines(log).stream().filter(l -> l.contains("listening on ")).findFirst();
        if (line.isPresent() && Files.readString(log).contains("stop with")) {
          String l = line.get();
          return l.substring(l.indexOf("listening on ") + "listening on ".length()).strip();
        }
      }
      Thread.sleep(Duration.ofMillis(50).toMillis());
    }
  }
}
