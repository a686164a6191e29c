package dnt.live.runtime;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The twin-wide counters, one sharded entity ({@link #ENTITY_ID}): how many telemetry rows were
 * acknowledged since the journal was created. A batch is counted before it is acknowledged, so a
 * crash between the cells' events and this one leaves the batch unacknowledged; its retry counts
 * once.
 */
public final class TwinStats
    extends EventSourcedBehavior<TwinStats.Command, TwinStats.Counted, Long> {

  /** The sharding type. */
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "twin-stats");

  /** The one entity's id. */
  public static final String ENTITY_ID = "all";

  private TwinStats(String id) {
    super(
        PersistenceId.of(TYPE_KEY.name(), id),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
  }

  /**
   * The behavior.
   *
   * @param id the entity id
   * @return the behavior
   */
  public static TwinStats create(String id) {
    return new TwinStats(id);
  }

  /** What the counters are asked. */
  public sealed interface Command extends CrossNode permits Count, Get {}

  /**
   * Count acknowledged rows.
   *
   * @param rows the rows of a batch
   * @param replyTo gets the new total
   */
  public record Count(long rows, ActorRef<Long> replyTo) implements Command {}

  /**
   * Read the total.
   *
   * @param replyTo gets the total
   */
  public record Get(ActorRef<Long> replyTo) implements Command {}

  /**
   * The event: rows counted.
   *
   * @param rows how many
   */
  public record Counted(long rows) implements Journaled {}

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandler<Command, Counted, Long> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Count.class,
            (total, cmd) ->
                Effect().persist(new Counted(cmd.rows())).thenReply(cmd.replyTo(), t -> t))
        .onCommand(Get.class, (total, cmd) -> Effect().reply(cmd.replyTo(), total))
        .build();
  }

  @Override
  public EventHandler<Long, Counted> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Counted.class, (total, event) -> total + event.rows())
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(1000, 2);
  }
}
