package dnt.live.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.live.TestPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live twin's cluster configuration (dnt-live.conf) runs Pekko's split-brain resolver with
 * keep-majority: on three nodes in this JVM, a node that vanishes without leaving (its system
 * stopped without coordinated shutdown, so it never says goodbye, like a crashed process) becomes
 * unreachable and is downed and removed by the two others, the majority. Without a downing provider
 * it would stay unreachable for ever, and its shards would never move.
 */
final class SplitBrainResolverTest {
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

  private static Config node(int port, int seedPort, boolean leavesOnStop) {
    ClassLoader loader = SplitBrainResolverTest.class.getClassLoader();
    return ConfigFactory.defaultOverrides(loader)
        .withFallback(
            ConfigFactory.parseMap(
                Map.of(
                    "pekko.remote.artery.canonical.port",
                    port,
                    "pekko.cluster.seed-nodes",
                    List.of("pekko://dnt-live@127.0.0.1:" + seedPort),
                    "pekko.coordinated-shutdown.run-by-actor-system-terminate",
                    leavesOnStop ? "on" : "off")))
        .withFallback(ConfigFactory.parseResources(loader, "dnt-live.conf"))
        .withFallback(ConfigFactory.defaultReference(loader))
        .resolve();
  }

  private static List<Member> members(ActorSystem<Void> s) {
    return StreamSupport.stream(Cluster.get(s).state().getMembers().spliterator(), false).toList();
  }

  @Test
  void theConfiguredClusterRunsTheSplitBrainResolver() throws Exception {
    int[] ports = TestPorts.freePorts(3);
    for (int i = 0; i < 3; i++) {
      nodes.add(
          ActorSystem.create(Behaviors.empty(), "dnt-live", node(ports[i], ports[0], i != 2)));
    }
    org.apache.pekko.cluster.Cluster classic =
        org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(nodes.get(0)));
    assertThat(classic.settings().DowningProviderClassName())
        .isEqualTo("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    Config c = nodes.get(0).settings().config();
    assertThat(c.getString("pekko.cluster.split-brain-resolver.active-strategy"))
        .isEqualTo("keep-majority");
    Duration stableAfter = c.getDuration("pekko.cluster.split-brain-resolver.stable-after");
    assertThat(stableAfter).isEqualTo(Duration.ofSeconds(10));

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (ActorSystem<Void> s : nodes) {
      while (members(s).stream().filter(m -> m.status().equals(MemberStatus.up())).count() < 3) {
        assertThat(System.nanoTime()).as("the cluster did not form in 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
    // the third node vanishes without leaving
    ActorSystem<Void> victim = nodes.remove(2);
    Address gone = Cluster.get(victim).selfMember().address();
    victim.terminate();
    victim.getWhenTerminated().toCompletableFuture().join();
    long start = System.nanoTime();
    // failure detection (a few seconds) + stable-after + removal; 60 s is ample on a loaded machine
    deadline = start + Duration.ofSeconds(60).toNanos();
    for (ActorSystem<Void> s : nodes) {
      while (members(s).stream().anyMatch(m -> m.address().equals(gone))) {
        assertThat(System.nanoTime())
            .as("the unreachable node was not downed in 60 s: %s", members(s))
            .isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(members(s)).hasSize(2).allMatch(m -> m.status().equals(MemberStatus.up()));
      assertThat(Cluster.get(s).state().getUnreachable()).isEmpty();
    }
    // not before stable-after: the resolver waits for the membership to be stable
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(stableAfter);
  }
}
