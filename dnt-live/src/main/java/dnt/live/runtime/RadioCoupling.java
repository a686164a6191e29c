package dnt.live.runtime;

import dnt.core.CellId;
import dnt.core.UserId;
import dnt.core.geo.LocalProjection;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinKpis;
import dnt.core.util.Progress;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.RadioLayer;
import dnt.data.network.OwnNetwork;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Observed traffic drives a radio twin (the paper's Sec. II example): each cell's internet activity
 * becomes the demand of the users in that cell, shared equally, applied through {@link
 * NetworkTwin}'s incremental propagation, so loads, activity factors, interference and every user's
 * SINR and rate stay current. Plain Java, owned by one actor.
 */
final class RadioCoupling {
  /** Users' mean demand before their cell's first telemetry, Mbit/s. */
  static final double MEAN_DEMAND_MBPS = 0.5;

  private final NetworkTwin twin;
  private final Map<Integer, List<UserId>> usersByCell;
  private final double mbpsPerActivity;
  private final Map<Integer, Long> latestSlot = new HashMap<>();
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
    MilanGrid grid = milan.grid();
    Map<Integer, List<UserId>> byCell = new HashMap<>();
    for (UserId u : twin.userIds()) {
      CellId cell = grid.nearestCell(twin.userSpec(u).position());
      byCell.computeIfAbsent(cell.value(), c -> new ArrayList<>()).add(u);
    }
    return new RadioCoupling(twin, byCell, mbpsPerActivity, grid.projection());
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
   * A cell's internet activity in a slot; older slots than the latest seen are ignored.
   *
   * @return whether the twin changed
   */
  boolean observe(int cell, long slot, double internet) {
    List<UserId> users = usersByCell.get(cell);
    Long latest = latestSlot.get(cell);
    if (users == null || (latest != null && slot < latest)) {
      return false;
    }
    latestSlot.put(cell, slot);
    double each = mbpsPerActivity * internet / users.size();
    for (UserId u : users) {
      twin.apply(new TwinEvent.TrafficObserved(u, each));
    }
    return true;
  }

  TwinKpis kpis() {
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
    return twin.fork();
  }
}
