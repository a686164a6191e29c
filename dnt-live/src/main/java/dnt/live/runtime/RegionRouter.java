package dnt.live.runtime;

import dnt.live.radio.RegionRadio;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The node's radio twin when it is partitioned by region: it takes the same commands as {@link
 * RadioTwin} from the node's cell twins and passes each cell's traffic to the regions that own its
 * users ({@link RegionRadio}); KPIs and forks are gathered from every region. An ask whose regions
 * do not all answer in time gets no reply and times out.
 */
final class RegionRouter {
  private RegionRouter() {}

  static Behavior<RadioTwin.Command> create(RegionRadio regions) {
    return Behaviors.receive(RadioTwin.Command.class)
        .onMessage(
            RadioTwin.CellTraffic.class,
            m -> {
              regions.traffic(m.cell(), m.slot(), m.internet());
              return Behaviors.same();
            })
        .onMessage(
            RadioTwin.Kpis.class,
            m -> {
              regions.kpis().thenAccept(k -> m.replyTo().tell(k));
              return Behaviors.same();
            })
        .onMessage(
            RadioTwin.Fork.class,
            m -> {
              regions.whole().thenAccept(t -> m.replyTo().tell(t));
              return Behaviors.same();
            })
        .build();
  }
}
