package dnt.caching.network;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.UserSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The caching network of a {@link NetworkTwin}: which stations cover which clients, from the twin's
 * positions and its radio model. A station covers a client when the client receives it at or above
 * {@code thresholdDbm} (received power: the station's EIRP minus the link's loss in the twin's
 * {@link dnt.core.radio.LinkBudget}, the same link the twin computes). The home station is the
 * twin's serving station (the strongest, by its own association); the second is the strongest other
 * covering station. A client covered by three or more stations keeps its two strongest, as the
 * paper's setting allows at most two (Sec. IV-B: "clients served by up to two BSs"); the threshold
 * itself is reconstructed (the paper gives none).
 *
 * <p>Stations are numbered 0..B-1 in increasing id order; a client's index is its user id, so user
 * ids must be 0..n-1.
 *
 * @param topology the association: home first, then the second covering station if any
 * @param stations the twin's station ids, by station index
 * @param thresholdDbm the coverage threshold, dBm
 * @param rsrpDbm received power, dBm, by client (row) and station index (column)
 */
public record TwinCoverage(
    Topology topology, List<BaseStationId> stations, double thresholdDbm, double[][] rsrpDbm) {

  /** Copies the lists. */
  public TwinCoverage {
    stations = List.copyOf(stations);
  }

  /**
   * Reads the coverage of a twin.
   *
   * @param twin the twin: stations, users with ids 0..n-1, its radio model
   * @param thresholdDbm the coverage threshold, dBm
   * @return the coverage
   * @throws InvalidInputException when a user id is outside 0..n-1, when a user's serving station
   *     is missing or received below the threshold (a coverage hole), or when a station covers no
   *     client as home
   */
  public static TwinCoverage of(NetworkTwin twin, double thresholdDbm) {
    List<BaseStationId> ids = new ArrayList<>(twin.stationIds());
    ids.sort(null);
    List<StationSpec> specs = new ArrayList<>();
    for (BaseStationId id : ids) {
      specs.add(twin.stationSpec(id));
    }
    int n = twin.userCount();
    double[][] rsrp = new double[n][];
    Topology.Builder builder = Topology.builder();
    for (UserId uid : twin.userIds()) {
      int u = uid.value();
      if (u >= n) {
        throw new InvalidInputException(
            "user ids must be 0.." + (n - 1) + " to serve as client indices, got " + u);
      }
      UserSpec user = twin.userSpec(uid);
      double[] row = new double[ids.size()];
      for (int s = 0; s < row.length; s++) {
        StationSpec st = specs.get(s);
        row[s] =
            st.eirpDbm()
                - twin.config()
                    .links()
                    .lossDb(
                        st.id().value(),
                        u,
                        st.position().distanceTo(user.position()),
                        st.heightM(),
                        user.heightM());
      }
      rsrp[u] = row;
      BaseStationId serving = twin.user(uid).serving();
      int home = serving == null ? -1 : ids.indexOf(serving);
      if (home < 0 || row[home] < thresholdDbm) {
        throw new InvalidInputException(
            "client "
                + u
                + " is in a coverage hole: no station reaches it at "
                + thresholdDbm
                + " dBm or more");
      }
      builder.attach(u, home, 0);
      int second = -1;
      for (int s = 0; s < row.length; s++) {
        if (s != home && row[s] >= thresholdDbm && (second < 0 || row[s] > row[second])) {
          second = s;
        }
      }
      if (second >= 0) {
        builder.attach(u, second, 0);
      }
    }
    Topology topology = builder.build();
    if (topology.stationCount() != ids.size()) {
      throw new InvalidInputException(
          "station " + ids.get(ids.size() - 1) + " covers no client; every station needs one");
    }
    return new TwinCoverage(topology, ids, thresholdDbm, rsrp);
  }

  /**
   * The share of clients covered by two stations.
   *
   * @return dual-covered clients over all clients
   */
  public double dualShare() {
    int dual = 0;
    for (int u = 0; u < rsrpDbm.length; u++) {
      if (topology.stationsOf(u).length == 2) {
        dual++;
      }
    }
    return rsrpDbm.length == 0 ? 0 : (double) dual / rsrpDbm.length;
  }
}
