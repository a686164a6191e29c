package dnt.live.radio;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.radio.Units;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationState;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinSnapshot;
import dnt.core.twin.UserState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One region of a partitioned radio twin, plain Java (its entity, {@link RadioRegion}, owns it): a
 * {@link NetworkTwin} of the region's own stations and users plus the read-only copies of the
 * foreign stations that reach them ({@link RegionPlan}). A cell's traffic sets the demand of the
 * region's own users of that cell and is forwarded, as the demand each user got, to the regions
 * that hold replicas of those users; a forwarded demand sets the replicas'. Every station's
 * sequence of load changes is therefore the single twin's, in the single twin's order, wherever it
 * is held.
 */
final class RegionTwin {
  private final RegionPlan.Region region;
  private NetworkTwin twin;
  private final double coverageMw;
  private final Map<Integer, Long> latestSlot = new HashMap<>();

  /**
   * The demand each user of a cell got with its newest slot (not handed off: a restored region sets
   * it again with each cell's next traffic).
   */
  private final Map<Integer, Double> latestEach = new HashMap<>();

  private boolean changed;

  /**
   * A forwarded demand: the holder, and what it is told.
   *
   * @param holder the region holding replicas
   * @param demand the message
   */
  record Forward(int holder, RadioRegion.Demand demand) {}

  RegionTwin(RegionPlan plan, int region) {
    this.region = plan.region(region);
    this.twin = plan.twinOf(region);
    this.coverageMw = Units.dbmToMw(twin.config().coverageRsrpDbm());
  }

  int id() {
    return region.id();
  }

  /**
   * A cell's internet activity in a slot: sets the demand of the region's own users of the cell
   * ({@code each}, computed by the plan as the single twin does); older slots than the newest seen
   * are ignored, and so is the newest slot told again with the same demand (a cell twin tells its
   * newest slot again each time it recovers: the demands are set already, and forwarded).
   *
   * @return the demands to forward to the regions holding replicas (empty when ignored)
   */
  List<Forward> traffic(int cell, long slot, double each) {
    List<UserId> users = region.ownByCell().get(cell);
    Long latest = latestSlot.get(cell);
    Double before = latestEach.get(cell);
    if (users == null
        || (latest != null
            && (slot < latest
                || (slot == latest && before != null && Double.compare(each, before) == 0)))) {
      return List.of();
    }
    latestSlot.put(cell, slot);
    latestEach.put(cell, each);
    changed = true;
    setDemands(users, each);
    int[] holders = region.forwardTo().get(cell);
    if (holders == null) {
      return List.of();
    }
    List<Forward> out = new ArrayList<>(holders.length);
    for (int q : holders) {
      out.add(new Forward(q, new RadioRegion.Demand(region.id(), cell, each)));
    }
    return out;
  }

  /** A demand forwarded by the owner of replicas: sets the replicas of its users in the cell. */
  void demand(int owner, int cell, double each) {
    List<UserId> users = region.replicaByOwnerCell().get(RegionPlan.key(owner, cell));
    if (users == null) {
      return;
    }
    changed = true;
    setDemands(users, each);
  }

  /**
   * Sets the demand of a cell's users with one propagation ({@link TwinEvent.TrafficBatch}: the
   * same loads bit for bit as one event per user, in the same order).
   */
  private void setDemands(List<UserId> users, double each) {
    if (users.isEmpty()) {
      return;
    }
    List<TwinEvent.TrafficObserved> demands = new ArrayList<>(users.size());
    for (UserId u : users) {
      demands.add(new TwinEvent.TrafficObserved(u, each));
    }
    twin.apply(new TwinEvent.TrafficBatch(demands));
  }

  /**
   * The region's whole state, for its next incarnation when sharding moves it to another node: the
   * newest slot of each cell and the twin's exact state ({@link TwinSnapshot}).
   */
  byte[] handOff() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(latestSlot.size());
      for (Map.Entry<Integer, Long> e : latestSlot.entrySet()) {
        out.writeInt(e.getKey());
        out.writeLong(e.getValue());
      }
      TwinSnapshot.write(twin, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Takes over the state an earlier incarnation handed off, bit for bit, unless this one already
   * applied traffic or demands (then the newer messages win and the hand-off is dropped).
   *
   * @return whether the state was taken over
   */
  boolean restore(byte[] state) {
    if (changed) {
      return false;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int n = in.readInt();
      Map<Integer, Long> slots = new HashMap<>();
      for (int k = 0; k < n; k++) {
        slots.put(in.readInt(), in.readLong());
      }
      twin = TwinSnapshot.read(in);
      latestSlot.putAll(slots);
      changed = true;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("a corrupt hand-off of radio region " + region.id(), e);
    }
  }

  /** The current demands of the own users a holder keeps replicas of (for a holder that starts). */
  RadioRegion.Demands demandsFor(int holder) {
    List<UserId> users = new ArrayList<>();
    for (Map.Entry<Integer, int[]> e : region.forwardTo().entrySet()) {
      for (int q : e.getValue()) {
        if (q == holder) {
          users.addAll(region.ownByCell().get(e.getKey()));
        }
      }
    }
    int[] ids = new int[users.size()];
    double[] demands = new double[users.size()];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = users.get(k).value();
      demands[k] = twin.userSpec(users.get(k)).demandMbps();
    }
    return new RadioRegion.Demands(region.id(), ids, demands);
  }

  /**
   * Demands sent by an owner that (re)started or was asked: sets every replica whose demand
   * differs.
   */
  void demands(RadioRegion.Demands d) {
    Set<UserId> replicas = region.replicas();
    for (int k = 0; k < d.users().length; k++) {
      UserId u = UserId.of(d.users()[k]);
      if (replicas.contains(u) && twin.userSpec(u).demandMbps() != d.demands()[k]) {
        twin.apply(new TwinEvent.TrafficObserved(u, d.demands()[k]));
      }
    }
  }

  /** The regions holding copies of this region's stations. */
  int[] holders() {
    return region.holders().clone();
  }

  /** The regions whose stations this region copies. */
  int[] owners() {
    return region.owners().clone();
  }

  /** The state of the region's own stations and users, in the whole twin's order. */
  RegionState state() {
    List<StationState> stations = new ArrayList<>();
    List<Double> capacities = new ArrayList<>();
    for (BaseStationId s : twin.stationIds()) {
      if (region.stations().contains(s)) {
        stations.add(twin.station(s));
        capacities.add(twin.stationSpec(s).capacityMbps());
      }
    }
    List<UserState> users = new ArrayList<>();
    int holes = 0;
    for (UserId u : twin.userIds()) {
      if (region.users().contains(u)) {
        UserState s = twin.user(u);
        users.add(s);
        if (!s.served() || Units.dbmToMw(s.rsrpDbm()) < coverageMw) {
          holes++;
        }
      }
    }
    return new RegionState(
        region.id(),
        stations,
        capacities.stream().mapToDouble(Double::doubleValue).toArray(),
        users,
        holes);
  }
}
