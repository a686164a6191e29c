package dnt.core.radio;

import dnt.core.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The association rule of the static layouts ({@link DownlinkSinr}, {@link UplinkSinr}): each user
 * attaches to the station it receives strongest, ties to the lowest station id; and the checks that
 * make that rule well defined (at least one station, distinct ids).
 */
final class StrongestServer {
  private StrongestServer() {}

  /**
   * Rejects a layout the rule cannot serve.
   *
   * @param stations the stations
   * @param users the users
   * @throws InvalidInputException for no station or a repeated station or user id
   */
  static void checkLayout(List<Transmitter> stations, List<Receiver> users) {
    if (stations.isEmpty()) {
      throw new InvalidInputException("at least one station is needed to serve the users");
    }
    Set<Integer> seen = new HashSet<>();
    for (Transmitter t : stations) {
      if (!seen.add(t.id().value())) {
        throw new InvalidInputException("station id " + t.id() + " appears twice");
      }
    }
    seen.clear();
    for (Receiver r : users) {
      if (!seen.add(r.id().value())) {
        throw new InvalidInputException("user id " + r.id() + " appears twice");
      }
    }
  }

  /**
   * The index of the strongest station.
   *
   * @param stations the stations
   * @param rxDbm the power received from each, dBm, in the same order
   * @return the index of the largest power, ties to the lowest station id
   */
  static int of(List<Transmitter> stations, double[] rxDbm) {
    int best = 0;
    for (int s = 1; s < stations.size(); s++) {
      if (rxDbm[s] > rxDbm[best]
          || (rxDbm[s] == rxDbm[best]
              && stations.get(s).id().compareTo(stations.get(best).id()) < 0)) {
        best = s;
      }
    }
    return best;
  }
}
