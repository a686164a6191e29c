package dnt.live.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.AskTimeoutException;

/**
 * The runtime's one way to ask an actor or entity: the answer as a plain {@link CompletableFuture}
 * completed on the actor system's dispatcher, with the runtime's ask timeout.
 *
 * <p>Pekko's Java asks return Scala's {@code CompletionStage} adapter, which runs every dependent
 * stage, even {@code thenApply}, asynchronously on the default executor: {@code
 * ForkJoinPool.commonPool()}, or a new thread for every stage where the common pool has parallelism
 * 1, as on any two-core machine (1,511 threads were started in ten seconds of ingest before this).
 * Dependent stages of an answer from here run on the thread that completes it, a dispatcher thread,
 * or on the caller's if it is already complete. An ask that times out fails with {@link
 * TimeoutException} (no Pekko type reaches the caller).
 */
final class Asks {
  private final ActorSystem<?> system;
  private final Executor dispatcher;
  private final Duration timeout;

  /**
   * Asks on a system.
   *
   * @param system the actor system, whose dispatcher completes the answers
   * @param timeout how long an ask waits once sent
   */
  Asks(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.dispatcher = system.executionContext();
    this.timeout = timeout;
  }

  /**
   * Asks a sharded entity.
   *
   * @param ref the entity
   * @param message builds the message from the reply address
   * @param <M> the entity's command type
   * @param <T> the answer's type
   * @return the answer, completed on the dispatcher
   */
  <M, T> CompletableFuture<T> ask(EntityRef<M> ref, Function<ActorRef<T>, M> message) {
    return ask(ref, message, timeout);
  }

  /**
   * Asks a sharded entity with its own timeout (a batch of the ingest log, which waits for every
   * cell it touches).
   *
   * @param ref the entity
   * @param message builds the message from the reply address
   * @param wait how long this ask waits once sent
   * @param <M> the entity's command type
   * @param <T> the answer's type
   * @return the answer, completed on the dispatcher
   */
  <M, T> CompletableFuture<T> ask(
      EntityRef<M> ref, Function<ActorRef<T>, M> message, Duration wait) {
    return answered(ref.ask(message::apply, wait), wait);
  }

  /**
   * Asks an actor.
   *
   * @param ref the actor
   * @param message builds the message from the reply address
   * @param <M> the actor's command type
   * @param <T> the answer's type
   * @return the answer, completed on the dispatcher
   */
  <M, T> CompletableFuture<T> ask(ActorRef<M> ref, Function<ActorRef<T>, M> message) {
    return ask(ref, message, timeout);
  }

  /**
   * Asks an actor with its own timeout (a query whose answer has a deadline of its own, such as the
   * sharding statistics of {@link TwinRuntime#clusterStatus}).
   *
   * @param ref the actor
   * @param message builds the message from the reply address
   * @param wait how long this ask waits once sent
   * @param <M> the actor's command type
   * @param <T> the answer's type
   * @return the answer, completed on the dispatcher
   */
  <M, T> CompletableFuture<T> ask(
      ActorRef<M> ref, Function<ActorRef<T>, M> message, Duration wait) {
    return answered(AskPattern.ask(ref, message::apply, wait, system.scheduler()), wait);
  }

  /**
   * How long an ask waits.
   *
   * @return the timeout
   */
  Duration timeout() {
    return timeout;
  }

  private <T> CompletableFuture<T> answered(CompletionStage<T> ask, Duration wait) {
    return ask.toCompletableFuture()
        .handleAsync(
            (t, e) -> {
              if (e == null) {
                return t;
              }
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              throw new CompletionException(
                  cause instanceof AskTimeoutException
                      ? new TimeoutException(
                          "the twin did not answer within " + wait.toSeconds() + " s")
                      : cause);
            },
            dispatcher);
  }
}
