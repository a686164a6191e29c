package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.integrity.IntegrityParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest log's protocol with its cell twins, as actors on Pekko's in-memory journal (which
 * serializes every event through the bound serializer, so the new formats are exercised) and the
 * local snapshot store: a batch is journaled once by the log, applied by the cells before the
 * answer, journaled by the cells only when they flush, and sent again from the log until then.
 */
final class IngestLogTest {
  private static final IntegrityParams OFF = new IntegrityParams(288, 36, 6, 3, false);

  /**
   * One partition; cells flush only when told (an hour's interval); the log snapshots every two
   * batches and re-sends a pending batch at every tick.
   */
  private static final IngestSettings SETTINGS =
      new IngestSettings(
          1, Duration.ofHours(1), 1_000_000, 2, Duration.ZERO, Duration.ofSeconds(1));

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private ActorTestKit kit;
  private final Map<Integer, ActorRef<CellTwin.Command>> cells = new ConcurrentHashMap<>();
  private final AtomicReference<ActorRef<IngestLog.Command>> log = new AtomicReference<>();
  private int incarnation;

  @BeforeEach
  void start() {
    kit = InMemoryPersistence.kit(tmp);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  private static Observation obs(long slot, int cc, double v) {
    return InMemoryPersistence.obs(slot, cc, v);
  }

  /** (Re)starts a cell twin, recovering it from the journal; snapshots every two events. */
  private void startCell(int cell) {
    ActorRef<CellTwin.Command> ref =
        kit.spawn(
            Behaviors.<CellTwin.Command>withTimers(
                timers ->
                    Behaviors.setup(
                        ctx ->
                            CellTwin.create(Integer.toString(cell), 2, OFF, null)
                                .withIngest(
                                    SETTINGS,
                                    p -> log.get(),
                                    timers,
                                    null,
                                    ctx.getSelf(),
                                    Duration.ofSeconds(5)))),
            "cell-" + cell + "-" + incarnation++);
    cells.put(cell, ref);
  }

  /** (Re)starts the log partition, recovering it from the journal. */
  private void startLog() {
    startLog(0, SETTINGS);
  }

  /** (Re)starts a log partition, recovering it from the journal; draining at or beyond P. */
  private void startLog(int partition, IngestSettings settings) {
    log.set(
        kit.spawn(
            IngestLog.create(partition, settings, c -> cells.get(c)), "log-" + incarnation++));
  }

  /** (Re)starts a cell twin as on a node with the log off: no buffer, no partitions of its own. */
  private void startCellWithoutLog(int cell) {
    cells.put(
        cell,
        kit.spawn(
            CellTwin.create(Integer.toString(cell), 2, OFF, null),
            "cell-" + cell + "-" + incarnation++));
  }

  /** Stops an actor without a stop message: a cell twin loses what it has not journaled. */
  private void crash(ActorRef<?> ref) {
    kit.stop(ref, WAIT);
  }

  private IngestLog.Appended append(List<IngestLog.CellRows> rows) {
    TestProbe<IngestLog.Appended> answer = kit.createTestProbe();
    log.get().tell(new IngestLog.Append(rows, answer.getRef()));
    return answer.receiveMessage(WAIT);
  }

  private static IngestLog.CellRows rows(int cell, Observation... rows) {
    return new IngestLog.CellRows(cell, 0, List.of(rows));
  }

  private double[][] totals(int cell, long from, long to) {
    TestProbe<CellTwin.SlotTotals> answer = kit.createTestProbe();
    cells.get(cell).tell(new CellTwin.Totals(from, to, false, answer.getRef()));
    return answer.receiveMessage(WAIT).totals();
  }

  private IngestLog.Stats stats() {
    TestProbe<IngestLog.Stats> answer = kit.createTestProbe();
    log.get().tell(new IngestLog.Tick(answer.getRef()));
    return answer.receiveMessage(WAIT);
  }

  private void flush(int cell) {
    cells.get(cell).tell(new CellTwin.FlushDue());
  }

  /** Waits until the cell shows the first service's totals of slots [from, from + n). */
  private void awaitFirstService(int cell, long from, double... expected) {
    TestProbe<Object> p = kit.createTestProbe();
    p.awaitAssert(
        WAIT,
        () -> {
          double[][] t = totals(cell, from, from + expected.length);
          for (int i = 0; i < expected.length; i++) {
            assertThat(t[i][0]).isEqualTo(expected[i]);
          }
          return null;
        });
  }

  private void awaitPending(int pending) {
    TestProbe<Object> p = kit.createTestProbe();
    p.awaitAssert(
        WAIT,
        () -> {
          assertThat(stats().pending()).isEqualTo(pending);
          return null;
        });
  }

  @Test
  void theAnswerComesAfterTheLogAndTheCellsAndTheLogAloneRecoversAnUnflushedBatch() {
    startCell(1);
    startCell(2);
    startLog();
    IngestLog.Appended a =
        append(List.of(rows(1, obs(100, 39, 1), obs(100, 33, 2)), rows(2, obs(100, 39, 7))));
    assertThat(a).isEqualTo(new IngestLog.Appended(3, 0));
    // applied in memory before the answer: a query right after it sees the rows
    assertThat(totals(1, 100, 101)[0]).containsExactly(3, 6, 9, 12, 15);
    assertThat(totals(2, 100, 101)[0]).containsExactly(7, 14, 21, 28, 35);
    assertThat(stats()).isEqualTo(new IngestLog.Stats(3, 1, 1));

    // every actor dies before a cell flushed: only the log's event holds the rows
    crash(cells.get(1));
    crash(cells.get(2));
    crash(log.get());
    startCell(1);
    startCell(2);
    assertThat(totals(1, 100, 101)[0]).containsExactly(0, 0, 0, 0, 0);
    startLog();
    // the recovered partition sends its pending batch again: each row once (1 + 2, not doubled),
    // applied before the partition answers Settled
    TestProbe<IngestLog.Stats> settled = kit.createTestProbe();
    log.get().tell(new IngestLog.Settled(settled.getRef()));
    assertThat(settled.receiveMessage(WAIT)).isEqualTo(new IngestLog.Stats(3, 1, 1));
    assertThat(totals(1, 100, 101)[0]).containsExactly(3, 6, 9, 12, 15);
    assertThat(totals(2, 100, 101)[0]).containsExactly(7, 14, 21, 28, 35);
  }

  @Test
  void afterTheCellsFlushTheLogForgetsTheBatchAndTheCellsRecoverFromTheirOwnJournal() {
    startCell(1);
    startCell(2);
    startLog();
    append(List.of(rows(1, obs(100, 39, 1)), rows(2, obs(100, 39, 2))));
    append(List.of(rows(1, obs(101, 39, 3))));
    assertThat(stats().pending()).isEqualTo(2);
    flush(1);
    // cell 2 has not confirmed the first batch: it stays, for cell 2 only
    awaitPending(1);
    flush(2);
    awaitPending(0);

    // a third batch: the partition's snapshot after two events deleted them; it recovers from the
    // snapshot and the third, and knows nothing is pending but the third
    append(List.of(rows(1, obs(102, 39, 5))));
    flush(1);
    awaitPending(0);
    crash(log.get());
    crash(cells.get(1));
    crash(cells.get(2));
    startLog();
    // confirmations are not journaled: the snapshot after the second batch still had both
    // pending, so the recovered partition has all three pending (and sent them to the dead cells)
    assertThat(stats()).isEqualTo(new IngestLog.Stats(4, 3, 3));
    // cell 1 recovers from its snapshot (after two Flushed) and its third Flushed, no log needed
    startCell(1);
    startCell(2);
    awaitFirstService(1, 100, 1, 3, 5);
    awaitFirstService(2, 100, 2);
    // sent again, the batches are ignored by the cells, which confirm them: nothing pending
    log.get().tell(new IngestLog.Tick(null));
    awaitPending(0);
    awaitFirstService(1, 100, 1, 3, 5);

    // an old batch sent again after the recovery is ignored (its position is journaled with the
    // rows), and answered (the confirmation goes to the partition, as after a flush)
    TestProbe<IngestLog.Command> probe = kit.createTestProbe();
    cells.get(1).tell(new CellTwin.Apply(0, 1, 0, List.of(obs(100, 39, 99)), probe.getRef()));
    assertThat(probe.receiveMessage(WAIT)).isEqualTo(new IngestLog.Applied(1, 1, 0));
    awaitFirstService(1, 100, 1, 3, 5);
  }

  @Test
  void anOldBatchSentAgainNeverOverwritesANewerRowOfTheSameKey() {
    startCell(1);
    startLog();
    append(List.of(rows(1, obs(100, 39, 1))));
    append(List.of(rows(1, obs(100, 39, 2))));
    awaitFirstService(1, 100, 2);
    // the first batch again, while the second is only in memory: ignored
    log.get().tell(new IngestLog.Resend(1, 0));
    awaitFirstService(1, 100, 2);

    // the cell restarts and lost both; the log sends both again in order: the newer row wins
    crash(cells.get(1));
    startCell(1);
    log.get().tell(new IngestLog.Tick(null));
    awaitFirstService(1, 100, 2);
    flush(1);
    awaitPending(0);
  }

  @Test
  void aCellThatMissedBatchesAsksForThemBeforeItAppliesANewerOne() {
    startCell(1);
    startLog();
    append(List.of(rows(1, obs(100, 39, 1))));
    append(List.of(rows(1, obs(100, 39, 2), obs(101, 39, 4))));
    // the cell restarts and loses both; before any tick the next batch arrives: the cell must
    // not apply it alone (the older rows would then be ignored) but fetch the two before it
    crash(cells.get(1));
    startCell(1);
    IngestLog.Appended third = append(List.of(rows(1, obs(101, 39, 8), obs(102, 39, 16))));
    assertThat(third.accepted()).isEqualTo(2);
    awaitFirstService(1, 100, 2, 8, 16);
    flush(1);
    awaitPending(0);
    crash(cells.get(1));
    startCell(1);
    awaitFirstService(1, 100, 2, 8, 16);
  }

  /**
   * A cell that journaled a batch has applied it: its {@code Confirm} answers a batch still waiting
   * for the cell's {@code Applied} (lost: Pekko drops what overflows a persistent actor's stash).
   */
  @Test
  void aConfirmAnswersABatchWhoseAppliedWasLost() {
    TestProbe<CellTwin.Command> cell = kit.createTestProbe();
    cells.put(7, cell.getRef());
    startLog();
    TestProbe<IngestLog.Appended> answer = kit.createTestProbe();
    log.get()
        .tell(
            new IngestLog.Append(
                List.of(rows(7, obs(100, 39, 1), obs(101, 39, 2))), answer.getRef()));
    CellTwin.Apply apply = cell.expectMessageClass(CellTwin.Apply.class, WAIT);
    answer.expectNoMessage(Duration.ofMillis(300));
    log.get().tell(new IngestLog.Confirm(7, apply.position()));
    assertThat(answer.receiveMessage(WAIT).accepted()).isEqualTo(2);
    assertThat(stats().pending()).isZero();
  }

  /** {@link #SETTINGS} with two partitions: partition 1 runs as any. */
  private static final IngestSettings TWO =
      new IngestSettings(
          2, Duration.ofHours(1), 1_000_000, 2, Duration.ZERO, Duration.ofSeconds(1));

  /**
   * A partition beyond the configured count (the twin restarted with fewer partitions) drains: it
   * sends its pending batch again, takes no new batch, and once the cell has journaled and
   * confirmed the batch it journals that it drained and stops; started again, it stops at once
   * without sending anything.
   */
  @Test
  void aPartitionBeyondTheCountSendsItsPendingBatchesAgainTakesNoNewOneAndStopsOnceConfirmed() {
    startCell(1);
    startLog(1, TWO);
    append(List.of(rows(1, obs(100, 39, 1))));
    append(List.of(rows(1, obs(101, 39, 2))));
    // killed before the cell flushed: only partition 1's events hold the rows
    crash(cells.get(1));
    crash(log.get());
    startCell(1);
    // the twin restarts with one partition: partition 1 drains
    startLog(1, SETTINGS);
    TestProbe<IngestLog.Stats> settled = kit.createTestProbe();
    log.get().tell(new IngestLog.Settled(settled.getRef()));
    assertThat(settled.receiveMessage(WAIT)).isEqualTo(new IngestLog.Stats(2, 2, 2));
    awaitFirstService(1, 100, 1, 2);
    // a new batch is refused: no answer, nothing journaled
    TestProbe<IngestLog.Appended> refused = kit.createTestProbe();
    log.get().tell(new IngestLog.Append(List.of(rows(1, obs(102, 39, 4))), refused.getRef()));
    refused.expectNoMessage(Duration.ofMillis(300));
    assertThat(stats()).isEqualTo(new IngestLog.Stats(2, 2, 2));
    // the cell journals and confirms both batches: the partition drains and stops
    TestProbe<Object> watcher = kit.createTestProbe();
    ActorRef<IngestLog.Command> draining = log.get();
    flush(1);
    watcher.expectTerminated(draining, WAIT);
    awaitFirstService(1, 100, 1, 2, 0);

    // started again (the next start of the twin, or a keep-alive tick): it recovers the drained
    // snapshot, answers with nothing pending, sends nothing and stops at once
    TestProbe<CellTwin.Command> cell = kit.createTestProbe();
    cells.put(1, cell.getRef());
    startLog(1, SETTINGS);
    ActorRef<IngestLog.Command> again = log.get();
    TestProbe<IngestLog.Stats> answer = kit.createTestProbe();
    again.tell(new IngestLog.Tick(answer.getRef()));
    assertThat(answer.receiveMessage(WAIT)).isEqualTo(new IngestLog.Stats(2, 2, 0));
    watcher.expectTerminated(again, WAIT);
    cell.expectNoMessage(Duration.ofMillis(300));
  }

  /**
   * On a node with the log off (P = 0), a cell twin journals each batch of a draining partition at
   * once and confirms it to the partition that sent it; a batch sent again is confirmed again, and
   * the rows are in the cell's own journal.
   */
  @Test
  void aCellWithoutTheLogJournalsADrainingPartitionsBatchAtOnceAndConfirmsItToTheSender() {
    startCell(1);
    startLog(0, TWO);
    append(List.of(rows(1, obs(100, 39, 1), obs(101, 39, 2))));
    crash(cells.get(1));
    crash(log.get());
    startCellWithoutLog(1);
    IngestSettings off =
        new IngestSettings(
            0, Duration.ofHours(1), 1_000_000, 2, Duration.ZERO, Duration.ofSeconds(1));
    startLog(0, off);
    ActorRef<IngestLog.Command> draining = log.get();
    TestProbe<Object> watcher = kit.createTestProbe();
    TestProbe<IngestLog.Stats> settled = kit.createTestProbe();
    draining.tell(new IngestLog.Settled(settled.getRef()));
    assertThat(settled.receiveMessage(WAIT).rows()).isEqualTo(2);
    // no flush asked: the cell journaled at once and confirmed, so the partition drains
    watcher.expectTerminated(draining, WAIT);
    // the cell's own journal holds the rows: a restart without any partition has them
    crash(cells.get(1));
    startCellWithoutLog(1);
    awaitFirstService(1, 100, 1, 2);
    // a batch sent again is answered and confirmed to its sender
    TestProbe<IngestLog.Command> probe = kit.createTestProbe();
    cells.get(1).tell(new CellTwin.Apply(0, 1, 0, List.of(obs(100, 39, 99)), probe.getRef()));
    assertThat(probe.receiveMessage(WAIT)).isEqualTo(new IngestLog.Applied(1, 1, 0));
    assertThat(probe.receiveMessage(WAIT)).isEqualTo(new IngestLog.Confirm(1, 1));
    awaitFirstService(1, 100, 1, 2);
  }
}
