package dnt.live.radio;

import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A region of the partitioned radio twin as a sharded entity (one per region, on whichever node
 * Cluster Sharding places it): it owns a {@link RegionTwin}, applies the traffic of its cells,
 * forwards the demands of its border users to the regions that hold replicas of them, and applies
 * the demands other regions forward to it. The twin is rebuilt from the plan when the entity starts
 * (after a move to another node, say); it then sends its holders its users' demands and asks the
 * regions whose stations it copies for theirs ({@link Hello}), so copies agree with their owners
 * again. Its cells' traffic comes back with their next slot.
 */
public final class RadioRegion {
  /** The entity type of regions; the entity id is the region number. */
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "radio-region");

  private RadioRegion() {}

  /** What a region is told or asked. */
  public sealed interface Command extends RegionWire
      permits Traffic, Demand, Demands, Hello, GetState, HandOff, Restore {}

  /**
   * A cell's internet activity in its newest slot.
   *
   * @param cell the cell number
   * @param slot the slot number
   * @param internet the activity, summed over country codes
   */
  public record Traffic(int cell, long slot, double internet) implements Command {}

  /**
   * The demand the owner of replicated users set for each of its users in a cell.
   *
   * @param owner the owning region
   * @param cell the cell number
   * @param each the demand of each of those users, Mbit/s
   */
  public record Demand(int owner, int cell, double each) implements Command {}

  /**
   * The current demands of an owner's users that the receiver holds replicas of.
   *
   * @param owner the owning region
   * @param users user ids
   * @param demands their demands, Mbit/s, in the same order
   */
  public record Demands(int owner, int[] users, double[] demands) implements Command {}

  /**
   * A region that started asks for the demands of the users it holds replicas of; a negative {@code
   * from} only wakes the region up.
   *
   * @param from the asking region, or -1
   */
  public record Hello(int from) implements Command {}

  /**
   * The state of the region's own stations and users.
   *
   * @param replyTo gets it
   */
  public record GetState(ActorRef<RegionState> replyTo) implements Command {}

  /**
   * Sharding's stop message when it moves the region to another node: the region sends its state to
   * its next incarnation ({@link Restore}) and stops.
   */
  public record HandOff() implements Command {}

  /**
   * The state a region's earlier incarnation handed off.
   *
   * @param state the newest slot of each cell and the twin's exact state
   */
  public record Restore(byte[] state) implements Command {}

  /**
   * The behaviour of a region entity.
   *
   * @param region the region number
   * @param plan the node's plan (built once per node, on first use)
   * @param sharding where the other regions are reached
   * @return the behaviour
   */
  public static Behavior<Command> create(
      int region, Supplier<RegionPlan> plan, ClusterSharding sharding) {
    return Behaviors.setup(
        ctx -> {
          RegionTwin twin = new RegionTwin(plan.get(), region);
          for (int q : twin.holders()) {
            send(sharding, q, twin.demandsFor(q));
          }
          for (int r : twin.owners()) {
            send(sharding, r, new Hello(region));
          }
          return Behaviors.receive(Command.class)
              .onMessage(
                  Traffic.class,
                  m -> {
                    for (RegionTwin.Forward f :
                        twin.traffic(
                            m.cell(), m.slot(), plan.get().demandEach(m.cell(), m.internet()))) {
                      send(sharding, f.holder(), f.demand());
                    }
                    return Behaviors.same();
                  })
              .onMessage(
                  Demand.class,
                  m -> {
                    twin.demand(m.owner(), m.cell(), m.each());
                    return Behaviors.same();
                  })
              .onMessage(
                  Demands.class,
                  m -> {
                    twin.demands(m);
                    return Behaviors.same();
                  })
              .onMessage(
                  Hello.class,
                  m -> {
                    if (m.from() >= 0) {
                      send(sharding, m.from(), twin.demandsFor(m.from()));
                    }
                    return Behaviors.same();
                  })
              .onMessage(
                  HandOff.class,
                  m -> {
                    // buffered by sharding until the region's new home is known, then delivered
                    send(sharding, region, new Restore(twin.handOff()));
                    return Behaviors.stopped();
                  })
              .onMessage(
                  Restore.class,
                  m -> {
                    if (twin.restore(m.state())) {
                      for (int q : twin.holders()) {
                        send(sharding, q, twin.demandsFor(q));
                      }
                    }
                    return Behaviors.same();
                  })
              .onMessage(
                  GetState.class,
                  m -> {
                    m.replyTo().tell(twin.state());
                    return Behaviors.same();
                  })
              .build();
        });
  }

  static void send(ClusterSharding sharding, int region, Command message) {
    sharding.entityRefFor(TYPE_KEY, Integer.toString(region)).tell(message);
  }
}
