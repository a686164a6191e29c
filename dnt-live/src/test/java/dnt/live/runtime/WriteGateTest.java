package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The journal write gate: at most its limit in flight, the rest in order, nothing lost. */
final class WriteGateTest {
  @Test
  void writesBeyondTheLimitWaitAndStartInOrderAsEarlierOnesAreAnswered() {
    WriteGate gate = new WriteGate(2, Runnable::run);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    List<Integer> sent = new ArrayList<>();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int k = i;
      results.add(
          gate.submit(
              () -> {
                sent.add(k);
                CompletableFuture<Integer> a = new CompletableFuture<>();
                answers.add(a);
                return a;
              }));
    }
    assertThat(sent).containsExactly(0, 1);
    assertThat(gate.waiting()).isEqualTo(3);
    answers.get(1).complete(1);
    assertThat(sent).containsExactly(0, 1, 2);
    assertThat(results.get(1)).isCompletedWithValue(1);
    answers.get(0).completeExceptionally(new IllegalStateException("journal down"));
    assertThat(sent).containsExactly(0, 1, 2, 3);
    assertThat(results.get(0))
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
    answers.get(2).complete(2);
    answers.get(3).complete(3);
    answers.get(4).complete(4);
    assertThat(sent).containsExactly(0, 1, 2, 3, 4);
    assertThat(results).allSatisfy(r -> assertThat(r).isDone());
    assertThat(gate.waiting()).isZero();
    // every permit came back: two more writes start at once
    List<Integer> later = new ArrayList<>();
    gate.submit(
        () -> {
          later.add(5);
          return new CompletableFuture<Integer>();
        });
    gate.submit(
        () -> {
          later.add(6);
          return new CompletableFuture<Integer>();
        });
    assertThat(later).containsExactly(5, 6);
  }

  @Test
  void aWriteThatThrowsWhenSentFailsAndFreesItsPermit() {
    WriteGate gate = new WriteGate(1, Runnable::run);
    CompletableFuture<Integer> failed =
        gate.submit(
            () -> {
              throw new IllegalStateException("no sharding");
            });
    assertThat(failed).isCompletedExceptionally();
    assertThat(gate.submit(() -> CompletableFuture.completedFuture(7))).isCompletedWithValue(7);
  }

  @Test
  void whenTheExecutorRefusesTheWaitingWritesFailInsteadOfHanging() {
    WriteGate gate =
        new WriteGate(
            1,
            r -> {
              throw new java.util.concurrent.RejectedExecutionException("terminated");
            });
    CompletableFuture<Integer> first = new CompletableFuture<>();
    CompletableFuture<Integer> a = gate.submit(() -> first);
    CompletableFuture<Integer> b = gate.submit(CompletableFuture::new);
    CompletableFuture<Integer> c = gate.submit(CompletableFuture::new);
    first.complete(1);
    assertThat(a).isCompletedWithValue(1);
    assertThat(b).isCompletedExceptionally();
    assertThat(c).isCompletedExceptionally();
    assertThat(gate.waiting()).isZero();
    assertThat(gate.submit(() -> CompletableFuture.completedFuture(2))).isCompletedWithValue(2);
  }
}
