package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.raw.RawRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * What the kill -9 tests share: a JVM of the test class path that ingests and appends the number of
 * each acknowledged batch to a file, killed with SIGKILL (no shutdown hook, no coordinated
 * shutdown) once enough batches are acknowledged.
 */
final class ChildKill {
  private ChildKill() {}

  /**
   * The command that runs a main class of the test class path in a new JVM.
   *
   * @param properties Java system properties for the child
   * @param main the main class
   * @param args its arguments
   * @return the command
   */
  static List<String> command(Map<String, String> properties, Class<?> main, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs the command, its output in {@code log}, until {@code acks} holds at least {@code count}
   * lines, then kills it.
   *
   * @param command the child's command
   * @param log where its output goes
   * @param acks the file the child appends each acknowledged batch's number to
   * @param count the acknowledged batches to wait for
   * @param limit how long to wait for them
   * @return the number of the last acknowledged batch
   * @throws AssertionError if the child stops, or acknowledges fewer in the limit
   * @throws IOException if the child cannot be started or its files read
   * @throws InterruptedException if interrupted while waiting
   */
  static int killAfter(List<String> command, Path log, Path acks, int count, Duration limit)
      throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + limit.toNanos();
      while (ackCount(acks) < count) {
        if (!child.isAlive()) {
          throw new AssertionError("the child JVM stopped: " + Files.readString(log));
        }
        assertThat(System.nanoTime())
            .as("%d acknowledged batches in %s", count, limit)
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no coordinated shutdown
      child.waitFor(30, TimeUnit.SECONDS);
    }
    List<String> acked = Files.readAllLines(acks);
    return Integer.parseInt(acked.get(acked.size() - 1).strip());
  }

  /**
   * The child's side: ingests batch 0, 1, 2, ... into the twin without end and appends each batch's
   * number to {@code acks} once its receipt comes (what {@link #killAfter} reads).
   *
   * @param twin the child's twin
   * @param acks the acknowledgement file
   * @param batch the rows of batch {@code b}
   * @throws IOException if the file cannot be written
   */
  static void ingestUntilKilled(LiveTwin twin, Path acks, IntFunction<List<RawRow>> batch)
      throws IOException {
    for (int b = 0; ; b++) {
      twin.ingest(batch.apply(b)).toCompletableFuture().join();
      Files.writeString(
          acks,
          b + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  private static int ackCount(Path acks) throws IOException {
    return Files.exists(acks) ? Files.readAllLines(acks).size() : 0;
  }
}
