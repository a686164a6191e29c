package dnt.live.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanSubset;
import dnt.data.raw.RawBatch;
import dnt.data.raw.RawRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay sends slots in time order, in capped batches, paced by a fake clock. */
final class ReplayTest {
  private static final long T0 = MilanSubset.START_MILLIS;
  private static final long SLOT = 600_000L;

  /** A clock that only moves when the replay sleeps. */
  private static final class FakeClock implements ReplayClock {
    long now = 1_000;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void sleep(long millis) {
      sleeps.add(millis);
      now += millis;
    }
  }

  /** Three cells over four slots, internet = cell * 100 + slot. */
  private static TrafficDataset small() {
    List<CellId> cells = List.of(CellId.of(3), CellId.of(1), CellId.of(2));
    float[][][] v = new float[3][4][1];
    for (int c = 0; c < 3; c++) {
      for (int t = 0; t < 4; t++) {
        v[c][t][0] = cells.get(c).value() * 100 + t;
      }
    }
    return TrafficDataset.of(cells, T0, Duration.ofMinutes(10), List.of(Service.INTERNET), v);
  }

  @Test
  void totalsBecomeOneRowPerCellAndSlotUnderTheReservedCode() {
    List<List<RawRow>> batches = new ArrayList<>();
    Replay r =
        new Replay(
            ReplaySource.totals(small()),
            b -> {
              batches.add(List.copyOf(b));
              return CompletableFuture.completedFuture(null);
            },
            ReplaySpeed.MAX,
            new FakeClock(),
            2);
    r.run();
    // 4 slots of 3 rows in batches of at most 2: 2 batches per slot.
    assertThat(batches).hasSize(8).allMatch(b -> b.size() <= 2);
    List<RawRow> all = batches.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(12);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).timeMillis()).isGreaterThanOrEqualTo(all.get(i - 1).timeMillis());
    }
    assertThat(all).allMatch(row -> row.countryCode() == RawBatch.TOTAL_COUNTRY_CODE);
    assertThat(all).allMatch(row -> row.smsIn() == 0 && row.callOut() == 0);
    assertThat(all)
        .allMatch(row -> row.internet() == row.cell() * 100 + (row.timeMillis() - T0) / SLOT);
    assertThat(r.status().state()).isEqualTo(ReplayStatus.State.FINISHED);
    assertThat(r.status().rowsSent()).isEqualTo(12);
    assertThat(r.status().slotsSent()).isEqualTo(4);
    assertThat(r.status().clockMillis()).isEqualTo(T0 + 4 * SLOT);
  }

  @Test
  void atSpeedSixtyASlotIsTenSecondsOfWallClock() {
    FakeClock clock = new FakeClock();
    List<Long> sentAt = new ArrayList<>();
    Replay r =
        new Replay(
            ReplaySource.totals(small()),
            b -> {
              sentAt.add(clock.now);
              return CompletableFuture.completedFuture(null);
            },
            new ReplaySpeed(60),
            clock,
            100);
    r.run();
    // 10 minutes of data / 60 = 10 s per slot, from the start.
    assertThat(sentAt).containsExactly(1_000L, 11_000L, 21_000L, 31_000L);
    assertThat(clock.sleeps).containsExactly(10_000L, 10_000L, 10_000L);
  }

  @Test
  void aSpeedChangeKeepsTheDataTimeReachedAndPacesWhatFollows() {
    FakeClock clock = new FakeClock();
    List<Long> sentAt = new ArrayList<>();
    Replay[] replay = new Replay[1];
    replay[0] =
        new Replay(
            ReplaySource.totals(small()),
            b -> {
              sentAt.add(clock.now);
              if (sentAt.size() == 2) {
                // at the second slot (10 s of wall clock at 60x): ten times faster from here
                replay[0].setSpeed(new ReplaySpeed(600));
              }
              return CompletableFuture.completedFuture(null);
            },
            new ReplaySpeed(60),
            clock,
            100);
    replay[0].run();
    // 10 minutes of data / 600 = 1 s per slot after the change
    assertThat(sentAt).containsExactly(1_000L, 11_000L, 12_000L, 13_000L);
    assertThat(replay[0].status().speed()).isEqualTo(new ReplaySpeed(600));
    assertThat(replay[0].status().state()).isEqualTo(ReplayStatus.State.FINISHED);
  }

  /**
   * At maximum speed consecutive slots share a batch while they fit (before, every slot was its own
   * batch and acknowledgement): in slot order, never a slot split over two groups, with the clock
   * at the end of the last slot acknowledged.
   */
  @Test
  void atMaxSpeedConsecutiveSlotsShareABatch() {
    List<List<RawRow>> batches = new ArrayList<>();
    Replay r =
        new Replay(
            ReplaySource.totals(small()),
            b -> {
              batches.add(List.copyOf(b));
              return CompletableFuture.completedFuture(null);
            },
            ReplaySpeed.MAX,
            new FakeClock(),
            7);
    r.run();
    // 4 slots of 3 rows, at most 7 rows a batch: slots 0 and 1, then 2 and 3
    assertThat(batches).hasSize(2).allMatch(b -> b.size() == 6);
    for (int k = 0; k < 2; k++) {
      List<RawRow> b = batches.get(k);
      for (int i = 0; i < b.size(); i++) {
        assertThat(b.get(i).timeMillis()).isEqualTo(T0 + (2L * k + i / 3) * SLOT);
      }
    }
    assertThat(r.status().state()).isEqualTo(ReplayStatus.State.FINISHED);
    assertThat(r.status().slotsSent()).isEqualTo(4);
    assertThat(r.status().rowsSent()).isEqualTo(12);
    assertThat(r.status().clockMillis()).isEqualTo(T0 + 4 * SLOT);
  }

  @Test
  void atAFinitePaceEverySlotIsItsOwnBatch() {
    List<List<RawRow>> batches = new ArrayList<>();
    new Replay(
            ReplaySource.totals(small()),
            b -> {
              batches.add(List.copyOf(b));
              return CompletableFuture.completedFuture(null);
            },
            new ReplaySpeed(60),
            new FakeClock(),
            100)
        .run();
    assertThat(batches).hasSize(4).allMatch(b -> b.size() == 3);
  }

  @Test
  void aReplayWaitingForItsNextSlotIsWokenBySpeedingUp() throws Exception {
    List<Integer> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    // real time: the second slot would be due ten minutes after the first
    Replay r =
        new Replay(
            ReplaySource.totals(small()),
            b -> {
              sent.add(b.size());
              return CompletableFuture.completedFuture(null);
            },
            new ReplaySpeed(1),
            ReplayClock.SYSTEM,
            100);
    r.start();
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(sent).hasSize(1);
      r.setSpeed(ReplaySpeed.MAX);
      deadline = System.nanoTime() + 10_000_000_000L;
      while (r.status().state() != ReplayStatus.State.FINISHED && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(r.status().state()).isEqualTo(ReplayStatus.State.FINISHED);
      // the first slot alone, then the three others at maximum speed, together
      assertThat(sent).containsExactly(3, 9);
      assertThat(r.status().slotsSent()).isEqualTo(4);
    } finally {
      r.stop();
    }
  }

  @Test
  void atMaxSpeedItNeverSleeps() {
    FakeClock clock = new FakeClock();
    new Replay(
            ReplaySource.totals(small()),
            b -> CompletableFuture.completedFuture(null),
            ReplaySpeed.MAX,
            clock,
            100)
        .run();
    assertThat(clock.sleeps).isEmpty();
  }

  /**
   * A slot's batches are sent together and awaited together (before, each waited for the last's
   * acknowledgement, so a slot of the city went through the twin one batch at a time); the next
   * slot follows only once all are acknowledged.
   */
  @Test
  void aSlotsBatchesAreInFlightTogether() throws Exception {
    List<CompletableFuture<Void>> pending =
        java.util.Collections.synchronizedList(new ArrayList<>());
    Replay r =
        new Replay(
            ReplaySource.totals(small()),
            b -> {
              CompletableFuture<Void> ack = new CompletableFuture<>();
              pending.add(ack);
              return ack;
            },
            ReplaySpeed.MAX,
            new FakeClock(),
            1);
    r.start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (pending.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // three cells, batches of one row: the first slot's three batches, unacknowledged, at once
    assertThat(pending).hasSize(3);
    pending.get(0).complete(null);
    pending.get(1).complete(null);
    Thread.sleep(100);
    assertThat(pending).as("the next slot waits for the whole slot").hasSize(3);
    assertThat(r.status().rowsSent()).isZero();
    pending.get(2).complete(null);
    while (pending.size() < 6 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pending).hasSize(6);
    assertThat(r.status().rowsSent()).isEqualTo(3);
    r.stop();
  }

  @Test
  void aRefusedBatchStopsTheReplayWithTheTwinsMessage() {
    int[] calls = {0};
    Replay r =
        new Replay(
            ReplaySource.totals(small()),
            b ->
                ++calls[0] == 2
                    ? CompletableFuture.failedFuture(new InvalidInputException("unknown cell 3"))
                    : CompletableFuture.completedFuture(null),
            ReplaySpeed.MAX,
            new FakeClock(),
            3);
    r.run();
    assertThat(r.status().state()).isEqualTo(ReplayStatus.State.FAILED);
    assertThat(r.status().error()).contains("unknown cell 3");
    assertThat(r.status().rowsSent()).isEqualTo(3);
    assertThat(r.status().clockMillis()).isEqualTo(T0 + SLOT);
  }

  @Test
  void rawFilesAreSentInSlotOrderFileAfterFile(@TempDir Path dir) throws Exception {
    // Each file sorted by cell then time, as the original daily files are.
    Files.writeString(
        dir.resolve("a-2013-11-01.txt"),
        "1\t" + T0 + "\t39\t1\n1\t" + (T0 + SLOT) + "\t39\t2\n2\t" + T0 + "\t39\t3\n");
    Files.writeString(dir.resolve("b-2013-11-02.txt"), "1\t" + (T0 + 2 * SLOT) + "\t39\t4\n");
    List<Long> times = new ArrayList<>();
    List<Integer> cells = new ArrayList<>();
    new Replay(
            ReplaySource.rawFiles(List.of(dir)),
            b -> {
              b.forEach(
                  row -> {
                    times.add(row.timeMillis());
                    cells.add(row.cell());
                  });
              return CompletableFuture.completedFuture(null);
            },
            ReplaySpeed.MAX,
            new FakeClock(),
            100)
        .run();
    assertThat(times).containsExactly(T0, T0, T0 + SLOT, T0 + 2 * SLOT);
    assertThat(cells).containsExactly(1, 2, 1, 1);
  }

  @Test
  void theBundledSubsetIsTwentyFiveRowsPerSlot() {
    var it = ReplaySource.bundledSubset().slots();
    SlotRows first = it.next();
    assertThat(first.slotMillis()).isEqualTo(T0);
    assertThat(first.rows()).hasSize(MilanSubset.CELLS);
  }

  @Test
  void speedParsing() {
    assertThat(ReplaySpeed.parse("max").unlimited()).isTrue();
    assertThat(ReplaySpeed.parse("0").unlimited()).isTrue();
    assertThat(ReplaySpeed.parse("60").factor()).isEqualTo(60);
    assertThat(ReplaySpeed.parse("60").toString()).isEqualTo("60");
    assertThat(ReplaySpeed.parse("2.5").toString()).isEqualTo("2.5");
    assertThat(ReplaySpeed.MAX.toString()).isEqualTo("max");
    for (String bad : List.of("-1", "abc", "NaN", "Infinity", "1e400", "")) {
      assertThatThrownBy(() -> ReplaySpeed.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("speed");
    }
  }
}
