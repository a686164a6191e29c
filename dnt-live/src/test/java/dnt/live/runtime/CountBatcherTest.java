package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Counts of batches that finish while one count is journaled go together in the next: one count in
 * flight at a time, never one per batch in a queue, and each batch's answer is a total that
 * includes its rows.
 */
final class CountBatcherTest {
  /** The counts sent, each with the answer the test completes. */
  private final List<Long> sent = new ArrayList<>();

  private final List<CompletableFuture<Long>> answers = new ArrayList<>();

  private CountBatcher batcher() {
    return new CountBatcher(
        rows -> {
          sent.add(rows);
          CompletableFuture<Long> a = new CompletableFuture<>();
          answers.add(a);
          return a;
        });
  }

  @Test
  void countsArrivingWhileOneIsInFlightGoTogether() throws Exception {
    CountBatcher b = batcher();
    CompletableFuture<Long> first = b.count(1_000);
    CompletableFuture<Long> second = b.count(1_000);
    CompletableFuture<Long> third = b.count(500);

    assertThat(sent).as("one count in flight").containsExactly(1_000L);
    answers.get(0).complete(1_000L);
    assertThat(first.get()).isEqualTo(1_000L);
    assertThat(second).isNotDone();
    assertThat(sent).as("the two that waited, as one").containsExactly(1_000L, 1_500L);

    answers.get(1).complete(2_500L);
    assertThat(second.get()).isEqualTo(2_500L);
    assertThat(third.get()).isEqualTo(2_500L);

    // idle again: the next count goes at once
    CompletableFuture<Long> fourth = b.count(7);
    assertThat(sent).containsExactly(1_000L, 1_500L, 7L);
    answers.get(2).complete(2_507L);
    assertThat(fourth.get()).isEqualTo(2_507L);
  }

  @Test
  void aFailedCountFailsOnlyTheBatchesItCovered() throws Exception {
    CountBatcher b = batcher();
    CompletableFuture<Long> first = b.count(10);
    CompletableFuture<Long> second = b.count(20);

    answers.get(0).completeExceptionally(new IllegalStateException("journal down"));

    assertThatThrownBy(first::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .hasMessage("journal down");
    assertThat(sent).containsExactly(10L, 20L);
    answers.get(1).complete(20L);
    assertThat(second.get()).isEqualTo(20L);
  }
}
