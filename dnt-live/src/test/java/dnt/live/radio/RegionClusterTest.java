package dnt.live.radio;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.core.twin.InterferenceFloor;
import dnt.core.twin.NetworkTwin;
import dnt.core.util.Seeds;
import dnt.live.TestPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The radio twin partitioned by region on a 3-node cluster in this JVM (three actor systems on
 * 127.0.0.1 with dnt-live.conf, every message serialized as if it crossed nodes): the regions
 * spread over the three nodes, traffic enters through node A, border demands travel between nodes,
 * and the per-station, per-user and network KPIs gathered through node C equal the single radio
 * twin's ({@link RadioFixture#assertMatches}: bit for bit where the single twin's arithmetic is
 * repeated, within the stated rounding bounds where running sums see their terms in another order).
 */
final class RegionClusterTest {
  private final List<ActorSystem<Void>> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    for (ActorSystem<Void> s : nodes) {
      s.terminate();
    }
    for (ActorSystem<Void> s : nodes) {
      s.getWhenTerminated().toCompletableFuture().join();
    }
  }

  private static long upMembers(ActorSystem<Void> s) {
    return java.util.stream.StreamSupport.stream(
            Cluster.get(s).state().getMembers().spliterator(), false)
        .filter(m -> m.status().equals(MemberStatus.up()))
        .count();
  }

  private static Config node(int port, int seedPort) {
    ClassLoader loader = RegionClusterTest.class.getClassLoader();
    return ConfigFactory.defaultOverrides(loader)
        .withFallback(
            ConfigFactory.parseMap(
                Map.of(
                    "pekko.remote.artery.canonical.port",
                    port,
                    "pekko.cluster.seed-nodes",
                    List.of("pekko://dnt-live@127.0.0.1:" + seedPort))))
        .withFallback(ConfigFactory.parseString(RegionSerializer.BINDING))
        .withFallback(ConfigFactory.parseResources(loader, "dnt-live.conf"))
        .withFallback(ConfigFactory.defaultReference(loader))
        .resolve();
  }

  @Test
  void regionsOnThreeNodesEqualTheSingleRadioTwin() throws Exception {
    RadioFixture f = RadioFixture.milan(600, 7, InterferenceFloor.defaults());
    double tile = 1500;
    int[] ports = TestPorts.freePorts(3);
    for (int port : ports) {
      nodes.add(ActorSystem.create(Behaviors.empty(), "dnt-live", node(port, ports[0])));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (ActorSystem<Void> s : nodes) {
      while (upMembers(s) < 3) {
        assertThat(System.nanoTime()).as("the cluster did not form in 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
    // every node builds its own plan from its own radio twin, as every node of a cluster does
    List<RegionRadio> radios = new ArrayList<>();
    for (ActorSystem<Void> s : nodes) {
      radios.add(RegionRadio.start(s, f.plan(tile), Duration.ofSeconds(10)));
    }
    RegionRadio a = radios.get(0);
    RegionRadio c = radios.get(2);
    assertThat(c.plan().regions().size()).isGreaterThanOrEqualTo(6);

    NetworkTwin single = f.whole.fork();
    RandomGenerator rng = Seeds.generator(21);
    for (RadioFixture.Traffic t : f.traffic(200, rng)) {
      f.apply(single, t);
      a.traffic(t.cell(), t.slot(), t.internet());
    }
    // the regions answer through C once every message (traffic, then border demands) has landed
    AssertionError last = null;
    while (System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos()) {
      try {
        // a region that sharding is moving answers once it has arrived; an ask may time out then
        List<RegionState> states = c.states().toCompletableFuture().join();
        RadioFixture.assertMatches(single, states);
        last = null;
        break;
      } catch (AssertionError e) {
        last = e;
        Thread.sleep(200);
      } catch (java.util.concurrent.CompletionException e) {
        last = new AssertionError("a region did not answer", e);
        Thread.sleep(200);
      }
    }
    if (last != null) {
      throw last;
    }
    assertThat(c.kpis().toCompletableFuture().join())
        .isEqualTo(RegionKpis.of(c.states().toCompletableFuture().join()));

    // the regions spread over all three nodes. Node A woke every region as soon as its sharding
    // started, possibly before B and C had registered theirs, so the coordinator may first place
    // every region on A; its rebalancing (every 10 s, a few shards at a time) then moves regions to
    // B and C, each handing its state over. Wait for that, then check that the moved regions kept
    // their state: the KPIs gathered through C still equal the single twin's.
    long spreadDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    List<Integer> perNode = entitiesPerNode(nodes.get(2));
    while (perNode.size() < 3 || perNode.contains(0)) {
      assertThat(System.nanoTime())
          .as("the regions did not spread over the three nodes in 120 s: %s", perNode)
          .isLessThan(spreadDeadline);
      Thread.sleep(500);
      perNode = entitiesPerNode(nodes.get(2));
    }
    assertThat(perNode.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(c.plan().regions().size());
    last = null;
    while (System.nanoTime() < spreadDeadline) {
      try {
        RadioFixture.assertMatches(single, c.states().toCompletableFuture().join());
        last = null;
        break;
      } catch (AssertionError e) {
        last = e;
        Thread.sleep(200);
      } catch (java.util.concurrent.CompletionException e) {
        last = new AssertionError("a region did not answer after the rebalancing", e);
        Thread.sleep(200);
      }
    }
    if (last != null) {
      throw last;
    }
  }

  /** The number of regions each node's shard region holds, as the coordinator reports it. */
  private static List<Integer> entitiesPerNode(ActorSystem<Void> node) {
    ShardRegion.ClusterShardingStats stats =
        AskPattern.<ClusterShardingQuery, ShardRegion.ClusterShardingStats>ask(
                ClusterSharding.get(node).shardState(),
                (ActorRef<ShardRegion.ClusterShardingStats> replyTo) ->
                    new GetClusterShardingStats(
                        RadioRegion.TYPE_KEY, Duration.ofSeconds(5), replyTo),
                Duration.ofSeconds(10),
                node.scheduler())
            .toCompletableFuture()
            .join();
    List<Integer> counts = new ArrayList<>();
    for (ShardRegion.ShardRegionStats region : stats.getRegions().values()) {
      counts.add(region.getStats().values().stream().mapToInt(n -> ((Number) n).intValue()).sum());
    }
    return counts;
  }
}
