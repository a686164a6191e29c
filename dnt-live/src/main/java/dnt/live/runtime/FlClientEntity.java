package dnt.live.runtime;

import dnt.learn.fl.LocalTraining;
import dnt.learn.online.CellHistory;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.jspecify.annotations.Nullable;

/**
 * A cell's federated-learning client, a sharded entity keyed by cell number (the cluster issue
 * spreads clients over nodes by configuration alone). It reads its cell twin's series ({@link
 * CellHistories}: masked slots are left out of training), and for an H-twin update trains on the
 * newest days on the training executor, off the actor threads, then sends the update to the
 * aggregator. It keeps no state of its own: the data lives in the cell twin, the models at the
 * aggregator.
 */
public final class FlClientEntity {
  /** The sharding type of FL clients; the entity id is the cell number. */
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "fl-client");

  private FlClientEntity() {}

  /** What a client is asked. */
  public sealed interface Command extends CrossNode permits Prepare, TrainDays {}

  /**
   * Read the cell's series for the V-twin.
   *
   * @param x the cell's east coordinate, m
   * @param y its north coordinate, m
   * @param fromSlot first slot (a day boundary)
   * @param toSlot slot after the last
   * @param replyTo gets the history
   */
  public record Prepare(double x, double y, long fromSlot, long toSlot, ActorRef<Prepared> replyTo)
      implements Command {}

  /**
   * The answer to {@link Prepare}.
   *
   * @param cell the cell number
   * @param history its series, or null when its twin holds nothing or could not be read
   */
  public record Prepared(int cell, @Nullable CellHistory history) implements CrossNode {}

  /**
   * Train an H-twin update on the newest days.
   *
   * @param dispatch the model and version the aggregator sent
   * @param fromSlot first slot to read (a day boundary, history included)
   * @param toSlot slot after the newest complete day
   * @param seed the update's seed
   * @param replyTo the aggregator
   */
  public record TrainDays(
      OnlineTwinning.Dispatch dispatch,
      long fromSlot,
      long toSlot,
      long seed,
      ActorRef<FlAggregator.Command> replyTo)
      implements Command {}

  static Behavior<Command> create(
      int cell, CellHistories histories, OnlineSettings settings, Executor training) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Prepare.class,
            m -> {
              histories
                  .fetch(cell, m.x(), m.y(), m.fromSlot(), m.toSlot())
                  .whenComplete(
                      (h, e) -> m.replyTo().tell(new Prepared(cell, e == null ? h : null)));
              return Behaviors.same();
            })
        .onMessage(
            TrainDays.class,
            m -> {
              // the update goes to the aggregator from the training thread itself, so an
              // entity passivated while its update waits for the thread loses nothing
              histories
                  .fetch(cell, 0, 0, m.fromSlot(), m.toSlot())
                  .thenApplyAsync(h -> h == null ? null : train(settings, m, h), training)
                  .whenComplete(
                      (r, e) ->
                          m.replyTo()
                              .tell(
                                  new FlAggregator.Update(
                                      cell,
                                      m.dispatch().baseVersion(),
                                      m.toSlot(),
                                      e == null ? r : null,
                                      e == null ? null : String.valueOf(e))));
              return Behaviors.same();
            })
        .build();
  }

  private static LocalTraining.@Nullable Result train(
      OnlineSettings settings, TrainDays m, CellHistory h) {
    return OnlineTwinning.trainDays(settings, m.dispatch(), h, m.seed());
  }
}
