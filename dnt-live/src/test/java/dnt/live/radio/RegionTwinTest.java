package dnt.live.radio;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.BaseStationId;
import dnt.core.twin.InterferenceFloor;
import dnt.core.twin.NetworkTwin;
import dnt.core.util.Seeds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The regions of a partitioned radio twin, without actors: messages between regions are delivered
 * in a random interleaving that keeps each sender's order to each receiver (Pekko's guarantee), so
 * border demands arrive late and out of the single twin's global order. After every message is
 * delivered, the gathered state equals the single radio twin's ({@link
 * RadioFixture#assertMatches}).
 */
final class RegionTwinTest {

  /** A region's queue of messages from one sender, delivered in order. */
  private record Link(int from, int to) {}

  private static void run(RadioFixture fixture, double tileM, long seed, int messages) {
    RegionPlan plan = fixture.plan(tileM);
    Map<Integer, RegionTwin> regions = new HashMap<>();
    for (int r : plan.regions()) {
      regions.put(r, new RegionTwin(plan, r));
    }
    NetworkTwin single = fixture.whole.fork();
    RandomGenerator rng = Seeds.generator(seed);
    Map<Link, ArrayDeque<Object>> queues = new HashMap<>();
    List<Link> links = new ArrayList<>();
    for (RadioFixture.Traffic t : fixture.traffic(messages, rng)) {
      fixture.apply(single, t);
      for (int r : plan.ownersOf(t.cell())) {
        enqueue(queues, links, new Link(-1, r), t);
      }
      // deliver a random number of queued messages between two sends
      int deliveries = rng.nextInt(3);
      for (int k = 0; k < deliveries; k++) {
        deliver(plan, regions, queues, links, rng);
      }
    }
    while (!links.isEmpty()) {
      deliver(plan, regions, queues, links, rng);
    }
    List<RegionState> states = new ArrayList<>();
    for (int r : plan.regions()) {
      states.add(regions.get(r).state());
    }
    RadioFixture.assertMatches(single, states);
  }

  private static void enqueue(
      Map<Link, ArrayDeque<Object>> queues, List<Link> links, Link link, Object message) {
    ArrayDeque<Object> q = queues.computeIfAbsent(link, l -> new ArrayDeque<>());
    if (q.isEmpty()) {
      links.add(link);
    }
    q.add(message);
  }

  private static void deliver(
      RegionPlan plan,
      Map<Integer, RegionTwin> regions,
      Map<Link, ArrayDeque<Object>> queues,
      List<Link> links,
      RandomGenerator rng) {
    if (links.isEmpty()) {
      return;
    }
    Link link = links.get(rng.nextInt(links.size()));
    ArrayDeque<Object> q = queues.get(link);
    Object m = q.poll();
    if (q.isEmpty()) {
      links.remove(link);
    }
    RegionTwin to = regions.get(link.to());
    if (m instanceof RadioFixture.Traffic t) {
      for (RegionTwin.Forward f :
          to.traffic(t.cell(), t.slot(), plan.demandEach(t.cell(), t.internet()))) {
        enqueue(queues, links, new Link(link.to(), f.holder()), f.demand());
      }
    } else if (m instanceof RadioRegion.Demand d) {
      to.demand(d.owner(), d.cell(), d.each());
    }
  }

  @Test
  void withoutAFloorTheRegionsEqualTheSingleTwin() {
    RadioFixture f = RadioFixture.milan(300, 7, InterferenceFloor.NONE);
    RegionPlan plan = f.plan(5000);
    assertThat(plan.regions().stream().filter(r -> !plan.usersOf(r).isEmpty()).count())
        .isGreaterThanOrEqualTo(2);
    // no floor: every range is infinite and every region copies every foreign station
    // (a region without users of its own needs none)
    for (int r : plan.regions()) {
      if (!plan.usersOf(r).isEmpty()) {
        assertThat(plan.copiesOf(r).size() + plan.stationsOf(r).size())
            .isEqualTo(f.whole.stationCount());
      }
    }
    run(f, 5000, 11, 80);
  }

  @Test
  void withTheDefaultFloorTheRegionsEqualTheSingleTwinWithThatFloor() {
    RadioFixture f = RadioFixture.milan(1000, 7, InterferenceFloor.defaults());
    RegionPlan plan = f.plan(1500);
    int copies = 0;
    for (int r : plan.regions()) {
      copies += plan.copiesOf(r).size();
      for (BaseStationId s : plan.copiesOf(r)) {
        assertThat(plan.stationsOf(r)).doesNotContain(s);
      }
    }
    // the floor bounds the copies: fewer than every region holding every station
    assertThat(copies)
        .isLessThan(plan.regions().size() * f.whole.stationCount() - f.whole.stationCount());
    run(f, 1500, 12, 200);
  }

  /**
   * A cell twin tells its newest slot again each time it recovers: the same slot with the same
   * demand sets nothing and forwards nothing; another value of that slot does, an older slot never.
   */
  @Test
  void theNewestSlotToldAgainWithTheSameDemandIsIgnored() {
    RadioFixture f = RadioFixture.milan(1000, 7, InterferenceFloor.defaults());
    RegionPlan plan = f.plan(1500);
    int region = -1;
    int cell = -1;
    for (int r : plan.regions()) {
      if (!plan.region(r).forwardTo().isEmpty()) {
        region = r;
        cell = plan.region(r).forwardTo().keySet().iterator().next();
        break;
      }
    }
    assertThat(region).as("a region forwarding a cell's demands to a holder").isNotNegative();
    RegionTwin twin = new RegionTwin(plan, region);
    double each = plan.demandEach(cell, 1000);
    assertThat(twin.traffic(cell, 5, each)).isNotEmpty();
    RegionState told = twin.state();
    assertThat(twin.traffic(cell, 5, each)).as("told again").isEmpty();
    assertThat(twin.traffic(cell, 4, plan.demandEach(cell, 9))).as("an older slot").isEmpty();
    assertThat(twin.state().users()).isEqualTo(told.users());
    double more = plan.demandEach(cell, 2000);
    assertThat(twin.traffic(cell, 5, more)).as("another value of the slot").isNotEmpty();
    for (dnt.core.UserId u : plan.region(region).ownByCell().get(cell)) {
      assertThat(
              twin.state().users().stream()
                  .filter(s -> s.id().equals(u))
                  .findFirst()
                  .orElseThrow()
                  .demandMbps())
          .isEqualTo(more);
    }
  }
}
