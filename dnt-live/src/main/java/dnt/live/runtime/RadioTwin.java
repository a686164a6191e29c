package dnt.live.runtime;

import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actor that owns the radio twin: cell twins tell it each cell's newest internet activity (as
 * the twin shows it: masked slots carry the prediction), and it answers KPIs and forks. One per
 * node for now (each node's cell twins tell their own node's radio twin, so its messages never
 * cross nodes); the cluster issue makes it a singleton per region.
 */
public final class RadioTwin {
  private RadioTwin() {}

  /** What the radio twin is told or asked. */
  public sealed interface Command extends NoSerializationVerificationNeeded
      permits CellTraffic, Kpis, Fork {}

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

  static Behavior<Command> create(RadioCoupling coupling) {
    return Behaviors.receive(Command.class)
        .onMessage(
            CellTraffic.class,
            m -> {
              coupling.observe(m.cell(), m.slot(), m.internet());
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
