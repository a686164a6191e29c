package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A twin over part of another twin's stations and users, with the same associations: the building
 * block of a radio twin partitioned by region (a region's own stations and users plus read-only
 * copies of the stations that reach them above the interference floor).
 *
 * <p>The subset keeps the whole twin's order of stations and of users, its configuration (area,
 * grid, floor, links) and every kept user's serving station, and recomputes loads, activity
 * factors, received powers and interference from scratch ({@link NetworkTwin#recomputed}'s
 * arithmetic). Hence, when every user of a kept station is kept and every station that reaches a
 * kept user above the floor is kept, each kept station's load and activity and each kept user's
 * signal and interference are the whole twin's recomputed values bit for bit: the same terms are
 * summed in the same order, the left-out stations being exactly those a full recomputation skips
 * for that user.
 */
public final class TwinSubset {
  private TwinSubset() {}

  /**
   * The subset with the whole twin's demands.
   *
   * @param whole the twin to take the subset of (read only)
   * @param keepStation which stations to keep (all must be on the air)
   * @param keepUser which users to keep; a kept user's serving station must be kept
   * @return the subset, its derived state recomputed
   * @throws InvalidInputException if a kept station is switched off or a kept user's station is not
   *     kept
   */
  public static NetworkTwin of(
      NetworkTwin whole, Predicate<BaseStationId> keepStation, Predicate<UserId> keepUser) {
    return of(whole, keepStation, keepUser, null);
  }

  /**
   * The subset with other demands (e.g. the current demands gathered from the regions of a
   * partitioned twin).
   *
   * @param whole the twin to take the subset of (read only)
   * @param keepStation which stations to keep (all must be on the air)
   * @param keepUser which users to keep; a kept user's serving station must be kept
   * @param demand each kept user's demand, Mbit/s, or null for the whole twin's
   * @return the subset, its derived state recomputed
   * @throws InvalidInputException if a kept station is switched off, a kept user's station is not
   *     kept, or a demand is out of range
   */
  public static NetworkTwin of(
      NetworkTwin whole,
      Predicate<BaseStationId> keepStation,
      Predicate<UserId> keepUser,
      @org.jspecify.annotations.Nullable ToDoubleFunction<UserId> demand) {
    int stations = whole.stationCount();
    int[] newIndex = new int[stations];
    List<StationSpec> kept = new ArrayList<>();
    for (int s = 0; s < stations; s++) {
      StationSpec spec = whole.stationSpecAt(s);
      if (!keepStation.test(spec.id())) {
        newIndex[s] = StationColumns.NONE;
        continue;
      }
      if (!whole.stationActiveAt(s)) {
        throw new InvalidInputException(
            "station " + spec.id() + " is switched off; a subset keeps stations on the air only");
      }
      newIndex[s] = kept.size();
      kept.add(spec);
    }
    int[] allIds = whole.userIdArray();
    double[] heights = whole.userHeightArray();
    int n = 0;
    int[] pick = new int[allIds.length];
    for (int u = 0; u < allIds.length; u++) {
      if (keepUser.test(UserId.of(allIds[u]))) {
        pick[n++] = u;
      }
    }
    int[] ids = new int[n];
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[] hs = new double[n];
    double[] demands = new double[n];
    int[] serving = new int[n];
    for (int k = 0; k < n; k++) {
      int u = pick[k];
      UserId id = UserId.of(allIds[u]);
      ids[k] = allIds[u];
      xs[k] = whole.userX(u);
      ys[k] = whole.userY(u);
      hs[k] = heights[u];
      demands[k] = demand == null ? whole.userDemand(u) : demand.applyAsDouble(id);
      UserSpec.checkDemand(id, demands[k]);
      int s = whole.userServingIndex(u);
      serving[k] = s < 0 ? StationColumns.NONE : newIndex[s];
      if (s >= 0 && serving[k] == StationColumns.NONE) {
        throw new InvalidInputException(
            "user " + id + " is kept but its station " + whole.stationSpecAt(s).id() + " is not");
      }
    }
    return NetworkTwin.create(
        whole.config(), kept, ids, xs, ys, hs, demands, serving, false, true, Progress.NONE);
  }
}
