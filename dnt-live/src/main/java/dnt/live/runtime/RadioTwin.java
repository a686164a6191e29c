package dnt.live.runtime;

import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actor that owns the radio twin: cell twins tell it each cell's newest internet activity (as
 * the twin shows it: masked slots carry the prediction), and it answers KPIs and forks (each after
 * applying every cell it holds, see {@link Flush}). One per node for now (each node's cell twins
 * tell their own node's radio twin, so its messages never cross nodes); the cluster issue makes it
 * a singleton per region.
 */
public final class RadioTwin {
  private RadioTwin() {}

  /** What the radio twin is told or asked. */
  public sealed interface Command extends NoSerializationVerificationNeeded
      permits CellTraffic, Kpis, Fork, Flush {}

  /**
   * A cell's internet activity in its newest slot.
   *
   * @param cell the cell number
   * @param slot the slot number
   * @param internet the activity, summed over country codes
   */
  public record CellTraffic(int cell, long slot, double internet) implements Command {}

  /**
   * The network's KPIs now.
   *
   * @param replyTo gets them
   */
  public record Kpis(ActorRef<TwinKpis> replyTo) implements Command {}

  /**
   * A copy of the radio twin now, for inspection and what-if; the live one never changes through
   * it.
   *
   * @param replyTo gets the fork
   */
  public record Fork(ActorRef<NetworkTwin> replyTo) implements Command {}

  /**
   * Applies the cells held since the first {@link CellTraffic} after the last flush: the actor
   * sends it to itself when it holds a first cell, so it arrives after every message already in the
   * mailbox, and a burst of cell updates (a time-ordered batch touches hundreds of cells) costs one
   * propagation.
   */
  enum Flush implements Command {
    /** The only instance. */
    INSTANCE
  }

  static Behavior<Command> create(RadioCoupling coupling) {
    return Behaviors.setup(ctx -> behaviour(coupling, ctx.getSelf()));
  }

  private static Behavior<Command> behaviour(RadioCoupling coupling, ActorRef<Command> self) {
    return Behaviors.receive(Command.class)
        .onMessage(
            CellTraffic.class,
            m -> {
              boolean first = coupling.pendingCells() == 0;
              if (coupling.offer(m.cell(), m.slot(), m.internet()) && first) {
                self.tell(Flush.INSTANCE);
              }
              return Behaviors.same();
            })
        .onMessageEquals(
            Flush.INSTANCE,
            () -> {
              coupling.flush();
              return Behaviors.same();
            })
        .onMessage(
            Kpis.class,
            m -> {
              m.replyTo().tell(coupling.kpis());
              return Behaviors.same();
            })
        .onMessage(
            Fork.class,
            m -> {
              m.replyTo().tell(coupling.fork());
              return Behaviors.same();
            })
        .build();
  }
}
