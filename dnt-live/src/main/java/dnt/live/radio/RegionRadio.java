package dnt.live.radio;

import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import dnt.core.twin.UserState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * The partitioned radio twin as one node sees it: starts the sharding of {@link RadioRegion}s on
 * the node (never passivated: a region's twin lives in memory), routes each cell's traffic to the
 * regions that own its users, and gathers the regions' states into per-station and per-user KPIs,
 * the network's KPIs ({@link RegionKpis}) and a whole twin for inspection and what-if. Every node
 * of a cluster starts one over the same plan.
 */
public final class RegionRadio {
  private final ClusterSharding sharding;
  private final Supplier<RegionPlan> plan;
  private final Duration timeout;
  private final Executor executor;

  private RegionRadio(
      ClusterSharding sharding, Supplier<RegionPlan> plan, Duration timeout, Executor executor) {
    this.sharding = sharding;
    this.plan = plan;
    this.timeout = timeout;
    this.executor = executor;
  }

  /**
   * Starts region sharding on a node and wakes every region (each then builds its twin on the node
   * sharding places it on).
   *
   * @param system the node's actor system (a cluster member)
   * @param plan the node's plan, built once on first use
   * @param timeout how long a gathering waits for the regions
   * @return the handle
   */
  public static RegionRadio start(ActorSystem<?> system, RegionPlan plan, Duration timeout) {
    Supplier<RegionPlan> p = () -> plan;
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(
        Entity.of(
                RadioRegion.TYPE_KEY,
                ctx -> RadioRegion.create(Integer.parseInt(ctx.getEntityId()), p, sharding))
            .withStopMessage(new RadioRegion.HandOff())
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    RegionRadio radio = new RegionRadio(sharding, p, timeout, system.executionContext());
    for (int r : plan.regions()) {
      RadioRegion.send(sharding, r, new RadioRegion.Hello(-1));
    }
    return radio;
  }

  /**
   * The plan.
   *
   * @return the node's plan
   */
  public RegionPlan plan() {
    return plan.get();
  }

  /**
   * A cell's internet activity in its newest slot, told to every region that owns users of the
   * cell.
   *
   * @param cell the cell number
   * @param slot the slot
   * @param internet the activity
   */
  public void traffic(int cell, long slot, double internet) {
    for (int r : plan.get().ownersOf(cell)) {
      RadioRegion.send(sharding, r, new RadioRegion.Traffic(cell, slot, internet));
    }
  }

  /**
   * Every region's state, ascending by region.
   *
   * @return the states; fails if a region does not answer in time
   */
  public CompletionStage<List<RegionState>> states() {
    List<CompletableFuture<RegionState>> asks = new ArrayList<>();
    for (int r : plan.get().regions()) {
      asks.add(
          sharding
              .entityRefFor(RadioRegion.TYPE_KEY, Integer.toString(r))
              .<RegionState>ask(
                  (ActorRef<RegionState> replyTo) -> new RadioRegion.GetState(replyTo), timeout)
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApplyAsync(v -> asks.stream().map(CompletableFuture::join).toList(), executor);
  }

  /**
   * The network's KPIs, gathered from the regions.
   *
   * @return the KPIs
   */
  public CompletionStage<TwinKpis> kpis() {
    return states().thenApply(RegionKpis::of);
  }

  /**
   * The whole radio twin with every user's current demand (gathered from the regions), everything
   * derived recomputed: for inspection and what-if, never written back.
   *
   * @return the twin
   */
  public CompletionStage<NetworkTwin> whole() {
    return states()
        .thenApply(
            states -> {
              Map<UserId, Double> demands = new HashMap<>();
              for (RegionState s : states) {
                for (UserState u : s.users()) {
                  demands.put(u.id(), u.demandMbps());
                }
              }
              return plan.get().whole(demands);
            });
  }
}
