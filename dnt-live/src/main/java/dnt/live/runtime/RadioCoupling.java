package dnt.live.runtime;

import dnt.core.UserId;
import dnt.core.geo.LocalProjection;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinKpis;
import dnt.core.util.Progress;
import dnt.data.milan.RadioLayer;
import dnt.data.network.OwnNetwork;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Observed traffic drives a radio twin (the paper's Sec. II example): each cell's internet activity
 * becomes the demand of the users in that cell, shared equally, applied as one {@link
 * TwinEvent.TrafficBatch} per cell update through {@link NetworkTwin}'s incremental propagation
 * (one propagation per cell, not per user; the actor holds the cells of a burst of messages and
 * applies them as one batch, {@link #offer} and {@link #flush}), so loads, activity factors,
 * interference and every user's SINR and rate stay current. Plain Java, owned by one actor.
 */
final class RadioCoupling {
  /** Users' mean demand before their cell's first telemetry, Mbit/s. */
  static final double MEAN_DEMAND_MBPS = 0.5;

  private final NetworkTwin twin;
  private final Map<Integer, List<UserId>> usersByCell;
  private final double mbpsPerActivity;

  /** The newest slot told of each cell (held or applied) and its activity. */
  private final Map<Integer, Told> told = new HashMap<>();

  /** A cell's newest slot told and its activity. */
  private record Told(long slot, double internet) {}

  /** Demand per user of each cell offered since the last flush, in the order first offered. */
  private final Map<Integer, Held> pending = new LinkedHashMap<>();

  /** A held cell: its users and the demand each gets. */
  private record Held(List<UserId> users, double each) {}

  private final @Nullable LocalProjection projection;

  RadioCoupling(NetworkTwin twin, Map<Integer, List<UserId>> usersByCell, double mbpsPerActivity) {
    this(twin, usersByCell, mbpsPerActivity, null);
  }

  RadioCoupling(
      NetworkTwin twin,
      Map<Integer, List<UserId>> usersByCell,
      double mbpsPerActivity,
      @Nullable LocalProjection projection) {
    this.twin = twin;
    this.usersByCell = usersByCell;
    this.mbpsPerActivity = mbpsPerActivity;
    this.projection = projection;
  }

  /** The projection from lon/lat to the twin's plane, when known (the Milan grid's). */
  @Nullable LocalProjection projection() {
    return projection;
  }

  /**
   * The radio twin of Milan: bundled LTE stations as small cells, users placed by station density,
   * each user assigned to the grid square nearest to it.
   */
  static RadioCoupling milan(int users, long seed, double mbpsPerActivity) {
    MilanTwin milan =
        MilanTwin.bundled(
            RadioLayer.LTE,
            StationProfile.smallCell(),
            users,
            UserPlacement.STATIONS,
            0,
            MEAN_DEMAND_MBPS,
            seed);
    NetworkTwin twin = milan.build(TwinConfig.defaults(milan.area()), Progress.NONE);
    return new RadioCoupling(
        twin, milan.usersByCell(twin), mbpsPerActivity, milan.grid().projection());
  }

  /**
   * The radio twin of a user's own network: its stations, users placed in its cells by station
   * density ({@link OwnNetwork#build}, mean demand 0.5 Mbit/s as for Milan), each user assigned to
   * the cell it lies in.
   */
  static RadioCoupling own(OwnNetwork network, int users, long seed, double mbpsPerActivity) {
    NetworkTwin twin = network.build(users, MEAN_DEMAND_MBPS, seed, Progress.NONE);
    return new RadioCoupling(
        twin, network.usersByCell(twin), mbpsPerActivity, network.grid().projection());
  }

  /**
   * A cell's internet activity in a slot, applied at once; older slots than the latest seen are
   * ignored.
   *
   * @return whether the twin changed
   */
  boolean observe(int cell, long slot, double internet) {
    boolean accepted = offer(cell, slot, internet);
    flush();
    return accepted;
  }

  /**
   * A cell's internet activity in a slot, held until the next {@link #flush}; older slots than the
   * latest seen (held or applied) are ignored, and a newer slot of a held cell replaces it. The
   * newest slot told again with the same activity is ignored too: it would set the same demands (a
   * cell twin tells its newest slot again each time it recovers, such as after a passivation).
   *
   * @return whether it was accepted
   */
  boolean offer(int cell, long slot, double internet) {
    List<UserId> users = usersByCell.get(cell);
    Told latest = told.get(cell);
    if (users == null
        || (latest != null
            && (slot < latest.slot()
                || (slot == latest.slot() && Double.compare(internet, latest.internet()) == 0)))) {
      return false;
    }
    told.put(cell, new Told(slot, internet));
    pending.put(cell, new Held(users, mbpsPerActivity * internet / users.size()));
    return true;
  }

  /** The number of cells held for the next {@link #flush}. */
  int pendingCells() {
    return pending.size();
  }

  /**
   * Applies every held cell's demand as one {@link TwinEvent.TrafficBatch} (cells in the order they
   * were first held, each cell's users in their order): each station shared by those users spreads
   * its new activity factor once for all of them. The final demands are those a separate {@link
   * #observe} per offer would set; loads are the same sums in another order, so they agree with
   * that sequence (and with a recomputation) to the running sums' rounding.
   */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<TwinEvent.TrafficObserved> demands = new ArrayList<>();
    for (Held h : pending.values()) {
      for (UserId u : h.users()) {
        demands.add(new TwinEvent.TrafficObserved(u, h.each()));
      }
    }
    pending.clear();
    if (!demands.isEmpty()) {
      twin.apply(new TwinEvent.TrafficBatch(demands));
    }
  }

  TwinKpis kpis() {
    flush();
    return twin.kpis();
  }

  /** The twin itself, for a plan that partitions it by region (which only reads it). */
  NetworkTwin twin() {
    return twin;
  }

  /** The users of each cell, in the order their demand is set. */
  Map<Integer, List<UserId>> usersByCell() {
    return usersByCell;
  }

  /** Mbit/s of demand per unit of a cell's internet activity. */
  double mbpsPerActivity() {
    return mbpsPerActivity;
  }

  NetworkTwin fork() {
    flush();
    return twin.fork();
  }
}
